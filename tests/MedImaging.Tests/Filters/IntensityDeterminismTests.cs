using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

/// <summary>
/// Every intensity filter gives bit-identical output with 1 and 2 threads on a volume of several 64 Ki-voxel blocks
/// (the fixed-block promise of DESIGN.md; ITK does not make it).
/// </summary>
public sealed class IntensityDeterminismTests
{
    private const int Nx = 64, Ny = 64, Nz = 41; // 167 936 voxels: three blocks, the last one partial

    [Test]
    public void FloatFilters_OneAndTwoThreads_BitIdentical()
    {
        var image = IntensityTestData.Volume(IntensityTestData.Random<float>(Nx * Ny * Nz, 21), Nx, Ny, Nz);
        var finite = IntensityTestData.Volume(IntensityTestData.RandomFinite<float>(Nx * Ny * Nz, 22), Nx, Ny, Nz);
        ExecutionOptions one = IntensityTestData.Threads(1), two = IntensityTestData.Threads(2);

        Assert.That(ImageFilters.Statistics(finite, two), Is.EqualTo(ImageFilters.Statistics(finite, one)));
        Assert.That(Bits(ImageFilters.Statistics(image, two)), Is.EqualTo(Bits(ImageFilters.Statistics(image, one))));
        Assert.That(ImageFilters.Histogram(finite, 64, -30000, 30000, execution: two),
            Is.EqualTo(ImageFilters.Histogram(finite, 64, -30000, 30000, execution: one)));
        AssertSame(ImageFilters.IntensityWindowing(image, -100, 300, execution: one), ImageFilters.IntensityWindowing(image, -100, 300, execution: two));
        AssertSame(ImageFilters.RescaleIntensity(finite, 0, 1, one), ImageFilters.RescaleIntensity(finite, 0, 1, two));
        AssertSame(ImageFilters.Clamp(image, -5, 5, one), ImageFilters.Clamp(image, -5, 5, two));
        AssertSame(ImageFilters.Cast<float, short>(image, one), ImageFilters.Cast<float, short>(image, two));
        AssertSame(ImageFilters.BinaryThreshold(image, -5, 5, execution: one), ImageFilters.BinaryThreshold(image, -5, 5, execution: two));
    }

    [Test]
    public void Int16Filters_OneAndTwoThreads_BitIdentical()
    {
        var ct = IntensityTestData.Volume(IntensityTestData.Random<short>(Nx * Ny * Nz, 23), Nx, Ny, Nz);
        ExecutionOptions one = IntensityTestData.Threads(1), two = IntensityTestData.Threads(2);
        Assert.That(ImageFilters.Statistics(ct, two), Is.EqualTo(ImageFilters.Statistics(ct, one)));
        AssertSame(ImageFilters.Cast<short, float>(ct, one), ImageFilters.Cast<short, float>(ct, two));
        AssertSame(ImageFilters.IntensityWindowing(ct, -160, 240, execution: one), ImageFilters.IntensityWindowing(ct, -160, 240, execution: two));
        var mask = ImageFilters.BinaryThreshold(ct, 0, 30000, execution: one);
        AssertSame(mask, ImageFilters.BinaryThreshold(ct, 0, 30000, execution: two));
        AssertSame(ImageFilters.Mask(ct, mask, execution: one), ImageFilters.Mask(ct, mask, execution: two));
    }

    private static long[] Bits(StatisticsResult s) =>
        [.. new[] { s.Minimum, s.Maximum, s.Mean, s.Sigma, s.Variance, s.Sum }.Select(BitConverter.DoubleToInt64Bits), s.Count];

    private static void AssertSame<T>(Volume<T> expected, Volume<T> actual)
        where T : unmanaged, System.Numerics.INumber<T> =>
        Assert.That(actual.AsBytes().SequenceEqual(expected.AsBytes()), Is.True, $"{typeof(T).Name} outputs differ between 1 and 2 threads");
}
