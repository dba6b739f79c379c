using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

public class Euler3DTransformTests
{
    // Analytic rotations are exact up to the rounding of sin/cos of the angle and a few products: 1e-12 mm.
    private const double AnalyticTolerance = 1e-12;

    [Test]
    public void TransformPoint_QuarterTurnAboutZ_MapsXToY()
    {
        var t = new Euler3DTransform(Vec3.Zero, 0, 0, Math.PI / 2, Vec3.Zero);
        Vec3 q = t.TransformPoint(new Vec3(10, 0, 0));
        Assert.That(Vec3.MaxAbsDifference(q, new Vec3(0, 10, 0)), Is.LessThan(AnalyticTolerance));
    }

    [Test]
    public void TransformPoint_QuarterTurnAboutXWithCenter_RotatesAboutCenterThenTranslates()
    {
        // Rx(90°) maps (0, 1, 0) to (0, 0, 1); about c = (5, 5, 5), with t = (1, 2, 3).
        var c = new Vec3(5, 5, 5);
        var t = new Euler3DTransform(c, Math.PI / 2, 0, 0, new Vec3(1, 2, 3));
        Vec3 q = t.TransformPoint(c + new Vec3(0, 1, 0));
        Assert.That(Vec3.MaxAbsDifference(q, c + new Vec3(0, 0, 1) + new Vec3(1, 2, 3)), Is.LessThan(AnalyticTolerance));
    }

    [Test]
    public void Matrix_MatchesExplicitRzRxRy()
    {
        double ax = 0.3, ay = -0.7, az = 1.1;
        // Written out by hand from the elementary rotations (right-handed), multiplied as Rz·Rx·Ry (ITK, ComputeZYX off).
        double[,] rx = { { 1, 0, 0 }, { 0, Math.Cos(ax), -Math.Sin(ax) }, { 0, Math.Sin(ax), Math.Cos(ax) } };
        double[,] ry = { { Math.Cos(ay), 0, Math.Sin(ay) }, { 0, 1, 0 }, { -Math.Sin(ay), 0, Math.Cos(ay) } };
        double[,] rz = { { Math.Cos(az), -Math.Sin(az), 0 }, { Math.Sin(az), Math.Cos(az), 0 }, { 0, 0, 1 } };
        double[,] expected = Multiply(rz, Multiply(rx, ry));
        var t = new Euler3DTransform(new Vec3(1, 2, 3), ax, ay, az, Vec3.Zero);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.That(t.Matrix[i, j], Is.EqualTo(expected[i, j]).Within(AnalyticTolerance));
            }
        }

        t.ComputeZYX = true;
        double[,] zyx = Multiply(rz, Multiply(ry, rx));
        Assert.That(t.Matrix[0, 2], Is.EqualTo(zyx[0, 2]).Within(AnalyticTolerance));
        Assert.That(t.Matrix[2, 1], Is.EqualTo(zyx[2, 1]).Within(AnalyticTolerance));
    }

    [Test]
    public void TransformPoint_FollowsCenteredFormula()
    {
        var c = new Vec3(-10, 20, 30);
        var tr = new Vec3(3, -4, 2);
        var t = new Euler3DTransform(c, 0.03, -0.02, 0.0873, tr);
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            Vec3 expected = t.Matrix * (x - c) + c + tr;
            // Two evaluation orders of the same sum: rounding of a few ulps of ~700 mm.
            Assert.That(Vec3.MaxAbsDifference(t.TransformPoint(x), expected), Is.LessThan(1e-12 * 1000));
        }
    }

    [Test]
    public void Parameters_RoundTripInItkOrder()
    {
        var t = new Euler3DTransform { Parameters = [0.1, 0.2, 0.3, 4, 5, 6], FixedParameters = [7, 8, 9, 0] };
        Assert.That(t.AngleX, Is.EqualTo(0.1));
        Assert.That(t.AngleZ, Is.EqualTo(0.3));
        Assert.That(t.Translation, Is.EqualTo(new Vec3(4, 5, 6)));
        Assert.That(t.Center, Is.EqualTo(new Vec3(7, 8, 9)));
        Assert.That(t.Parameters, Is.EqualTo(new[] { 0.1, 0.2, 0.3, 4, 5, 6 }));
        Assert.That(t.FixedParameters, Is.EqualTo(new[] { 7.0, 8, 9, 0 }));
        Assert.Throws<ArgumentException>(() => t.Parameters = [1, 2, 3]);
        Assert.Throws<ArgumentException>(() => t.Parameters = [double.NaN, 0, 0, 0, 0, 0]);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Jacobian_MatchesCentralDifferences(bool computeZYX)
    {
        var t = new Euler3DTransform(new Vec3(-0.45, -21.75, -385), 0.3, -0.4, 0.5, new Vec3(3, -4, 2)) { ComputeZYX = computeZYX };
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            // Step 1e-6 rad: truncation error ~ h²·|x − c| ≈ 1e-12·400 and rounding ~ 1e-16·700/1e-6 ≈ 1e-7 mm/rad.
            TransformAssert.JacobianMatchesFiniteDifferences(t, x, 1e-6, 1e-6);
        }
    }

    [Test]
    public void Jacobian_OfNewIdentityTransform_MatchesCentralDifferences()
    {
        // A freshly constructed transform (angles 0) must already have its rotation derivatives; same step and
        // tolerance as above.
        var t = new Euler3DTransform();
        TransformAssert.JacobianMatchesFiniteDifferences(t, new Vec3(10, -20, 30), 1e-6, 1e-6);
        var clone = CenteredTransformInitializerLike(t);
        TransformAssert.JacobianMatchesFiniteDifferences(clone, new Vec3(10, -20, 30), 1e-6, 1e-6);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void GetInverse_UndoesTransform(bool computeZYX)
    {
        var t = new Euler3DTransform(new Vec3(0, 17, 19), 0.03, -0.02, 0.0873, new Vec3(3, -4, 2)) { ComputeZYX = computeZYX };
        // Angles are re-derived from Rᵀ (asin/atan2): a few ulps of rotation times ~700 mm is < 1e-12 mm.
        TransformAssert.InverseRoundTrips(t, TransformAssert.SamplePoints(), 1e-12);
        Euler3DTransform inverse = t.GetInverse();
        Assert.That(inverse.Center, Is.EqualTo(t.Center));
        Assert.That(inverse.ComputeZYX, Is.EqualTo(computeZYX));
    }

    [Test]
    public void GetInverse_AtGimbalLock_StillUndoesTransform()
    {
        var t = new Euler3DTransform(new Vec3(1, 2, 3), -Math.PI / 2, 0.4, 0.0, new Vec3(3, -4, 2));
        // At |cos x| = 0 the decomposition puts all of y+z into y; sin/cos of ±π/2 round to 6e-17: 1e-12 mm.
        TransformAssert.InverseRoundTrips(t, TransformAssert.SamplePoints(), 1e-12);
    }

    [TestCase(Math.PI / 2)]
    [TestCase(-Math.PI / 2)]
    public void DecomposeRotation_AtGimbalLock_ReproducesMatrix(double angleX)
    {
        var t = new Euler3DTransform(Vec3.Zero, angleX, 0.4, 0.0, Vec3.Zero);
        var (x, y, z) = Euler3DTransform.DecomposeRotation(t.Matrix, computeZYX: false);
        var back = new Euler3DTransform(Vec3.Zero, x, y, z, Vec3.Zero);
        // sin/cos of ±π/2 round to ~6e-17; the matrices agree to rounding.
        Assert.That(Mat3.MaxAbsDifference(back.Matrix, t.Matrix), Is.LessThan(1e-15));
        Assert.That((x, y, z), Is.EqualTo((angleX, 0.4, 0.0)).Using<(double, double, double)>((a, b) =>
            Math.Abs(a.Item1 - b.Item1) < 1e-15 && Math.Abs(a.Item2 - b.Item2) < 1e-15 && Math.Abs(a.Item3 - b.Item3) < 1e-15));
    }

    private static Euler3DTransform CenteredTransformInitializerLike(Euler3DTransform t)
    {
        Euler3DTransform copy = t.Clone();
        copy.Center = new Vec3(1, 2, 3);
        copy.Translation = new Vec3(4, 5, 6);
        return copy;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
            }
        }

        return r;
    }
}
