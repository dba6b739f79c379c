using MedImaging.Measurements;

namespace MedImaging.Tests.Measurements;

[TestFixture]
public sealed class OverlapAndDistanceTests
{
    private static Volume<byte> Box(VolumeGeometry geometry, int x0, int x1, int y0, int y1, int z0, int z1, byte label = 1)
    {
        var v = new Volume<byte>(geometry);
        for (int z = z0; z <= z1; z++)
        {
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    v[x, y, z] = label;
                }
            }
        }

        return v;
    }

    [Test]
    public void LabelOverlapMeasures_ShiftedBoxes_MatchDefinitions()
    {
        // S = 4×4×4 (64), T = the same shifted by 1 in x (64); S∩T = 3×4×4 = 48, S∪T = 80.
        var g = new VolumeGeometry(new Size3(8, 6, 6));
        var s = Box(g, 1, 4, 1, 4, 1, 4);
        var t = Box(g, 2, 5, 1, 4, 1, 4);
        var total = ImageMeasurements.LabelOverlapMeasures(s, t).Total;
        Assert.That(total.Dice, Is.EqualTo(96.0 / 128));
        Assert.That(total.Jaccard, Is.EqualTo(48.0 / 80));
        Assert.That(total.VolumeSimilarity, Is.Zero);
        Assert.That(total.FalseNegativeError, Is.EqualTo(16.0 / 64));
        Assert.That(total.FalsePositiveError, Is.EqualTo(16.0 / 64));
    }

    [Test]
    public void LabelOverlapMeasures_PerLabelAndTotals_SumCounts()
    {
        var g = new VolumeGeometry(new Size3(6, 1, 1));
        var s = new Volume<byte>(g, [1, 1, 2, 2, 0, 0]);
        var t = new Volume<byte>(g, [1, 0, 2, 2, 2, 0]);
        var result = ImageMeasurements.LabelOverlapMeasures(s, t);
        Assert.That(result.PerLabel[1].Dice, Is.EqualTo(2.0 / 3));
        Assert.That(result.PerLabel[2].Dice, Is.EqualTo(4.0 / 5));
        Assert.That(result.Total.Dice, Is.EqualTo(6.0 / 8)); // 2·(1 + 2) / (4 + 4)
        Assert.That(result.PerLabel[2].VolumeSimilarity, Is.EqualTo(2.0 * (2 - 3) / 5));
    }

    [Test]
    public void LabelOverlapMeasures_BothEmpty_DefinedValues()
    {
        var g = new VolumeGeometry(new Size3(3, 1, 1));
        var total = ImageMeasurements.LabelOverlapMeasures(new Volume<byte>(g), new Volume<byte>(g)).Total;
        Assert.That((total.Dice, total.Jaccard, total.FalseNegativeError, total.FalsePositiveError, total.VolumeSimilarity),
            Is.EqualTo((1.0, 1.0, 0.0, 0.0, 0.0)));
    }

    [Test]
    public void HausdorffDistance_ShiftedBoxAnisotropic_IsShiftInMm()
    {
        // B = A shifted by 2 voxels along z (3 mm spacing): h = 6 mm both ways. Directed mean from A: the 2 slabs of
        // A outside B are 3 and 6 mm from B (B's nearest voxels), the rest 0: (16·3 + 16·6)/(4·16) = 2.25 mm.
        var g = new VolumeGeometry(new Size3(8, 8, 12), new Vec3(0.5, 0.8, 3), Vec3.Zero);
        var a = Box(g, 2, 5, 2, 5, 2, 5);
        var b = Box(g, 2, 5, 2, 5, 4, 7);
        var h = ImageMeasurements.HausdorffDistance(a, b);
        Assert.That(h.HausdorffDistance, Is.EqualTo(6).Within(1e-12));
        Assert.That(h.MeanDistance12, Is.EqualTo(2.25).Within(1e-12));
        Assert.That(h.AverageHausdorffDistance, Is.EqualTo(2.25).Within(1e-12));
    }

    [Test]
    public void SurfaceDistances_IdenticalMasks_AreZeroAndSurfaceDiceOne()
    {
        var g = new VolumeGeometry(new Size3(8, 8, 8), new Vec3(0.7, 0.7, 2), Vec3.Zero);
        var a = Box(g, 1, 6, 2, 5, 1, 6);
        var d = ImageMeasurements.SurfaceDistances(a, a.Clone());
        Assert.That((d.Hausdorff95, d.MeanSurfaceDistance, d.MaximumSurfaceDistance, d.SurfaceDice), Is.EqualTo((0.0, 0.0, 0.0, 1.0)));
    }

    [Test]
    public void SurfaceDistances_ShiftedSlab_DistancesEqualTheShift()
    {
        // Two 1-voxel-thick planes (every voxel is surface) 3 voxels apart in z at 2 mm: every distance is 6 mm.
        var g = new VolumeGeometry(new Size3(5, 5, 8), new Vec3(1, 1, 2), Vec3.Zero);
        var a = Box(g, 0, 4, 0, 4, 2, 2);
        var b = Box(g, 0, 4, 0, 4, 5, 5);
        var d = ImageMeasurements.SurfaceDistances(a, b, toleranceMm: 5.9);
        Assert.That((d.Hausdorff95, d.MeanSurfaceDistance, d.MedianSurfaceDistance, d.SurfaceDice), Is.EqualTo((6.0, 6.0, 6.0, 0.0)));
        Assert.That(ImageMeasurements.SurfaceDistances(a, b, toleranceMm: 6).SurfaceDice, Is.EqualTo(1.0));
    }

    [Test]
    public void HausdorffDistance_DifferentGrids_ThrowsGeometryMismatch()
    {
        var a = new Volume<byte>(new VolumeGeometry(new Size3(4, 4, 4)));
        var b = new Volume<byte>(new VolumeGeometry(new Size3(4, 4, 5)));
        Assert.Throws<GeometryMismatchException>(() => ImageMeasurements.HausdorffDistance(a, b));
        Assert.Throws<GeometryMismatchException>(() => ImageMeasurements.LabelOverlapMeasures(a, b));
    }

    [Test]
    public void HausdorffDistance_EmptyImage_ThrowsMedImagingException()
    {
        var g = new VolumeGeometry(new Size3(4, 4, 4));
        Assert.Throws<MedImagingException>(() => ImageMeasurements.HausdorffDistance(new Volume<byte>(g), Box(g, 1, 2, 1, 2, 1, 2)));
    }
}
