using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class BinaryMorphologyTests
{
    private static Volume<byte> Empty(int nx, int ny, int nz) => new(new VolumeGeometry(new Size3(nx, ny, nz)));

    private static int Count(Volume<byte> v, byte value = 1) => v.Voxels.ToArray().Count(b => b == value);

    [TestCase(1, 19)] // 3×3×3 minus the 8 corners: ITK's radius-1 ball
    [TestCase(3, 179)] // the ITK harness reports kernel_voxels 179 for radius 3
    public void BallStructuringElement_Radius_HasItkVoxelCount(int radius, int voxels)
    {
        var element = StructuringElement.Create(radius, KernelType.Ball);
        Assert.That(element.VoxelCount, Is.EqualTo(voxels));
    }

    [Test]
    public void BallStructuringElement_Anisotropic_ZeroRadiusAxisIsFlat()
    {
        // Radius (2, 2, 0): a disc in one slice; (dx/2.5)² + (dy/2.5)² ≤ 1 → 21 offsets (5×5 minus 4 corners).
        var element = StructuringElement.Create(new KernelRadius(2, 2, 0), KernelType.Ball);
        Assert.That(element.VoxelCount, Is.EqualTo(21));
        Assert.That(element.Rows.All(r => r.Dz == 0), Is.True);
    }

    [Test]
    public void BinaryDilate_SingleVoxel_GivesTheKernel()
    {
        var image = Empty(11, 11, 11);
        image[5, 5, 5] = 1;
        var ball = ImageFilters.BinaryDilate(image, 3);
        var box = ImageFilters.BinaryDilate(image, new KernelRadius(1, 2, 3), KernelType.Box);
        Assert.That(Count(ball), Is.EqualTo(179)); // the dilation of a point is the (symmetric) kernel
        Assert.That(Count(box), Is.EqualTo(3 * 5 * 7));
        Assert.That(ball[5, 5, 8], Is.EqualTo(1));
        Assert.That(ball[7, 7, 7], Is.EqualTo(1)); // offset (2, 2, 2): 3·(2/3.5)² = 0.98 ≤ 1
        Assert.That(ball[7, 7, 8], Is.EqualTo(0)); // offset (2, 2, 3): (4 + 4 + 9)/12.25 = 1.39 > 1
    }

    [Test]
    public void BinaryErode_FullImage_BoundaryRuleDecidesTheBorder()
    {
        var image = Empty(6, 6, 6);
        image.Fill(1);
        Assert.That(Count(ImageFilters.BinaryErode(image, 1)), Is.EqualTo(216)); // outside counts as foreground
        Assert.That(Count(ImageFilters.BinaryErode(image, 1, boundaryToForeground: false)), Is.EqualTo(64)); // 4³ interior
    }

    [Test]
    public void BinaryMorphologicalClosing_HoleInsideCube_IsFilledAndOtherValuesKept()
    {
        var image = Empty(12, 12, 12);
        for (int z = 2; z < 10; z++)
        {
            for (int y = 2; y < 10; y++)
            {
                for (int x = 2; x < 10; x++)
                {
                    image[x, y, z] = 1;
                }
            }
        }

        image[5, 5, 5] = 0;
        image[0, 0, 0] = 7;
        var closed = ImageFilters.BinaryMorphologicalClosing(image, 1);
        Assert.That(Count(closed), Is.EqualTo(512)); // 8³ cube, hole filled, corners of the cube kept (extensive)
        Assert.That(closed[0, 0, 0], Is.EqualTo(7));
    }

    [Test]
    public void BinaryMorphologicalClosing_SlabsTouchingBorder_SafeBorderLeavesEdgeVoxelsOpen()
    {
        // Two slabs touching the x = 0 face with a 1-voxel gap: safe border closes only the gap; without it the
        // erosion sees foreground outside the image and also fills the strip of the gap at the face.
        var image = Empty(8, 8, 8);
        for (int z = 0; z < 8; z++)
        {
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    image[x, y, z] = x == 4 ? (byte)0 : (byte)1;
                }
            }
        }

        var safe = ImageFilters.BinaryMorphologicalClosing(image, 1);
        // The gap plane x = 4 is bridged except its 4 voxels on the image's y/z edges: the padded background there is
        // reached by the radius-1 ball (19 voxels, no corner offsets) but never dilated, so the erosion removes them.
        Assert.That(Count(safe), Is.EqualTo(508));
        // Without safe border the erosion counts the outside as foreground, so those 4 edge voxels close too.
        Assert.That(Count(ImageFilters.BinaryMorphologicalClosing(image, 1, safeBorder: false)), Is.EqualTo(512));
    }

    [Test]
    public void BinaryMorphologicalOpening_RemovesSmallSpeckKeepsCube()
    {
        var image = Empty(12, 12, 12);
        for (int z = 2; z < 9; z++)
        {
            for (int y = 2; y < 9; y++)
            {
                for (int x = 2; x < 9; x++)
                {
                    image[x, y, z] = 1;
                }
            }
        }

        image[10, 10, 10] = 1;
        var opened = ImageFilters.BinaryMorphologicalOpening(image, 1, KernelType.Box);
        Assert.That(Count(opened), Is.EqualTo(343)); // the box opening of a 7³ cube is the cube; the speck goes
    }

    [Test]
    public void BinaryMorphologicalClosing_OneAndTwoThreads_BitIdentical()
    {
        var image = Empty(40, 30, 20);
        var random = new Random(3);
        for (int i = 0; i < image.Voxels.Length; i++)
        {
            image.Voxels[i] = random.NextDouble() < 0.3 ? (byte)1 : (byte)0;
        }

        var one = ImageFilters.BinaryMorphologicalClosing(image, 2, execution: new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        var two = ImageFilters.BinaryMorphologicalClosing(image, 2, execution: new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(two.Voxels.SequenceEqual(one.Voxels), Is.True);
    }

    [Test]
    [Category("Simd")]
    public void OrWithinWidth_EveryLengthAndOffset_MatchesScalar()
    {
        var random = new Random(11);
        int lanes = System.Numerics.Vector<byte>.Count;
        for (int length = 0; length <= (4 * lanes) + 3; length++)
        {
            for (int offset = 0; offset <= 3; offset++)
            {
                byte[] distance = new byte[length + offset];
                byte[] accumulator = new byte[length + offset];
                random.NextBytes(distance);
                for (int i = 0; i < accumulator.Length; i++)
                {
                    accumulator[i] = (byte)random.Next(2);
                }

                byte[] expected = (byte[])accumulator.Clone();
                BinaryMorphologyKernels.OrWithinWidthScalar(distance.AsSpan(offset), 100, expected.AsSpan(offset));
                BinaryMorphologyKernels.OrWithinWidth(distance.AsSpan(offset), 100, accumulator.AsSpan(offset));
                Assert.That(accumulator, Is.EqualTo(expected), $"length {length}, offset {offset}");
            }
        }
    }
}
