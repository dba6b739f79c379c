namespace MedImaging.Cli.Commands;

/// <summary>
/// The demo's synthetic CT: air (−1000 HU) around an ellipsoidal water body (0 HU) holding a spherical lesion
/// (100 HU), no noise. Shapes are centred on voxel centres so their voxel counts have closed forms
/// (<see cref="ExpectedBodyVoxels"/>, <see cref="ExpectedLesionVoxels"/>) computed without looking at the volume.
/// </summary>
internal static class DemoPhantom
{
    /// <summary>Air, HU.</summary>
    public const short Air = -1000;

    /// <summary>Body (water), HU.</summary>
    public const short Body = 0;

    /// <summary>Lesion, HU.</summary>
    public const short Lesion = 100;

    /// <summary>Lesion radius, mm (not a multiple of the spacing, so no voxel centre lies on the surface).</summary>
    public const double LesionRadius = 12.3;

    /// <summary>Body semi-axes (x, y, z), mm.</summary>
    public static readonly Vec3 BodySemiAxes = new(55.3, 40.3, 50.3);

    /// <summary>The grid: 160×160×48 voxels of 0.8×0.8×2.5 mm, identity direction.</summary>
    public static readonly VolumeGeometry Geometry =
        new(new Size3(160, 160, 48), new Vec3(0.8, 0.8, 2.5), new Vec3(-63.6, -80.4, -58.75));

    /// <summary>Index of the body centre.</summary>
    public static readonly (int X, int Y, int Z) BodyCentre = (80, 80, 24);

    /// <summary>Index of the lesion centre (16 mm left, 8 mm anterior, 5 mm superior of the body centre).</summary>
    public static readonly (int X, int Y, int Z) LesionCentre = (100, 70, 26);

    /// <summary>Renders the phantom.</summary>
    public static Volume<short> Create()
    {
        var ct = new Volume<short>(Geometry);
        Vec3 s = Geometry.Spacing;
        for (int z = 0; z < Geometry.Size.Z; z++)
        {
            for (int y = 0; y < Geometry.Size.Y; y++)
            {
                Span<short> row = ct.GetRow(y, z);
                for (int x = 0; x < row.Length; x++)
                {
                    double bx = (x - BodyCentre.X) * s.X / BodySemiAxes.X, by = (y - BodyCentre.Y) * s.Y / BodySemiAxes.Y, bz = (z - BodyCentre.Z) * s.Z / BodySemiAxes.Z;
                    double lx = (x - LesionCentre.X) * s.X, ly = (y - LesionCentre.Y) * s.Y, lz = (z - LesionCentre.Z) * s.Z;
                    row[x] = lx * lx + ly * ly + lz * lz <= LesionRadius * LesionRadius ? Lesion
                        : bx * bx + by * by + bz * bz <= 1 ? Body : Air;
                }
            }
        }

        return ct;
    }

    /// <summary>Voxel centres inside the lesion sphere: for each (x, y) column, 2·⌊√(r² − dx² − dy²)/sz⌋ + 1.</summary>
    public static long ExpectedLesionVoxels()
    {
        Vec3 s = Geometry.Spacing;
        long count = 0;
        for (int i = -40; i <= 40; i++)
        {
            for (int j = -40; j <= 40; j++)
            {
                double left = LesionRadius * LesionRadius - Math.Pow(i * s.X, 2) - Math.Pow(j * s.Y, 2);
                count += left < 0 ? 0 : 2 * (long)Math.Floor(Math.Sqrt(left) / s.Z) + 1;
            }
        }

        return count;
    }

    /// <summary>Voxel centres inside the body ellipsoid (lesion included), by the same column formula.</summary>
    public static long ExpectedBodyVoxels()
    {
        Vec3 s = Geometry.Spacing;
        long count = 0;
        for (int i = -BodyCentre.X; i < Geometry.Size.X - BodyCentre.X; i++)
        {
            for (int j = -BodyCentre.Y; j < Geometry.Size.Y - BodyCentre.Y; j++)
            {
                double left = 1 - Math.Pow(i * s.X / BodySemiAxes.X, 2) - Math.Pow(j * s.Y / BodySemiAxes.Y, 2);
                count += left < 0 ? 0 : 2 * (long)Math.Floor(Math.Sqrt(left) * BodySemiAxes.Z / s.Z) + 1;
            }
        }

        return count;
    }
}
