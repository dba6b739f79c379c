using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public class ShrinkTests
{
    // Voxel value = its own linear index, so the output tells which input voxel it copied.
    private static Volume<int> IndexVolume(Size3 size, Vec3 spacing, Vec3 origin, Mat3 direction)
    {
        var v = new Volume<int>(new VolumeGeometry(size, spacing, origin, direction));
        Span<int> voxels = v.Voxels;
        for (int i = 0; i < voxels.Length; i++)
        {
            voxels[i] = i;
        }

        return v;
    }

    [Test]
    public void Shrink_192By4_TakesVoxels2_6_10AsItkHarnessDocuments()
    {
        // The ITK harness README: for n = 192, f = 4 the output takes input voxels 2, 6, 10, ...
        Volume<int> input = IndexVolume(new Size3(192, 1, 1), Vec3.One, Vec3.Zero, Mat3.Identity);
        Volume<int> output = ImageFilters.Shrink(input, 4, 1, 1);
        Assert.That(output.Size, Is.EqualTo(new Size3(48, 1, 1)));
        Assert.That(output.Voxels[..3].ToArray(), Is.EqualTo(new[] { 2, 6, 10 }));
        Assert.That(output.Voxels[47], Is.EqualTo(2 + 47 * 4));
    }

    [Test]
    public void Shrink_OddRemainder_GridCentresCoincideAndSpacingScales()
    {
        var direction = new Mat3(0, -1, 0, 1, 0, 0, 0, 0, 1);
        Volume<int> input = IndexVolume(new Size3(11, 9, 7), new Vec3(0.5, 0.7, 2), new Vec3(3, -4, 5), direction);
        Volume<int> output = ImageFilters.Shrink(input, 3, 2, 4);

        // floor(n / f): 11/3 = 3, 9/2 = 4, 7/4 = 1.
        Assert.That(output.Size, Is.EqualTo(new Size3(3, 4, 1)));
        Assert.That(output.Geometry.Spacing, Is.EqualTo(new Vec3(1.5, 1.4, 8)));
        Assert.That(output.Geometry.Direction, Is.EqualTo(direction));

        // Grid centres coincide (ITK's rule): 1e-12 mm is rounding of a handful of products.
        Assert.That(Vec3.MaxAbsDifference(output.Geometry.Center, input.Geometry.Center), Is.LessThan(1e-12));

        // Output voxel (i, j, k) copies the input voxel nearest its centre (continuous index rounded half up;
        // sizes chosen so no centre falls on a half-voxel tie, which the 192/4 test covers):
        // x: centre (11-1)/2 - 3*(3-1)/2 = 2 -> 2, 5, 8; y: 4 - 3 = 1 -> 1, 3, 5, 7; z: 3 -> 3.
        for (int k = 0; k < 1; k++)
        {
            for (int j = 0; j < 4; j++)
            {
                for (int i = 0; i < 3; i++)
                {
                    Vec3 p = output.Geometry.TransformIndexToPhysicalPoint(i, j, k);
                    (int x, int y, int z) = input.Geometry.TransformPhysicalPointToIndex(p);
                    Assert.That(output[i, j, k], Is.EqualTo(input[x, y, z]), $"output voxel ({i}, {j}, {k})");
                }
            }
        }

        Assert.That(output[0, 0, 0], Is.EqualTo(input[2, 1, 3]));
    }

    [Test]
    public void Shrink_FactorLargerThanSize_KeepsOneVoxel()
    {
        Volume<int> input = IndexVolume(new Size3(3, 2, 2), Vec3.One, Vec3.Zero, Mat3.Identity);
        Volume<int> output = ImageFilters.Shrink(input, 5);
        Assert.That(output.Size, Is.EqualTo(new Size3(1, 1, 1)));
        Assert.That(output.Geometry.Origin, Is.EqualTo(input.Geometry.Center));
    }

    [Test]
    public void Shrink_FactorZero_Throws()
    {
        Volume<int> input = IndexVolume(new Size3(3, 2, 2), Vec3.One, Vec3.Zero, Mat3.Identity);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.Shrink(input, 0, 1, 1));
    }

    [Test]
    public void Shrink_OneAndTwoThreads_Identical()
    {
        Volume<int> input = IndexVolume(new Size3(40, 30, 33), Vec3.One, Vec3.Zero, Mat3.Identity);
        Volume<int> a = ImageFilters.Shrink(input, 2, 3, 2, new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        Volume<int> b = ImageFilters.Shrink(input, 2, 3, 2, new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(b.Voxels.ToArray(), Is.EqualTo(a.Voxels.ToArray()));
    }
}
