using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

/// <summary>
/// The streamed, in-place SafeBorder closing (<see cref="ImageFilters.BinaryMorphologicalClosing"/> and the
/// pipeline's in-place form) against the definition evaluated voxel by voxel: pad by the radius with background,
/// dilate (ball or box offsets, background outside), erode (foreground outside the padded grid), crop, OR the input.
/// </summary>
[TestFixture]
public sealed class StreamedClosingTests
{
    [TestCase(3, 3, 3, KernelType.Ball, 0.3)]
    [TestCase(3, 3, 3, KernelType.Ball, 0.6)]
    [TestCase(1, 2, 3, KernelType.Ball, 0.5)]
    [TestCase(2, 1, 0, KernelType.Box, 0.4)]
    [TestCase(0, 0, 0, KernelType.Ball, 0.5)]
    public void Closing_RandomMaskTouchingBorders_EqualsDefinition(int rx, int ry, int rz, KernelType kernel, double density)
    {
        Volume<byte> mask = RandomMask(new Size3(23, 17, 13), density, seed: rx + (7 * ry) + (49 * rz));
        var radius = new KernelRadius(rx, ry, rz);

        Volume<byte> closed = ImageFilters.BinaryMorphologicalClosing(mask, radius, kernel);

        Assert.That(closed.Voxels.ToArray(), Is.EqualTo(Definition(mask, radius, kernel)));
    }

    [Test]
    public void ClosingInPlace_EqualsTheAllocatingFilter_AndIsThreadCountInvariant()
    {
        Volume<byte> mask = RandomMask(new Size3(40, 33, 29), 0.45, seed: 11);
        byte[] expected = ImageFilters.BinaryMorphologicalClosing(mask, 3).Voxels.ToArray();
        foreach (int threads in new[] { 1, 2, 3 })
        {
            Volume<byte> copy = mask.Clone();
            ImageFilters.BinaryMorphologicalClosingInPlace(copy, 3, KernelType.Ball, new ExecutionOptions { MaxDegreeOfParallelism = threads });
            Assert.That(copy.Voxels.ToArray(), Is.EqualTo(expected), $"{threads} threads");
        }
    }

    private static Volume<byte> RandomMask(Size3 size, double density, int seed)
    {
        var random = new Random(seed);
        var mask = new Volume<byte>(new VolumeGeometry(size, new Vec3(0.7, 0.8, 2.5), Vec3.Zero, Mat3.Identity));
        Span<byte> v = mask.Voxels;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = random.NextDouble() < density ? (byte)1 : (byte)0;
        }

        return mask;
    }

    /// <summary>ITK's ball: (i/(rx+½))² + (j/(ry+½))² + (k/(rz+½))² ≤ 1; box: every offset within the radius.</summary>
    private static List<(int X, int Y, int Z)> Offsets(KernelRadius r, KernelType kernel)
    {
        var offsets = new List<(int, int, int)>();
        for (int k = -r.Z; k <= r.Z; k++)
        {
            for (int j = -r.Y; j <= r.Y; j++)
            {
                for (int i = -r.X; i <= r.X; i++)
                {
                    double sum = Sq(i / (r.X + 0.5)) + Sq(j / (r.Y + 0.5)) + Sq(k / (r.Z + 0.5));
                    if (kernel == KernelType.Box || sum <= 1)
                    {
                        offsets.Add((i, j, k));
                    }
                }
            }
        }

        return offsets;
    }

    private static double Sq(double v) => v * v;

    private static byte[] Definition(Volume<byte> mask, KernelRadius r, KernelType kernel)
    {
        Size3 s = mask.Size;
        int px = s.X + (2 * r.X), py = s.Y + (2 * r.Y), pz = s.Z + (2 * r.Z);
        bool InPadded(int x, int y, int z) => x >= 0 && y >= 0 && z >= 0 && x < px && y < py && z < pz;
        bool Original(int x, int y, int z)
        {
            (int ix, int iy, int iz) = (x - r.X, y - r.Y, z - r.Z);
            return ix >= 0 && iy >= 0 && iz >= 0 && ix < s.X && iy < s.Y && iz < s.Z && mask[ix, iy, iz] == 1;
        }

        List<(int X, int Y, int Z)> offsets = Offsets(r, kernel);
        var dilated = new bool[px, py, pz];
        for (int z = 0; z < pz; z++)
        {
            for (int y = 0; y < py; y++)
            {
                for (int x = 0; x < px; x++)
                {
                    dilated[x, y, z] = offsets.Any(o => Original(x + o.X, y + o.Y, z + o.Z));
                }
            }
        }

        byte[] result = new byte[s.VoxelCount];
        for (int z = 0; z < s.Z; z++)
        {
            for (int y = 0; y < s.Y; y++)
            {
                for (int x = 0; x < s.X; x++)
                {
                    (int qx, int qy, int qz) = (x + r.X, y + r.Y, z + r.Z);
                    bool eroded = offsets.All(o => !InPadded(qx + o.X, qy + o.Y, qz + o.Z) || dilated[qx + o.X, qy + o.Y, qz + o.Z]);
                    result[((z * s.Y) + y) * s.X + x] = eroded || mask[x, y, z] == 1 ? (byte)1 : (byte)0;
                }
            }
        }

        return result;
    }
}
