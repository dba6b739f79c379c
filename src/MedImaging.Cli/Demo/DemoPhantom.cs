namespace MedImaging.Cli.Demo;

/// <summary>
/// The demo's synthetic CT with known answers: air (−1000 HU) around an ellipsoidal water body (0 HU) holding a
/// spherical lesion (100 HU), no noise, on an anisotropic grid (0.7 × 0.7 × 2.5 mm, so resampling to 1 mm matters).
/// A voxel takes the value of the shape its centre lies in. Both centres lie on voxel centres of the grid and of
/// its 1 mm resampling (their offsets from the origin are whole millimetres), so the shapes are symmetric on both.
/// </summary>
internal static class DemoPhantom
{
    /// <summary>Air, HU.</summary>
    public const short Air = -1000;

    /// <summary>Body (water), HU.</summary>
    public const short Body = 0;

    /// <summary>Lesion, HU.</summary>
    public const short Lesion = 100;

    /// <summary>Lesion radius, mm (not a multiple of any spacing, so no voxel centre lies on the surface).</summary>
    public const double LesionRadius = 15.3;

    /// <summary>Radius of the lesion's core label, mm: 10 mm (four slices) inside the surface.</summary>
    public const double LesionCoreRadius = LesionRadius - 10;

    /// <summary>Body semi-axes (x, y, z), mm.</summary>
    public static readonly Vec3 BodySemiAxes = new(48.3, 38.3, 45.3);

    /// <summary>The grid: 160×160×44 voxels of 0.7×0.7×2.5 mm (112 × 112 × 110 mm), identity direction.</summary>
    public static readonly VolumeGeometry Geometry =
        new(new Size3(160, 160, 44), new Vec3(0.7, 0.7, 2.5), new Vec3(-56, -70, -50));

    /// <summary>The body centre, LPS mm (voxel (80, 80, 22)).</summary>
    public static Vec3 BodyCentre => Geometry.TransformIndexToPhysicalPoint(80, 80, 22);

    /// <summary>The lesion centre, LPS mm (voxel (100, 70, 24): 14 mm left, 7 mm anterior, 5 mm superior of the body centre).</summary>
    public static Vec3 LesionCentre => Geometry.TransformIndexToPhysicalPoint(100, 70, 24);

    /// <summary>Body volume, mL: 4/3·π·a·b·c.</summary>
    public static double BodyVolumeMl => 4.0 / 3.0 * Math.PI * BodySemiAxes.X * BodySemiAxes.Y * BodySemiAxes.Z / 1000;

    /// <summary>Lesion volume, mL: 4/3·π·r³.</summary>
    public static double LesionVolumeMl => 4.0 / 3.0 * Math.PI * Math.Pow(LesionRadius, 3) / 1000;

    /// <summary>Renders the CT.</summary>
    public static Volume<short> Create() => Render(p => InLesion(p, LesionRadius) ? Lesion : InBody(p) ? Body : Air);

    /// <summary>The demo's label image on the same grid: 1 = lesion (voxel centres inside it), 2 = its core (within <see cref="LesionCoreRadius"/>).</summary>
    public static Volume<short> Labels() => Render(p => InLesion(p, LesionCoreRadius) ? (short)2 : InLesion(p, LesionRadius) ? (short)1 : (short)0);

    private static bool InLesion(Vec3 p, double radius) => (p - LesionCentre).Length <= radius;

    private static bool InBody(Vec3 p)
    {
        Vec3 d = Vec3.Divide(p - BodyCentre, BodySemiAxes);
        return Vec3.Dot(d, d) <= 1;
    }

    private static Volume<short> Render(Func<Vec3, short> value)
    {
        var volume = new Volume<short>(Geometry);
        for (int z = 0; z < Geometry.Size.Z; z++)
        {
            for (int y = 0; y < Geometry.Size.Y; y++)
            {
                Span<short> row = volume.GetRow(y, z);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = value(Geometry.TransformIndexToPhysicalPoint(x, y, z));
                }
            }
        }

        return volume;
    }
}
