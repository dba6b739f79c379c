using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

public class VersorTransformTests
{
    // Analytic rotations: rounding of sin/cos and a few products on coordinates ≤ 1000 mm.
    private const double AnalyticTolerance = 1e-12;

    [Test]
    public void VersorRigid_HalfTurnAboutZ_NegatesXAndY()
    {
        var t = new VersorRigid3DTransform(Vec3.Zero, new Vec3(0, 0, 2), Math.PI, new Vec3(1, 2, 3));
        // Versor of a half turn about z: vector part (0, 0, sin 90°) = (0, 0, 1).
        Assert.That(t.VersorVector.Z, Is.EqualTo(1).Within(AnalyticTolerance));
        Vec3 q = t.TransformPoint(new Vec3(4, 5, 6));
        Assert.That(Vec3.MaxAbsDifference(q, new Vec3(-4 + 1, -5 + 2, 6 + 3)), Is.LessThan(AnalyticTolerance));
    }

    [Test]
    public void VersorRigid_Parameters_AreVectorPartAndTranslation()
    {
        double angle = 0.4;
        var axis = new Vec3(1, 2, 2) / 3;
        var t = new VersorRigid3DTransform(new Vec3(1, 1, 1), axis, angle, new Vec3(5, 6, 7));
        double[] p = t.Parameters;
        Vec3 expected = axis * Math.Sin(angle / 2);
        Assert.That(p[0], Is.EqualTo(expected.X).Within(AnalyticTolerance));
        Assert.That(p[1], Is.EqualTo(expected.Y).Within(AnalyticTolerance));
        Assert.That(p[2], Is.EqualTo(expected.Z).Within(AnalyticTolerance));
        Assert.That(p[3..], Is.EqualTo(new[] { 5.0, 6, 7 }));
        Assert.That(t.FixedParameters, Is.EqualTo(new[] { 1.0, 1, 1 }));
    }

    [Test]
    public void VersorRigid_SameRotationAsEuler_AboutSingleAxis()
    {
        // A rotation about y by 0.3 rad is Euler (0, 0.3, 0) whatever the order.
        var versor = new VersorRigid3DTransform(new Vec3(3, 2, 1), new Vec3(0, 1, 0), 0.3, new Vec3(1, 0, 0));
        var euler = new Euler3DTransform(new Vec3(3, 2, 1), 0, 0.3, 0, new Vec3(1, 0, 0));
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            Assert.That(Vec3.MaxAbsDifference(versor.TransformPoint(x), euler.TransformPoint(x)), Is.LessThan(1e-12 * 1000));
        }
    }

    [Test]
    public void VersorRigid_JacobianAndInverse()
    {
        var t = new VersorRigid3DTransform { Parameters = [0.1, -0.2, 0.3, 3, -4, 2], FixedParameters = [0, 17, 19] };
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            // Step 1e-7 in versor units: rounding 1e-16·700/1e-7 ≈ 1e-6 dominates the O(h²) truncation.
            TransformAssert.JacobianMatchesFiniteDifferences(t, x, 1e-7, 1e-5);
        }

        // Conjugate versor: rounding of the quaternion products on ~700 mm coordinates.
        TransformAssert.InverseRoundTrips(t, TransformAssert.SamplePoints(), 1e-12);
    }

    [Test]
    public void VersorRigid_UpdateTransformParameters_ComposesRotation()
    {
        var t = new VersorRigid3DTransform(Vec3.Zero, new Vec3(0, 0, 1), 0.2, Vec3.Zero);
        // An update along z of norm 0.1 with factor 2 is a further rotation of 0.2 rad about z (ITK's rule).
        t.UpdateTransformParameters([0, 0, 0.1, 1, 0, 0], 2.0);
        var expected = new VersorRigid3DTransform(Vec3.Zero, new Vec3(0, 0, 1), 0.4, new Vec3(2, 0, 0));
        Assert.That(Vec3.MaxAbsDifference(t.VersorVector, expected.VersorVector), Is.LessThan(1e-15));
        Assert.That(t.Translation, Is.EqualTo(new Vec3(2, 0, 0)));
    }

    [Test]
    public void VersorRigid_VectorPartOfLengthOne_IsScaledBelowOneAsItk()
    {
        var t = new VersorRigid3DTransform { Parameters = [0, 0, 1.5, 0, 0, 0] };
        // |v| ≥ 1 − 1e-10 is scaled to 1/(1 + 1e-10): a half turn about z.
        Assert.That(t.VersorVector.Z, Is.EqualTo(1 / (1 + 1e-10)).Within(1e-15));
        // The scalar part is then √(1 − |v|²) ≈ 1.4e-5 rather than 0, so the point is off a half turn by ≈ 2·1.4e-5 mm.
        Assert.That(Vec3.MaxAbsDifference(t.TransformPoint(new Vec3(1, 0, 0)), new Vec3(-1, 0, 0)), Is.LessThan(3e-5));
    }

    [Test]
    public void Similarity_ScalesAboutCenter()
    {
        var c = new Vec3(10, 20, 30);
        var t = new Similarity3DTransform(c, new Vec3(0, 0, 1), Math.PI / 2, 2.0, new Vec3(1, 1, 1));
        // (x − c) = (1, 0, 0) → rotated to (0, 1, 0), scaled to (0, 2, 0).
        Vec3 q = t.TransformPoint(c + new Vec3(1, 0, 0));
        Assert.That(Vec3.MaxAbsDifference(q, c + new Vec3(0, 2, 0) + new Vec3(1, 1, 1)), Is.LessThan(AnalyticTolerance));
        Assert.That(t.NumberOfParameters, Is.EqualTo(7));
        Assert.That(t.Parameters[6], Is.EqualTo(2.0));
    }

    [Test]
    public void Similarity_JacobianInverseAndParameters()
    {
        var t = new Similarity3DTransform { Parameters = [0.05, 0.1, -0.15, 3, -4, 2, 1.2], FixedParameters = [1, 2, 3] };
        Assert.That(t.Parameters, Is.EqualTo(new[] { 0.05, 0.1, -0.15, 3, -4, 2, 1.2 }));
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            // As VersorRigid3D: rounding over the 1e-7 step dominates.
            TransformAssert.JacobianMatchesFiniteDifferences(t, x, 1e-7, 1e-5);
        }

        // Scale 1/s and the conjugate versor: rounding on ~700 mm coordinates.
        TransformAssert.InverseRoundTrips(t, TransformAssert.SamplePoints(), 1e-12);
        Assert.That(t.GetInverse().Scale, Is.EqualTo(1 / 1.2));
        Assert.Throws<MedImagingException>(() => new Similarity3DTransform { Scale = 0 }.GetInverse());
    }
}
