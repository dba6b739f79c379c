namespace MedImaging.Registration;

/// <summary>
/// The grid a level's samples are drawn from: the fixed grid shrunk by the level's factor (ITK's
/// <c>ShrinkImageFilter</c> geometry: floor(n / f) voxels, spacing f·s, grid centred in the fixed image).
/// </summary>
internal static class VirtualDomain
{
    /// <summary>
    /// Index axes whose spacing is at least <see cref="ThickRatio"/> times the finest spacing (the slice axis of a
    /// thick-slice CT), or none when <paramref name="thickSliceSampling"/> is off.
    /// </summary>
    public static bool[] ThickAxes(VolumeGeometry g, bool thickSliceSampling)
    {
        double finest = Math.Min(g.Spacing.X, Math.Min(g.Spacing.Y, g.Spacing.Z));
        return [.. Enumerable.Range(0, 3).Select(a => thickSliceSampling && g.Spacing[a] >= ThickRatio * finest)];
    }

    /// <summary>An axis counts as thick from this ratio of its spacing to the finest spacing.</summary>
    public const double ThickRatio = 2.0;

    /// <summary>Per-axis shrink factors: the level's factor, except 1 on thick axes (every acquired slice stays a sample plane).</summary>
    public static Size3 Factors(int factor, bool[] thick) =>
        new(thick[0] ? 1 : factor, thick[1] ? 1 : factor, thick[2] ? 1 : factor);

    /// <summary>The shrunk grid (ITK's <c>ShrinkImageFilter</c> output geometry).</summary>
    public static VolumeGeometry Shrink(VolumeGeometry g, Size3 f)
    {
        int m(int axis) => Math.Max(1, g.Size[axis] / f[axis]);
        var size = new Size3(m(0), m(1), m(2));
        double startIndex(int axis) => (g.Size[axis] - 1 - ((size[axis] - 1) * (double)f[axis])) / 2.0;
        Vec3 origin = g.TransformContinuousIndexToPhysicalPoint(new Vec3(startIndex(0), startIndex(1), startIndex(2)));
        var spacing = new Vec3(g.Spacing.X * f.X, g.Spacing.Y * f.Y, g.Spacing.Z * f.Z);
        return new VolumeGeometry(size, spacing, origin, g.Direction);
    }

    /// <summary>
    /// Sample points (LPS) on <paramref name="domain"/>: every voxel (None), every k-th (Regular) or drawn with
    /// replacement (Random), the latter two jittered by a normal offset of sd 1/3 voxel along each index axis (ITK's
    /// <c>ImageRegistrationMethodv4</c>: sd spacing/3 per coordinate) except along <paramref name="thick"/> axes,
    /// where samples stay on the acquired slices. Deterministic for a given seed.
    /// </summary>
    public static Vec3[] SamplePoints(VolumeGeometry domain, SamplingStrategy strategy, double percentage, int seed, bool[] thick)
    {
        long total = domain.VoxelCount;
        var rng = new Random(seed);
        var points = new List<Vec3>();
        var sd = new Vec3(thick[0] ? 0 : 1 / 3.0, thick[1] ? 0 : 1 / 3.0, thick[2] ? 0 : 1 / 3.0);
        Vec3 Point(long index, bool jitter)
        {
            int nx = domain.Size.X, ny = domain.Size.Y;
            var c = new Vec3(index % nx, index / nx % ny, index / ((long)nx * ny));
            if (jitter)
            {
                c += new Vec3(sd.X * Normal(rng), sd.Y * Normal(rng), sd.Z * Normal(rng));
            }

            return domain.TransformContinuousIndexToPhysicalPoint(c);
        }

        switch (strategy)
        {
            case SamplingStrategy.None:
                for (long i = 0; i < total; i++)
                {
                    points.Add(Point(i, jitter: false));
                }

                break;
            case SamplingStrategy.Regular:
                long stride = Math.Max(1, (long)Math.Ceiling(1.0 / percentage));
                for (long i = 0; i < total; i += stride)
                {
                    points.Add(Point(i, jitter: true));
                }

                break;
            default:
                long count = (long)((float)total * percentage);
                for (long i = 0; i < count; i++)
                {
                    points.Add(Point(rng.NextInt64(total), jitter: true));
                }

                break;
        }

        return [.. points];
    }

    private static double Normal(Random rng)
    {
        // Box–Muller; 1 − U avoids log(0).
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
