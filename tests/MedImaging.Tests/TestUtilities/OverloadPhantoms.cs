namespace MedImaging.Tests.TestUtilities;

/// <summary>
/// Small deterministic volumes for comparing an operation's <see cref="Volume"/> overload with its generic form, and
/// the comparison itself: same voxel type, same geometry, same bytes.
/// </summary>
internal static class OverloadPhantoms
{
    /// <summary>A 14 × 12 × 10 grid with anisotropic spacing, an origin off zero and an oblique direction (LPS).</summary>
    public static readonly VolumeGeometry Grid = new(new Size3(14, 12, 10), new Vec3(0.8, 1.1, 1.6), new Vec3(-12.5, 3, 40),
        new Mat3(0.6, -0.8, 0, 0.8, 0.6, 0, 0, 0, 1));

    /// <summary>
    /// Intensities 0…200 (every voxel type holds them exactly): a bright ellipsoid on a ramp, with a few seeded
    /// random voxels so that histograms and morphology see more than two levels.
    /// </summary>
    public static Volume Intensities(PixelType type)
    {
        var random = new Random(7);
        return Fill(type, (x, y, z) =>
        {
            double r = Square((x - 7) / 4.5) + Square((y - 5) / 3.5) + Square((z - 5) / 3.0);
            double value = (r <= 1 ? 150 : 10) + (3 * x) + y + (random.Next(8) == 0 ? random.Next(40) : 0);
            return Math.Min(200, value);
        });
    }

    /// <summary>Labels 0…3: two boxes and a sphere that do not touch (labels 1 and 2 once more, apart).</summary>
    public static Volume Labels(PixelType type) => Fill(type, (x, y, z) =>
        x is >= 1 and <= 4 && y is >= 1 and <= 3 && z is >= 1 and <= 8 ? 1
        : x is >= 8 and <= 12 && y is >= 7 and <= 10 && z is >= 2 and <= 4 ? 2
        : Square(x - 9) + Square(y - 3) + Square(z - 7) <= 5 ? 3
        : x == 12 && y == 0 && z == 0 ? 1
        : 0);

    /// <summary>A 0/1 mask: the voxels of <see cref="Labels"/> other than label 3, shifted by one voxel along x.</summary>
    public static Volume Mask(PixelType type)
    {
        Volume labels = Labels(PixelType.UInt8);
        return Fill(type, (x, y, z) => x > 0 && labels.GetValueAsDouble(x - 1, y, z) is 1 or 2 ? 1 : 0);
    }

    /// <summary>Asserts that two volumes have the same voxel type, the same geometry and the same voxel bytes.</summary>
    public static void AssertSame(Volume expected, Volume actual, string what)
    {
        Assert.That(actual.PixelType, Is.EqualTo(expected.PixelType), what);
        Assert.That(actual.Geometry, Is.EqualTo(expected.Geometry), what);
        Assert.That(actual.AsBytes().SequenceEqual(expected.AsBytes()), Is.True, $"{what}: voxels differ");
    }

    private static Volume Fill(PixelType type, Func<int, int, int, double> value)
    {
        var volume = Volume.Create(type, Grid);
        volume.Accept(new FillVisitor(value));
        return volume;
    }

    private static double Square(double v) => v * v;

    private sealed class FillVisitor(Func<int, int, int, double> value) : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> volume)
            where T : unmanaged, System.Numerics.INumber<T>
        {
            Size3 n = volume.Size;
            for (int z = 0; z < n.Z; z++)
            {
                for (int y = 0; y < n.Y; y++)
                {
                    for (int x = 0; x < n.X; x++)
                    {
                        volume[x, y, z] = T.CreateChecked(value(x, y, z));
                    }
                }
            }

            return true;
        }
    }
}
