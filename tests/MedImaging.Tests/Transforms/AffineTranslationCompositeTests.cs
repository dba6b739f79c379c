using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

public class AffineTranslationCompositeTests
{
    [Test]
    public void Affine_ParametersAreRowMajorMatrixThenTranslation()
    {
        var t = new AffineTransform { Parameters = [1, 2, 3, 4, 5, 6, 7, 8, 10, 0.5, -1, 2], FixedParameters = [1, 1, 1] };
        Assert.That(t.Matrix[0, 1], Is.EqualTo(2));
        Assert.That(t.Matrix[2, 2], Is.EqualTo(10));
        // T(x) = A(x − c) + c + t at x = (2, 1, 1): A·(1, 0, 0) = first column (1, 4, 7).
        Vec3 q = t.TransformPoint(new Vec3(2, 1, 1));
        Assert.That(q, Is.EqualTo(new Vec3(1 + 1 + 0.5, 4 + 1 - 1, 7 + 1 + 2)));
    }

    [Test]
    public void Affine_JacobianAndInverse()
    {
        var t = new AffineTransform(new Mat3(1.1, 0.2, -0.1, 0.05, 0.9, 0.3, -0.2, 0.1, 1.3), new Vec3(3, -4, 2), new Vec3(5, 6, 7));
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            // T is linear in its parameters: central differences are exact up to rounding (1e-16·1000/1e-3).
            TransformAssert.JacobianMatchesFiniteDifferences(t, x, 1e-3, 1e-9);
        }

        // Adjugate inverse of a well-conditioned matrix: error ~ cond·ulp·|x| ≪ 1e-12 mm... at |x| ≈ 700 mm use 1e-11.
        TransformAssert.InverseRoundTrips(t, TransformAssert.SamplePoints(), 1e-11);
        Assert.Throws<MedImagingException>(() => new AffineTransform(new Mat3(1, 2, 3, 2, 4, 6, 0, 0, 1), Vec3.Zero, Vec3.Zero).GetInverse());
    }

    [Test]
    public void Translation_MapsJacobianAndInverse()
    {
        var t = new TranslationTransform(new Vec3(1, -2, 3));
        Assert.That(t.TransformPoint(new Vec3(10, 10, 10)), Is.EqualTo(new Vec3(11, 8, 13)));
        Assert.That(t.GetInverse().TransformPoint(new Vec3(11, 8, 13)), Is.EqualTo(new Vec3(10, 10, 10)));
        // Exactly linear: finite differences exact up to rounding.
        TransformAssert.JacobianMatchesFiniteDifferences(t, new Vec3(5, 5, 5), 1e-3, 1e-9);
        Assert.That(t.FixedParameters, Is.Empty);
    }

    [Test]
    public void Composite_LastAddedIsAppliedFirst()
    {
        var translate = new TranslationTransform(new Vec3(10, 0, 0));
        var rotate = new Euler3DTransform(Vec3.Zero, 0, 0, Math.PI / 2, Vec3.Zero);
        var composite = new CompositeTransform([rotate, translate]);
        // translate first: (1, 0, 0) → (11, 0, 0); then rotate 90° about z → (0, 11, 0).
        Vec3 q = composite.TransformPoint(new Vec3(1, 0, 0));
        Assert.That(Vec3.MaxAbsDifference(q, new Vec3(0, 11, 0)), Is.LessThan(1e-12));
        Vec3 viaMatrix = composite.Matrix * new Vec3(1, 0, 0) + composite.Offset;
        Assert.That(Vec3.MaxAbsDifference(viaMatrix, q), Is.LessThan(1e-12));
    }

    [Test]
    public void Composite_ParametersInApplicationOrder()
    {
        var translate = new TranslationTransform(new Vec3(1, 2, 3));
        var rotate = new Euler3DTransform(Vec3.Zero, 0.1, 0.2, 0.3, new Vec3(4, 5, 6));
        var composite = new CompositeTransform([rotate, translate]);
        // ITK: back of the queue (applied first) comes first.
        Assert.That(composite.Parameters, Is.EqualTo(new[] { 1.0, 2, 3, 0.1, 0.2, 0.3, 4, 5, 6 }));
        Assert.That(composite.FixedParameters, Is.EqualTo(new[] { 0.0, 0, 0, 0 }));
        composite.Parameters = [7, 8, 9, 0, 0, 0, 0, 0, 0];
        Assert.That(translate.Offset, Is.EqualTo(new Vec3(7, 8, 9)));
    }

    [Test]
    public void Composite_JacobianAndInverse()
    {
        var composite = new CompositeTransform(
        [
            new AffineTransform(new Mat3(1.1, 0.2, 0, 0, 0.9, 0.1, 0.1, 0, 1.2), new Vec3(1, 2, 3), new Vec3(5, 5, 5)),
            new Euler3DTransform(new Vec3(0, 17, 19), 0.3, -0.2, 0.1, new Vec3(3, -4, 2)),
            new Similarity3DTransform(new Vec3(1, 2, 3), new Vec3(1, 1, 0), 0.2, 0.9, new Vec3(-1, 0, 1)),
        ]);
        Assert.That(composite.NumberOfParameters, Is.EqualTo(12 + 6 + 7));
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            // Mixed parameter kinds: the versor columns (rounding over the 1e-7 step) dominate, as for Similarity3D.
            TransformAssert.JacobianMatchesFiniteDifferences(composite, x, 1e-7, 1e-5);
        }

        // Three inverses in a row on ~700 mm coordinates; the affine's adjugate dominates: 1e-11 mm.
        TransformAssert.InverseRoundTrips(composite, TransformAssert.SamplePoints(), 1e-11);
    }
}
