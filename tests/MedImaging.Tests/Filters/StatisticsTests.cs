using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

/// <summary>
/// Statistics and Histogram against closed forms: an arithmetic sequence a, a + d, …, a + (n − 1)d has
/// sum n·a + d·n(n − 1)/2, mean a + d(n − 1)/2 and sample variance d²·n(n + 1)/12.
/// </summary>
public sealed class StatisticsTests
{
    [Test]
    public void Statistics_Int16FullRange_MatchesClosedForm()
    {
        // −32768 … 32767 (d = 1, n = 65 536): sum −32 768, mean −0.5, variance 65 536·65 537/12.
        short[] values = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
        StatisticsResult s = ImageFilters.Statistics(IntensityTestData.Volume(values, 256, 256, 1));
        Assert.That(s.Count, Is.EqualTo(65536));
        Assert.That(s.Minimum, Is.EqualTo(-32768));
        Assert.That(s.Maximum, Is.EqualTo(32767));
        Assert.That(s.Sum, Is.EqualTo(-32768));
        Assert.That(s.Mean, Is.EqualTo(-0.5));
        // Exact integers, one rounding to double in the numerator, one in n(n − 1), one in the division: ≤ 3 ulp.
        Assert.That(s.Variance, Is.EqualTo(65536.0 * 65537 / 12).Within(4e-16 * 65536.0 * 65537 / 12 * 3));
        Assert.That(s.Sigma, Is.EqualTo(Math.Sqrt(65536.0 * 65537 / 12)).Within(1e-15 * 20000));
    }

    [Test]
    public void Statistics_Int32NearOverflow_IsExact()
    {
        // x = 2^30 + (k mod 2), n = 200 000 (several blocks): mean 2^30 + 0.5, variance 0.25·n/(n − 1).
        // A double sum of squares (≈ 2^78, ulp 2^26) would lose the variance completely; integer sums keep it.
        const int n = 200_000;
        int[] values = Enumerable.Range(0, n).Select(k => (1 << 30) + (k % 2)).ToArray();
        StatisticsResult s = ImageFilters.Statistics(IntensityTestData.Volume(values, 500, 400, 1));
        Assert.That(s.Mean, Is.EqualTo((1 << 30) + 0.5));
        Assert.That(s.Sum, Is.EqualTo(n * (double)(1 << 30) + n / 2));
        // (n·Σx² − (Σx)²) is exact; two roundings to double and one division: 2 ulp of 0.25.
        Assert.That(s.Variance, Is.EqualTo(0.25 * n / (n - 1)).Within(1e-16));
    }

    [Test]
    public void Statistics_UInt32Maximum_SumIsExact()
    {
        uint[] values = Enumerable.Repeat(uint.MaxValue, 70_000).ToArray();
        StatisticsResult s = ImageFilters.Statistics(IntensityTestData.Volume(values, 700, 100, 1));
        Assert.That(s.Sum, Is.EqualTo(70_000.0 * uint.MaxValue));
        Assert.That(s.Variance, Is.Zero);
        Assert.That(s.Minimum, Is.EqualTo((double)uint.MaxValue));
    }

    [Test]
    public void Statistics_FloatHalfSteps_MatchesClosedForm()
    {
        // x = k/2, k = 0 … n − 1: every partial sum is a multiple of 1/4 below 2^51, so Sum and Σx² are exact.
        const int n = 150_000;
        float[] values = Enumerable.Range(0, n).Select(k => k * 0.5f).ToArray();
        StatisticsResult s = ImageFilters.Statistics(IntensityTestData.Volume(values, 500, 300, 1));
        Assert.That(s.Sum, Is.EqualTo(0.5 * n * (n - 1) / 2));
        Assert.That(s.Mean, Is.EqualTo(0.5 * (n - 1) / 2));
        double variance = 0.25 * n * (n + 1) / 12;
        // ITK's (Σx² − (Σx)²/n)/(n − 1): (Σx)²/n rounds once (relative 1e-16 of Σx² ≈ 4·variance·n) → ≤ 1e-9 relative.
        Assert.That(s.Variance, Is.EqualTo(variance).Within(1e-9 * variance));
        Assert.That(s.Maximum, Is.EqualTo((n - 1) * 0.5));
    }

    [Test]
    public void Statistics_NaNVoxel_CountedAndPropagatedLikeItk()
    {
        StatisticsResult s = ImageFilters.Statistics(IntensityTestData.Row(1f, float.NaN, 3f));
        Assert.That(s.Count, Is.EqualTo(3));
        Assert.That((s.Minimum, s.Maximum), Is.EqualTo((1.0, 3.0)));
        Assert.That(double.IsNaN(s.Sum) && double.IsNaN(s.Mean) && double.IsNaN(s.Variance) && double.IsNaN(s.Sigma), Is.True);
        StatisticsResult allNaN = ImageFilters.Statistics(IntensityTestData.Row(double.NaN));
        Assert.That(double.IsNaN(allNaN.Minimum) && double.IsNaN(allNaN.Maximum), Is.True);
    }

    [Test]
    public void Statistics_SingleVoxel_VarianceIsNaNAsItk()
    {
        StatisticsResult s = ImageFilters.Statistics(IntensityTestData.Row<short>(-7));
        Assert.That((s.Minimum, s.Maximum, s.Mean, s.Sum, s.Count), Is.EqualTo((-7.0, -7.0, -7.0, -7.0, 1L)));
        Assert.That(double.IsNaN(s.Variance), Is.True);
    }

    [Test]
    public void Statistics_NonGeneric_DispatchesOnPixelType()
    {
        Volume image = IntensityTestData.Row<byte>(1, 2, 3, 4);
        StatisticsResult s = ImageFilters.Statistics(image);
        // 1…4: mean 2.5, sample variance 4·5/12 = 5/3.
        Assert.That((s.Mean, s.Sum), Is.EqualTo((2.5, 10.0)));
        Assert.That(s.Variance, Is.EqualTo(5.0 / 3).Within(1e-15));
    }

    [Test]
    public void Histogram_UniformIntegers_CountsPerBin()
    {
        // 0 … 100 into 10 bins of width 10 over [0, 100]: ten values per bin, and 100 joins the last bin.
        int[] values = [.. Enumerable.Range(-1, 103)];
        Volume<int> image = IntensityTestData.Row(values);
        long[] counts = ImageFilters.Histogram(image, 10, 0, 100);
        Assert.That(counts, Is.EqualTo(new long[] { 10, 10, 10, 10, 10, 10, 10, 10, 10, 11 }));
        var even = IntensityTestData.Row(values.Select(v => (byte)(v % 2 == 0 ? 1 : 0)).ToArray());
        Assert.That(ImageFilters.Histogram(image, 10, 0, 100, even), Is.EqualTo(new long[] { 5, 5, 5, 5, 5, 5, 5, 5, 5, 6 }));
    }

    [Test]
    public void Histogram_BadArguments_Throw()
    {
        var image = IntensityTestData.Row(1f, 2f);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.Histogram(image, 0, 0, 1));
        Assert.Throws<ArgumentException>(() => ImageFilters.Histogram(image, 4, 1, 1));
        Assert.Throws<ArgumentException>(() => ImageFilters.Histogram(image, 4, 0, double.PositiveInfinity));
        Assert.That(ImageFilters.Histogram(IntensityTestData.Row(float.NaN, 0.5f), 2, 0, 1), Is.EqualTo(new long[] { 0, 1 }));
    }
}
