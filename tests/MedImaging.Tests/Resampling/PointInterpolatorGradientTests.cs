using MedImaging.Resampling;

namespace MedImaging.Tests.Resampling;

/// <summary>
/// The shared point interpolator's value + gradient (used by the registration metrics) against analytic truths:
/// trilinear interpolation reproduces a function linear in the index exactly, so its central difference is the
/// function's slope; near the border the one-sided and clamped rules give slopes computable by hand.
/// </summary>
[TestFixture]
public class PointInterpolatorGradientTests
{
    private static readonly Size3 Grid = new(9, 8, 7);
    private static readonly Vec3 Slope = new(1.5, -0.75, 2.25);

    // f(i, j, k) = 10 + 1.5 i − 0.75 j + 2.25 k at the voxel centres (exact in float: multiples of 1/4 below 64).
    private static float[] Ramp()
    {
        var v = new float[Grid.X * Grid.Y * Grid.Z];
        for (int k = 0; k < Grid.Z; k++)
        {
            for (int j = 0; j < Grid.Y; j++)
            {
                for (int i = 0; i < Grid.X; i++)
                {
                    v[(((k * Grid.Y) + j) * Grid.X) + i] = (float)(10 + (Slope.X * i) + (Slope.Y * j) + (Slope.Z * k));
                }
            }
        }

        return v;
    }

    private static double F(Vec3 c) => 10 + (Slope.X * c.X) + (Slope.Y * c.Y) + (Slope.Z * c.Z);

    [TestCase(1.0, 1.0, 1.0)]
    [TestCase(2.5, 1.0, 1.75)]
    public void Interior_ValueAndGradientAreTheRamp(double hx, double hy, double hz)
    {
        float[] v = Ramp();
        var h = new Vec3(hx, hy, hz);
        var rng = new Random(5);
        for (int t = 0; t < 200; t++)
        {
            // c ± h stays within [0, n − 1], where trilinear interpolation is exactly linear.
            var c = new Vec3(hx + (rng.NextDouble() * (Grid.X - 1 - (2 * hx))), hy + (rng.NextDouble() * (Grid.Y - 1 - (2 * hy))),
                hz + (rng.NextDouble() * (Grid.Z - 1 - (2 * hz))));
            double value = PointInterpolator.LinearWithGradient<float>(v, Grid, c, h, out Vec3 g);
            // Values ≤ ~50 in double arithmetic with a few roundings each: 1e-12 is far above rounding, far below any error.
            Assert.That(value, Is.EqualTo(F(c)).Within(1e-12));
            Assert.That(g.X, Is.EqualTo(Slope.X).Within(1e-12));
            Assert.That(g.Y, Is.EqualTo(Slope.Y).Within(1e-12));
            Assert.That(g.Z, Is.EqualTo(Slope.Z).Within(1e-12));
        }
    }

    [Test]
    public void Border_OneSidedAndClampedDifferences()
    {
        float[] v = Ramp();
        var h = new Vec3(1, 1, 1);
        // x = 0.2: c − 1 leaves [−0.5, n − 0.5), so the forward difference (f(1.2) − f(0.2)) / 1 = slope.
        PointInterpolator.LinearWithGradient<float>(v, Grid, new Vec3(0.2, 3, 3), h, out Vec3 g);
        Assert.That(g.X, Is.EqualTo(Slope.X).Within(1e-12));
        // x = −0.3 is inside (≥ −0.5) but clamps to voxel 0: (f(0.7) − f(0)) / 1 = 0.7 · slope.
        double value = PointInterpolator.LinearWithGradient<float>(v, Grid, new Vec3(-0.3, 3, 3), h, out g);
        Assert.That(value, Is.EqualTo(F(new Vec3(0, 3, 3))).Within(1e-12));
        Assert.That(g.X, Is.EqualTo(0.7 * Slope.X).Within(1e-12));
        // z = 6.3 (n = 7): the backward difference (f(6) − f(5.3)) / 1 = 0.7 · slope, the upper voxel clamped.
        PointInterpolator.LinearWithGradient<float>(v, Grid, new Vec3(4, 3, 6.3), h, out g);
        Assert.That(g.Z, Is.EqualTo(0.7 * Slope.Z).Within(1e-12));
    }

    [Test]
    public void SingleVoxelAxis_HasZeroGradient()
    {
        // Both neighbours of a 1-voxel axis lie outside [−0.5, 0.5): no difference exists, the gradient is 0 there.
        float[] v = [1, 4, 9, 16];
        PointInterpolator.LinearWithGradient<float>(v, new Size3(4, 1, 1), new Vec3(1.5, 0.2, 0), new Vec3(1, 1, 1), out Vec3 g);
        Assert.That(g.Y, Is.Zero);
        Assert.That(g.Z, Is.Zero);
        // (f(2.5) − f(0.5)) / 2 = ((9 + 16) / 2 − (1 + 4) / 2) / 2.
        Assert.That(g.X, Is.EqualTo(5.0).Within(1e-12));
    }

    [Test]
    public void Value_IsBitIdenticalToTheResamplingPath()
    {
        var rng = new Random(9);
        float[] v = [.. Enumerable.Range(0, Grid.X * Grid.Y * Grid.Z).Select(_ => (float)rng.NextDouble())];
        Span<double> weights = stackalloc double[18];
        Span<int> taps = stackalloc int[18];
        for (int t = 0; t < 500; t++)
        {
            // The whole inside region [−0.5, n − 0.5), edges included.
            var c = new Vec3((rng.NextDouble() * Grid.X) - 0.5, (rng.NextDouble() * Grid.Y) - 0.5, (rng.NextDouble() * Grid.Z) - 0.5);
            double resampled = PointInterpolator.Evaluate<float>(v, Grid, c, InterpolatorType.Linear, weights, taps);
            double registration = PointInterpolator.LinearWithGradient<float>(v, Grid, c, new Vec3(1, 1, 1), out _);
            Assert.That(registration, Is.EqualTo(resampled));
        }
    }
}
