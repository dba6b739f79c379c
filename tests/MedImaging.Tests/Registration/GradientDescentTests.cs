using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

[TestFixture]
public sealed class GradientDescentTests
{
    [Test]
    public void Monitor_WindowOfTwo_IsTheNormalisedDrop()
    {
        // Two points at t = 0 and 1: the linear B-spline interpolates them, slope = (E1 − E0) / (|E0| + |E1|).
        var monitor = new WindowConvergenceMonitor(2);
        monitor.AddEnergyValue(-1);
        Assert.That(monitor.ConvergenceValue(), Is.EqualTo(double.MaxValue), "window not full yet");
        monitor.AddEnergyValue(-3);
        Assert.That(monitor.ConvergenceValue(), Is.EqualTo(0.5).Within(1e-15)); // exact up to rounding
    }

    [Test]
    public void Monitor_WindowOfThree_FollowsLeesWeighting()
    {
        // t = 0, 0.5, 1; the middle point gives each control point 0.5³·z / 0.5 with weight 0.25:
        // φ0 = (z0 + 0.25 z1) / 1.25, φ1 = (0.25 z1 + z2) / 1.25, value = φ0 − φ1; total energy counts every value added.
        var monitor = new WindowConvergenceMonitor(3);
        foreach (double e in new[] { 10.0, -4, -2, -1 })
        {
            monitor.AddEnergyValue(e);
        }

        double total = 17, z0 = -4 / total, z1 = -2 / total, z2 = -1 / total;
        double expected = ((z0 + (0.25 * z1)) / 1.25) - (((0.25 * z1) + z2) / 1.25);
        Assert.That(monitor.ConvergenceValue(), Is.EqualTo(expected).Within(1e-15)); // same arithmetic, rounding only
        Assert.That(expected, Is.LessThan(0), "a rising energy has not converged the other way round: negative value");
    }

    [Test]
    public void FirstStep_MovesTheFarthestCornerByOneVirtualVoxel()
    {
        Volume<float> f = RegistrationPhantoms.Render(RegistrationPhantoms.SmallGrid, p => p, RegistrationPhantoms.SmallIntensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(RegistrationPhantoms.SmallGrid, p => p - new Vec3(3, -2, 1.5), RegistrationPhantoms.SmallIntensities, 2);
        // Affine: point shifts are linear in the parameter step, so scaling the step scales the corner shift exactly
        // (for Euler angles the estimate is taken on the unscaled step and the rotation is not linear in it).
        var start = new AffineTransform(Mat3.Identity, new Vec3(0, 0, 0), RegistrationPhantoms.SmallGrid.Center);
        var options = new RegistrationOptions
        {
            Optimizer = RegistrationOptimizer.GradientDescent, Metric = RegistrationMetric.MeanSquares,
            ShrinkFactors = [2], SmoothingSigmas = [1.0], NumberOfIterations = 1, NumberOfSamples = 3000,
        };
        RegistrationResult result = ImageRegistrationMethod.Execute(f, m, start, options);
        // Definition of the estimate: learning rate = max step (smallest virtual spacing: 4 mm × shrink 2) divided by
        // the largest corner shift of the scaled gradient, so the step itself moves the farthest corner exactly 8 mm.
        VolumeGeometry domain = VirtualDomain.Shrink(RegistrationPhantoms.SmallGrid, VirtualDomain.Factors(2, VirtualDomain.ThickAxes(RegistrationPhantoms.SmallGrid, true)));
        double max = domain.CornerPoints().Max(c => (result.Transform.TransformPoint(c) - start.TransformPoint(c)).Length);
        Assert.That(max, Is.EqualTo(8.0).Within(1e-9)); // rounding of the rotation matrix only
        Assert.That(result.Iterations, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void StopsAtTheFirstIterationWhoseWindowIsFlat()
    {
        Volume<float> f = RegistrationPhantoms.Render(RegistrationPhantoms.SmallGrid, p => p, RegistrationPhantoms.SmallIntensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(RegistrationPhantoms.SmallGrid, p => p - new Vec3(3, -2, 1.5), RegistrationPhantoms.SmallIntensities, 2);
        var values = new List<double>();
        var execution = new ExecutionOptions { Progress = new Recorder(values) };
        var options = new RegistrationOptions
        {
            Optimizer = RegistrationOptimizer.GradientDescent, Metric = RegistrationMetric.MeanSquares,
            ShrinkFactors = [1], SmoothingSigmas = [1.0], NumberOfIterations = 300, NumberOfSamples = 3000, ConvergenceWindowSize = 5,
        };
        RegistrationResult result = ImageRegistration.Rigid(f, m, options, execution);
        values.Add(result.MetricValue);
        int stop = result.Iterations[0];
        Assert.That(result.StopCondition, Does.StartWith("Convergence checker passed"));
        Assert.That(values, Has.Count.EqualTo(stop + 1), "one evaluation per step plus the stopping one");
        // By definition: the window of the last 5 values ending at the stop is flat (≤ 1e-6) and no earlier full window was.
        for (int i = 4; i <= stop; i++)
        {
            var monitor = new WindowConvergenceMonitor(5);
            for (int k = 0; k <= i; k++)
            {
                monitor.AddEnergyValue(values[k]);
            }

            Assert.That(monitor.ConvergenceValue() <= 1e-6, Is.EqualTo(i == stop), $"iteration {i}");
        }
    }

    private sealed class Recorder(List<double> values) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) =>
            values.Add(double.Parse(value.Message!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
