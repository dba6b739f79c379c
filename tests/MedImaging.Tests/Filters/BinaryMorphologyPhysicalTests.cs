using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class BinaryMorphologyPhysicalTests
{
    [Test]
    public void BinaryDilatePhysical_PointOnAnisotropicGrid_IsTheBallInMm()
    {
        var geometry = new VolumeGeometry(new Size3(21, 15, 9), new Vec3(0.7, 0.9, 2.5), Vec3.Zero);
        var image = new Volume<byte>(geometry);
        image[10, 7, 4] = 1;
        var dilated = ImageFilters.BinaryDilatePhysical(image, 4.0);
        for (int z = 0; z < 9; z++)
        {
            for (int y = 0; y < 15; y++)
            {
                for (int x = 0; x < 21; x++)
                {
                    double d = new Vec3((x - 10) * 0.7, (y - 7) * 0.9, (z - 4) * 2.5).Length;
                    Assert.That(dilated[x, y, z], Is.EqualTo(d <= 4.0 ? 1 : 0), $"({x}, {y}, {z}) at {d} mm");
                }
            }
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    public void BinaryDilatePhysical_UnitSpacingRadiusPlusHalf_EqualsItkBall(int radius)
    {
        // ITK's ball of radius r holds the offsets with |d| ≤ r + ½ voxels: the same set as a physical ball of
        // r + ½ mm at 1 mm spacing ((r + ½)² is never an integer, so no distance sits on the boundary).
        var image = new Volume<byte>(new VolumeGeometry(new Size3(20, 18, 16)));
        var random = new Random(9);
        for (int i = 0; i < image.Voxels.Length; i++)
        {
            image.Voxels[i] = random.NextDouble() < 0.01 ? (byte)1 : (byte)0;
        }

        Assert.That(ImageFilters.BinaryDilatePhysical(image, radius + 0.5).Voxels.SequenceEqual(ImageFilters.BinaryDilate(image, radius).Voxels), Is.True);
        Assert.That(ImageFilters.BinaryErodePhysical(image, radius + 0.5).Voxels.SequenceEqual(ImageFilters.BinaryErode(image, radius).Voxels), Is.True);
        Assert.That(ImageFilters.BinaryMorphologicalClosingPhysical(image, radius + 0.5).Voxels
            .SequenceEqual(ImageFilters.BinaryMorphologicalClosing(image, radius).Voxels), Is.True);
        Assert.That(ImageFilters.BinaryMorphologicalOpeningPhysical(image, radius + 0.5).Voxels
            .SequenceEqual(ImageFilters.BinaryMorphologicalOpening(image, radius).Voxels), Is.True);
    }
}
