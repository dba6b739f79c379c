namespace MedImaging.Tests.Core;

public class VolumeGeometryTests
{
    private static readonly Mat3 Oblique = RotationZ(0.3) * RotationX(-0.7);

    [Test]
    public void IndexToPointToIndex_ObliqueAnisotropic_RoundTrips()
    {
        var g = new VolumeGeometry(new Size3(7, 9, 5), new Vec3(0.7, 0.9, 5.0), new Vec3(-179.3, -200.6, -702.5), Oblique);
        var index = new Vec3(3.25, -1.5, 4.75);
        Vec3 back = g.TransformPhysicalPointToContinuousIndex(g.TransformContinuousIndexToPhysicalPoint(index));
        // Two 3x3 products in double: error a few ulps of the ~700 mm coordinates.
        Assert.That(Vec3.MaxAbsDifference(index, back), Is.LessThan(1e-12));
    }

    [Test]
    public void TransformIndexToPhysicalPoint_MatchesDefinition()
    {
        var g = new VolumeGeometry(new Size3(4, 4, 4), new Vec3(2, 3, 4), new Vec3(10, 20, 30), Oblique);
        Vec3 p = g.TransformIndexToPhysicalPoint(1, 2, 3);
        Vec3 expected = new Vec3(10, 20, 30) + Oblique.Column(0) * 2 + Oblique.Column(1) * 6 + Oblique.Column(2) * 12;
        Assert.That(Vec3.MaxAbsDifference(p, expected), Is.LessThan(1e-12));
    }

    [Test]
    public void TransformPhysicalPointToIndex_RoundsHalfUp()
    {
        var g = new VolumeGeometry(new Size3(4, 4, 4));
        Assert.That(g.TransformPhysicalPointToIndex(new Vec3(0.5, -0.5, 1.49)), Is.EqualTo((1, 0, 1)));
    }

    [Test]
    public void IsSameSpace_UsesItkTolerances()
    {
        var a = new VolumeGeometry(new Size3(4, 4, 4), new Vec3(0.5, 0.5, 2), Vec3.Zero);
        // ITK: origin within 1e-6 x spacing[0] = 5e-7 mm.
        Assert.That(a.IsSameSpace(a.WithOrigin(new Vec3(4e-7, 0, 0))), Is.True);
        Assert.That(a.IsSameSpace(a.WithOrigin(new Vec3(6e-7, 0, 0))), Is.False);
        Assert.Throws<GeometryMismatchException>(() => a.EnsureSameSpace(a.WithSize(new Size3(4, 4, 5)), "image and mask"));
    }

    [Test]
    public void Constructor_BadFields_Throw()
    {
        Assert.Throws<ArgumentException>(() => _ = new VolumeGeometry(new Size3(0, 1, 1)));
        Assert.Throws<ArgumentException>(() => _ = new VolumeGeometry(new Size3(1, 1, 1), new Vec3(1, -1, 1), Vec3.Zero));
        Assert.Throws<ArgumentException>(() => _ = new VolumeGeometry(new Size3(1, 1, 1), Vec3.One, Vec3.Zero, new Mat3(1, 0.1, 0, 0, 1, 0, 0, 0, 1)));
    }

    [Test]
    public void OrientationCode_FromDirection_NamesWhereAxesPoint()
    {
        Assert.That(OrientationCode.FromDirection(Mat3.Identity).Code, Is.EqualTo("LPS"));
        Assert.That(OrientationCode.FromDirection(Mat3.Diagonal(new Vec3(-1, -1, 1))).Code, Is.EqualTo("RAS"));
        Assert.That(OrientationCode.Parse("ail").ToDirection(), Is.EqualTo(new Mat3(0, 0, 1, -1, 0, 0, 0, -1, 0)));
    }

    private static Mat3 RotationZ(double a) => new(Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a), 0, 0, 0, 1);

    private static Mat3 RotationX(double a) => new(1, 0, 0, 0, Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a));
}
