using MedImaging.Filters;
using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

[TestFixture]
public sealed class MetricDerivativeTests
{
    [TestCase(RegistrationMetric.MattesMutualInformation)]
    [TestCase(RegistrationMetric.MeanSquares)]
    [TestCase(RegistrationMetric.Correlation)]
    public void Derivative_MatchesCentralFiniteDifferenceOfValue(RegistrationMetric kind)
    {
        var grid = new VolumeGeometry(new Size3(40, 44, 36), new Vec3(2, 2, 2), new Vec3(-39, -43, -35));
        float[] intensities = [0, 300, 800, 550, 150, 650];
        // Smooth images so the value is differentiable at the finite-difference step.
        Volume<float> f = ImageFilters.SmoothingRecursiveGaussian(RegistrationPhantoms.Render(grid, p => p, intensities, 1), 3.0);
        var shift = new Euler3DTransform(grid.Center, 0.02, 0.0, 0.05, new Vec3(1, -1, 0.5));
        Volume<float> m = ImageFilters.SmoothingRecursiveGaussian(RegistrationPhantoms.Render(grid, shift.GetInverse().TransformPoint, intensities, 2), 3.0);
        // Samples well inside both images (≥ 8 voxels from the border), so no sample enters or leaves the overlap
        // between the finite-difference evaluations.
        var rng = new Random(3);
        Vec3[] points = [.. Enumerable.Range(0, 3000).Select(_ => grid.TransformContinuousIndexToPhysicalPoint(
            new Vec3(8 + (rng.NextDouble() * 24), 8 + (rng.NextDouble() * 28), 8 + (rng.NextDouble() * 20))))];
        ImageMetric metric = ImageMetric.Create(new RegistrationOptions { Metric = kind }, new SampledImage(f, null), new SampledImage(m, null), points);
        var t = new Euler3DTransform(grid.Center, 0.0, 0.01, 0.0, new Vec3(0.3, 0.2, -0.4));
        double[] d = new double[6];
        metric.GetValueAndDerivative(t, d, null);
        double[] p0 = t.Parameters;
        double[] steps = [1e-4, 1e-4, 1e-4, 1e-2, 1e-2, 1e-2];
        // Compare per mm of displacement: angle derivatives are divided by the samples' lever arm (~20 mm), so a
        // rotation derivative — a small difference of large lever-weighted gradient terms — is judged on the scale
        // of the motion it causes.
        double[] perMm = [20, 20, 20, 1, 1, 1];
        double[] analytic = new double[6], numeric = new double[6];
        for (int k = 0; k < 6; k++)
        {
            double[] p = (double[])p0.Clone();
            p[k] = p0[k] + steps[k];
            t.Parameters = p;
            double plus = metric.GetValueAndDerivative(t, new double[6], null);
            p[k] = p0[k] - steps[k];
            t.Parameters = p;
            double minus = metric.GetValueAndDerivative(t, new double[6], null);
            // ITK's derivative is the descent direction, −∂value/∂p.
            numeric[k] = (plus - minus) / (2 * steps[k]) / perMm[k];
            analytic[k] = -d[k] / perMm[k];
        }

        double norm = Math.Sqrt(numeric.Sum(v => v * v));
        double error = Math.Sqrt(analytic.Zip(numeric, (a, n) => (a - n) * (a - n)).Sum());
        // The analytic derivative uses the moving gradient by central differences (±1 voxel), the numeric one the
        // exact slope of the trilinear interpolant: on images smoothed with sigma 1.5 voxels they agree to a few
        // percent of the derivative's norm; 10 % separates that from sign or factor errors.
        Assert.That(error, Is.LessThan(0.1 * norm), $"analytic [{string.Join(", ", analytic)}] numeric [{string.Join(", ", numeric)}]");
    }

    [Test]
    public void ValueOnly_EqualsTheValueOfTheFullEvaluation_AndMarksNoOverlap([Values] RegistrationMetric kind)
    {
        var grid = new VolumeGeometry(new Size3(30, 32, 28), new Vec3(2, 2, 2), new Vec3(-29, -31, -27));
        Volume<float> f = RegistrationPhantoms.Render(grid, p => p, RegistrationPhantoms.SmallIntensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(grid, p => p + new Vec3(2, -1, 1), RegistrationPhantoms.SmallIntensities, 2);
        var rng = new Random(5);
        Vec3[] points = [.. Enumerable.Range(0, 2000).Select(_ => grid.TransformContinuousIndexToPhysicalPoint(
            new Vec3(rng.NextDouble() * 29, rng.NextDouble() * 31, rng.NextDouble() * 27)))];
        ImageMetric metric = ImageMetric.Create(new RegistrationOptions { Metric = kind }, new SampledImage(f, null), new SampledImage(m, null), points);
        var t = new Euler3DTransform(grid.Center, 0.03, -0.02, 0.05, new Vec3(1, 0.5, -0.5));
        double full = metric.GetValueAndDerivative(t, new double[6], null);
        // Same samples, same interpolation weights, same sums in the same order; only the moving value comes from
        // the value-only interpolator instead of the value-and-gradient one: equal up to a few roundings.
        Assert.That(metric.GetValue(t, null), Is.EqualTo(full).Within(1e-12 * Math.Max(1, Math.Abs(full))));
        // Shifted 1 m away nothing overlaps: the full evaluation refuses, the value-only one returns ITK's max value.
        t.Parameters = [0, 0, 0, 1000, 0, 0];
        Assert.That(metric.GetValue(t, null), Is.EqualTo(double.MaxValue));
        Assert.Throws<RegistrationException>(() => metric.GetValueAndDerivative(t, new double[6], null));
    }
}
