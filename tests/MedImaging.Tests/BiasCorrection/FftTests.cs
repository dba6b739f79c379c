using MedImaging.BiasCorrection;

namespace MedImaging.Tests.BiasCorrection;

public sealed class FftTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(8)]
    [TestCase(64)]
    [TestCase(512)]
    public void Transform_RandomSignal_MatchesNaiveDft(int n)
    {
        var random = new Random(n);
        double[] re = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] im = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] fr = (double[])re.Clone();
        double[] fi = (double[])im.Clone();
        Fft.Transform(fr, fi, inverse: false);
        for (int k = 0; k < n; k++)
        {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++)
            {
                double a = -2 * Math.PI * k * t / n;
                sr += re[t] * Math.Cos(a) - im[t] * Math.Sin(a);
                si += re[t] * Math.Sin(a) + im[t] * Math.Cos(a);
            }

            // Definition of the DFT; O(n log n) vs O(n²) summation differ by rounding (values ≤ ~n/2).
            Assert.That(fr[k], Is.EqualTo(sr).Within(1e-9));
            Assert.That(fi[k], Is.EqualTo(si).Within(1e-9));
        }

        Fft.Transform(fr, fi, inverse: true);
        // Inverse ∘ forward = identity, rounding only.
        Assert.That(fr, Is.EqualTo(re).Within(1e-12));
        Assert.That(fi, Is.EqualTo(im).Within(1e-12));
    }

    [Test]
    public void Transform_NotPowerOfTwo_Throws()
    {
        Assert.That(() => Fft.Transform(new double[200], new double[200], false), Throws.ArgumentException);
    }
}
