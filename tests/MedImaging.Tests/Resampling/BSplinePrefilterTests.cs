using MedImaging.Resampling;

namespace MedImaging.Tests.Resampling;

[TestFixture]
public class BSplinePrefilterTests
{
    [TestCase(2, 8)]
    [TestCase(3, 8)]
    [TestCase(3, 60)]
    [TestCase(4, 9)]
    [TestCase(5, 11)]
    [TestCase(5, 70)]
    public void PrefilterLine_CoefficientsReproduceSamplesAtVoxelCentres(int order, int n)
    {
        // Interpolation condition (analytic): Σ_k c[mirror(k)] β_n(i − k) = s[i] at every sample i.
        var random = new Random(order * 100 + n);
        var samples = new double[n];
        for (int i = 0; i < n; i++)
        {
            samples[i] = random.NextDouble() * 200 - 100;
        }

        double[] c = (double[])samples.Clone();
        BSplinePrefilter.PrefilterLine(c, BSplineKernel.Poles(order));
        Span<double> weights = stackalloc double[order + 1];
        for (int i = 0; i < n; i++)
        {
            long start = BSplineKernel.SupportStart(i, order);
            BSplineKernel.Weights(i, start, order, weights);
            double value = 0;
            for (int k = 0; k <= order; k++)
            {
                value += weights[k] * c[BSplineKernel.Mirror(start + k, n)];
            }

            // Long lines truncate the causal sum where |z|^k < 1e-10 (ITK's tolerance): 1e-8 of values ~100.
            Assert.That(value, Is.EqualTo(samples[i]).Within(1e-8), $"sample {i}");
        }
    }

    [Test]
    public void Poles_AreRootsOfTheBSplineSymbol()
    {
        // Cubic: z = √3 − 2 solves z² + 4z + 1 = 0 (Unser 1999, Box 2); 1e-14 allows a few ulps of rounding.
        double z = BSplineKernel.Poles(3)[0];
        Assert.That(z * z + 4 * z + 1, Is.EqualTo(0).Within(1e-14));

        // Quadratic: z = √8 − 3 solves z² + 6z + 1 = 0.
        double q = BSplineKernel.Poles(2)[0];
        Assert.That(q * q + 6 * q + 1, Is.EqualTo(0).Within(1e-14));
    }
}
