using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public class RegionTests
{
    private static Volume<int> Indexed()
    {
        var v = new Volume<int>(new VolumeGeometry(new Size3(5, 4, 3), new Vec3(0.5, 2, 3), new Vec3(1, 2, 3), new Mat3(0, 1, 0, -1, 0, 0, 0, 0, 1)));
        for (int i = 0; i < v.Voxels.Length; i++)
        {
            v.Voxels[i] = i;
        }

        return v;
    }

    [Test]
    public void RegionOfInterest_CopiesBoxAndKeepsWorldPositions()
    {
        Volume<int> v = Indexed();
        Volume<int> roi = ImageFilters.RegionOfInterest(v, new Size3(2, 3, 1), (3, 1, 2));
        Assert.That(roi.Size, Is.EqualTo(new Size3(2, 3, 1)));
        Assert.That(roi[1, 2, 0], Is.EqualTo(v[4, 3, 2]));
        Assert.That(roi.Geometry.Origin, Is.EqualTo(v.Geometry.TransformIndexToPhysicalPoint(3, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.RegionOfInterest(v, new Size3(3, 1, 1), (3, 0, 0)));
    }

    [Test]
    public void Crop_RemovesFromBothEnds()
    {
        Volume<int> v = Indexed();
        Volume<int> c = ImageFilters.Crop(v, new Size3(1, 0, 1), new Size3(2, 1, 0));
        Assert.That(c.Size, Is.EqualTo(new Size3(2, 3, 2)));
        Assert.That(c[0, 0, 0], Is.EqualTo(v[1, 0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.Crop(v, new Size3(3, 0, 0), new Size3(2, 0, 0)));
    }

    [Test]
    public void ConstantPad_SurroundsWithConstantAndKeepsWorldPositions()
    {
        Volume<int> v = Indexed();
        Volume<int> p = ImageFilters.ConstantPad(v, new Size3(2, 1, 0), new Size3(1, 0, 2), -7);
        Assert.That(p.Size, Is.EqualTo(new Size3(8, 5, 5)));
        Assert.That(p[0, 0, 0], Is.EqualTo(-7));
        Assert.That(p[2, 1, 0], Is.EqualTo(v[0, 0, 0]));
        Assert.That(p[7, 4, 2], Is.EqualTo(-7));
        Assert.That(p[6, 4, 2], Is.EqualTo(v[4, 3, 2]));
        Assert.That(p[6, 4, 3], Is.EqualTo(-7));

        // Voxel (2, 1, 0) of the padded volume sits where input voxel (0, 0, 0) sat: 1e-12 mm of rounding.
        Assert.That(Vec3.MaxAbsDifference(p.Geometry.TransformIndexToPhysicalPoint(2, 1, 0), v.Geometry.Origin), Is.LessThan(1e-12));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.ConstantPad(v, new Size3(-1, 0, 0), new Size3(0, 0, 0), 0));
    }

    [Test]
    public void MirrorPad_RepeatsEdgeVoxelAndReflects()
    {
        var line = new Volume<int>(new VolumeGeometry(new Size3(3, 1, 1)));
        line[0, 0, 0] = 1;
        line[1, 0, 0] = 2;
        line[2, 0, 0] = 3;

        // ITK's MirrorPadImageFilter: a pixel k to the left takes the value k − 1 inside (… b a | a b c | c b a …).
        Volume<int> p = ImageFilters.MirrorPad(line, new Size3(4, 0, 0), new Size3(5, 0, 0));
        Assert.That(p.Voxels.ToArray(), Is.EqualTo(new[] { 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2 }));
    }
}
