using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class SignedMaurerDistanceMapTests
{
    [Test]
    public void SignedMaurerDistanceMap_SinglePointAnisotropic_EqualsEuclideanDistanceInMm()
    {
        var geometry = new VolumeGeometry(new Size3(9, 7, 5), new Vec3(0.7, 1.3, 2.5), Vec3.Zero);
        var image = new Volume<byte>(geometry);
        image[2, 5, 1] = 1;
        var map = ImageFilters.SignedMaurerDistanceMap(image, squaredDistance: false, useImageSpacing: true);
        for (int z = 0; z < 5; z++)
        {
            for (int y = 0; y < 7; y++)
            {
                for (int x = 0; x < 9; x++)
                {
                    double expected = new Vec3((x - 2) * 0.7, (y - 5) * 1.3, (z - 1) * 2.5).Length;
                    // The map is float32: relative rounding 6e-8 of distances up to 12 mm.
                    Assert.That(map[x, y, z], Is.EqualTo(expected).Within(1e-5), $"({x}, {y}, {z})");
                }
            }
        }
    }

    [Test]
    public void SignedMaurerDistanceMap_SimpleItkDefaults_SquaredVoxelUnitsInsideNegative()
    {
        // A 5-voxel run on a line: contour = its two end voxels (the interior ones have background only along y/z,
        // which is outside this 1-row image), so the middle voxel is −2² and a voxel 3 past the end is +3².
        var image = new Volume<byte>(new VolumeGeometry(new Size3(12, 1, 1), new Vec3(2, 2, 2), Vec3.Zero), [0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
        var map = ImageFilters.SignedMaurerDistanceMap(image);
        Assert.That(map[3, 0, 0], Is.EqualTo(-4f));
        Assert.That(map[1, 0, 0], Is.EqualTo(0f));
        Assert.That(map[8, 0, 0], Is.EqualTo(9f));
        var positiveInside = ImageFilters.SignedMaurerDistanceMap(image, insideIsPositive: true, squaredDistance: false, useImageSpacing: true);
        Assert.That(positiveInside[3, 0, 0], Is.EqualTo(4f)); // 2 voxels × 2 mm
        Assert.That(positiveInside[8, 0, 0], Is.EqualTo(-6f));
    }

    [Test]
    public void SignedMaurerDistanceMap_OneAndTwoThreads_BitIdentical()
    {
        var image = new Volume<byte>(new VolumeGeometry(new Size3(40, 33, 21), new Vec3(0.7, 0.9, 3), Vec3.Zero));
        var random = new Random(5);
        for (int i = 0; i < image.Voxels.Length; i++)
        {
            image.Voxels[i] = random.NextDouble() < 0.02 ? (byte)1 : (byte)0;
        }

        var one = ImageFilters.SignedMaurerDistanceMap(image, useImageSpacing: true, execution: new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        var two = ImageFilters.SignedMaurerDistanceMap(image, useImageSpacing: true, execution: new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(two.Voxels.SequenceEqual(one.Voxels), Is.True);
    }
}
