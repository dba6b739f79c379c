namespace MedImaging.Tests.Clinical.Qc;

/// <summary>
/// Volumes for the QC picture tests, filled from functions of the LPS point so that any direction matrix holds
/// the same anatomy: balls of distinct values at known offsets from a centre point.
/// </summary>
internal static class QcPhantoms
{
    /// <summary>The LPS centre (mm) of every marker phantom grid.</summary>
    public static readonly Vec3 Centre = new(10, -20, 30);

    /// <summary>Ball radius of the markers in mm.</summary>
    public const double MarkerRadius = 8;

    /// <summary>Markers: offset from <see cref="Centre"/> in LPS mm and value. 200 lies left, 400 anterior,
    /// 600 superior, 800 right and posterior; offsets are multiples of the 1.5 mm display pixel.</summary>
    public static readonly (Vec3 Offset, short Value)[] Markers =
    [
        (new Vec3(30, 0, 0), 200),
        (new Vec3(0, -24, 0), 400),
        (new Vec3(0, 0, 21), 600),
        (new Vec3(-15, 12, 0), 800),
    ];

    /// <summary>A grid of <paramref name="size"/> and <paramref name="spacing"/> along the direction columns,
    /// centred on <paramref name="centre"/>.</summary>
    public static VolumeGeometry Centred(Size3 size, Vec3 spacing, Mat3 direction, Vec3 centre)
    {
        var halfIndex = new Vec3((size.X - 1) / 2.0 * spacing.X, (size.Y - 1) / 2.0 * spacing.Y, (size.Z - 1) / 2.0 * spacing.Z);
        return new VolumeGeometry(size, spacing, centre - direction * halfIndex, direction);
    }

    /// <summary>Fills every voxel with <paramref name="f"/> of its LPS centre.</summary>
    public static Volume<short> Fill(VolumeGeometry geometry, Func<Vec3, short> f)
    {
        var volume = new Volume<short>(geometry);
        for (int z = 0; z < geometry.Size.Z; z++)
        {
            for (int y = 0; y < geometry.Size.Y; y++)
            {
                for (int x = 0; x < geometry.Size.X; x++)
                {
                    volume[x, y, z] = f(geometry.TransformIndexToPhysicalPoint(x, y, z));
                }
            }
        }

        return volume;
    }

    /// <summary>The marker phantom on a grid with the given direction, spacing and size, centred on <see cref="Centre"/>.</summary>
    public static Volume<short> MarkerVolume(Mat3 direction, Vec3 spacing, Size3 size) =>
        Fill(Centred(size, spacing, direction, Centre), p =>
        {
            foreach ((Vec3 offset, short value) in Markers)
            {
                if ((p - Centre - offset).Length <= MarkerRadius)
                {
                    return value;
                }
            }

            return 0;
        });

    /// <summary>Rotation by <paramref name="degrees"/> about the unit <paramref name="axis"/> (Rodrigues' formula).</summary>
    public static Mat3 Rotation(Vec3 axis, double degrees)
    {
        Vec3 k = axis.Normalize();
        double t = degrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t), v = 1 - c;
        return new Mat3(
            c + k.X * k.X * v, k.X * k.Y * v - k.Z * s, k.X * k.Z * v + k.Y * s,
            k.Y * k.X * v + k.Z * s, c + k.Y * k.Y * v, k.Y * k.Z * v - k.X * s,
            k.Z * k.X * v - k.Y * s, k.Z * k.Y * v + k.X * s, c + k.Z * k.Z * v);
    }
}
