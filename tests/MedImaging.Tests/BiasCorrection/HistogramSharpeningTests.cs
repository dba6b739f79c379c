using MedImaging.BiasCorrection;

namespace MedImaging.Tests.BiasCorrection;

public sealed class HistogramSharpeningTests
{
    [Test]
    public void PaddedLength_200Bins_Is512AsItk()
    {
        // ITK: 2^(ceil(log2 200) + 1) = 2^9, histogram placed at offset (512 − 200)/2 = 156.
        Assert.That(HistogramSharpening.PaddedLength(200), Is.EqualTo(512));
        Assert.That(HistogramSharpening.PaddedLength(256), Is.EqualTo(512));
        Assert.That(HistogramSharpening.PaddedLength(257), Is.EqualTo(1024));
    }

    [Test]
    public void BuildHistogram_LinearParzen_SplitsBetweenNeighbours()
    {
        // Values at 0, 0.25 and 1 bin widths: 0 → bin 0; 0.25 → 0.75/0.25; the maximum (exactly bins−1) → last bin.
        double[] h = HistogramSharpening.BuildHistogram([0.0, 0.25, 1.0], 0.0, 1.0, 2);
        Assert.That(h, Is.EqualTo(new[] { 1.75, 1.25 }));
    }

    [Test]
    public void GaussianSpectrum_UnitArea_DcIsOne()
    {
        // The kernel is a sampled unit-area Gaussian: its DC term is its sum ≈ 1 (sampling error < 1e-9 for FWHM 20 bins).
        double[] f = HistogramSharpening.GaussianSpectrum(512, 20);
        Assert.That(f[0], Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public void Sharpen_UniformDistribution_InteriorMapsToItself()
    {
        // For a flat histogram E[u | v] = v far from the ends: deconvolution and re-blurring change nothing there.
        double[] values = Enumerable.Range(0, 20001).Select(i => i / 20000.0).ToArray();
        var sharpened = new double[values.Length];
        HistogramSharpening.Sharpen(values, sharpened, 200, 0.05, 0.01);
        for (int i = 6000; i <= 14000; i += 500)
        {
            // The Wiener filter's ripple on a flat histogram stays below 1e-3 of the range in the interior.
            Assert.That(sharpened[i], Is.EqualTo(values[i]).Within(1e-3));
        }
    }

    [Test]
    public void Sharpen_TwoBlurredClasses_PullsValuesTowardClassCentres()
    {
        // Two tissue classes at log 0 and log 1, each blurred by a bias-like spread (sd 0.06): sharpening must
        // shrink the spread within each class (the purpose of N4's sharpening step; Sled 1998).
        var random = new Random(3);
        var values = new double[20000];
        for (int i = 0; i < values.Length; i++)
        {
            double centre = i % 2;
            values[i] = centre + 0.06 * Gaussian(random);
        }

        var sharpened = new double[values.Length];
        HistogramSharpening.Sharpen(values, sharpened, 200, 0.15, 0.01);
        double before = ClassSpread(values);
        double after = ClassSpread(sharpened);
        Assert.That(after, Is.LessThan(0.8 * before), $"spread {before:F4} → {after:F4}");
        Assert.That(sharpened.All(double.IsFinite), Is.True);
    }

    [Test]
    public void Sharpen_ConstantValues_Identity()
    {
        double[] values = [2.5, 2.5, 2.5];
        var sharpened = new double[3];
        HistogramSharpening.Sharpen(values, sharpened, 200, 0.15, 0.01);
        Assert.That(sharpened, Is.EqualTo(values));
    }

    private static double ClassSpread(double[] v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double d = v[i] - (i % 2);
            sum += d * d;
        }

        return Math.Sqrt(sum / v.Length);
    }

    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
