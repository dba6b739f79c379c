using System.Runtime.CompilerServices;
using System.Numerics;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Resamples an irregular stack of parallel slices (gantry tilt, gaps, variable spacing) onto a regular orthogonal
/// grid that covers every slice: the slices' own row and column directions and pixel spacing, the slice normal as
/// the third axis, planes from the first to the last slice at (about) the given spacing. Each output plane is the
/// linear blend of the two source slices around it along the normal; within a slice the tilt's sideways shift is
/// undone by bilinear interpolation (ITK's inside rule: continuous index in [−0.5, n − 0.5), edges clamped).
/// Output points that fall outside a contributing slice get the default value.
/// </summary>
internal static class StackRegularizer
{
    /// <summary>The regular grid covering every slice.</summary>
    /// <param name="slices">The slices of one volume sorted along the normal (at least two).</param>
    /// <param name="sliceSpacing">Wanted spacing along the normal, mm; adjusted so that the first and last planes
    /// fall on the first and last slices.</param>
    /// <exception cref="ArgumentException">Fewer than two slices, slices of different sizes or spacings, or a
    /// non-positive spacing.</exception>
    public static VolumeGeometry TargetGeometry(IReadOnlyList<SlicePlane> slices, double sliceSpacing)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count < 2)
        {
            throw new ArgumentException("regularising a stack needs at least two slices", nameof(slices));
        }

        if (!(sliceSpacing > 0))
        {
            throw new ArgumentException($"slice spacing {sliceSpacing} must be > 0", nameof(sliceSpacing));
        }

        SlicePlane s0 = slices[0];
        foreach (SlicePlane s in slices)
        {
            if (s.Columns != s0.Columns || s.Rows != s0.Rows || s.ColumnSpacing != s0.ColumnSpacing || s.RowSpacing != s0.RowSpacing)
            {
                throw new ArgumentException("slices of one stack must share Rows, Columns and PixelSpacing", nameof(slices));
            }
        }

        (double minX, double maxX, double minY, double maxY, double span) = Extent(slices);
        int planes = Math.Max(2, checked((int)Math.Round(span / sliceSpacing) + 1));
        var size = new Size3(
            checked((int)Math.Round((maxX - minX) / s0.ColumnSpacing) + s0.Columns),
            checked((int)Math.Round((maxY - minY) / s0.RowSpacing) + s0.Rows),
            planes);
        Vec3 normal = s0.Normal;
        var spacing = new Vec3(s0.ColumnSpacing, s0.RowSpacing, span / (planes - 1));
        Vec3 origin = s0.Position + s0.RowDirection * minX + s0.ColumnDirection * minY;
        return new VolumeGeometry(size, spacing, origin, Mat3.FromColumns(s0.RowDirection, s0.ColumnDirection, normal));
    }

    /// <summary>
    /// The number of voxels of <see cref="TargetGeometry"/> for these slices, as a double (no overflow, whatever the
    /// positions): the bound checked before any voxel is allocated.
    /// </summary>
    internal static double EstimateVoxelCount(IReadOnlyList<SlicePlane> slices, double sliceSpacing)
    {
        SlicePlane s0 = slices[0];
        (double minX, double maxX, double minY, double maxY, double span) = Extent(slices);
        return Math.Max(2, Math.Round(span / sliceSpacing) + 1) * (Math.Round((maxX - minX) / s0.ColumnSpacing) + s0.Columns)
            * (Math.Round((maxY - minY) / s0.RowSpacing) + s0.Rows);
    }

    /// <summary>The slices' in-plane offsets from the first (along its row and column directions) and span along its normal, mm.</summary>
    private static (double MinX, double MaxX, double MinY, double MaxY, double Span) Extent(IReadOnlyList<SlicePlane> slices)
    {
        SlicePlane s0 = slices[0];
        double minX = 0, maxX = 0, minY = 0, maxY = 0;
        foreach (SlicePlane s in slices)
        {
            Vec3 d = s.Position - s0.Position;
            double ox = Vec3.Dot(d, s0.RowDirection), oy = Vec3.Dot(d, s0.ColumnDirection);
            minX = Math.Min(minX, ox); maxX = Math.Max(maxX, ox);
            minY = Math.Min(minY, oy); maxY = Math.Max(maxY, oy);
        }

        return (minX, maxX, minY, maxY, Vec3.Dot(slices[^1].Position - s0.Position, s0.Normal));
    }

    /// <summary>Resamples the slices onto <paramref name="target"/> (from <see cref="TargetGeometry"/>).</summary>
    /// <typeparam name="T">Voxel type of the slices and of the output; integer outputs are rounded half away from
    /// zero and clamped to the type's range.</typeparam>
    /// <param name="slices">The slices sorted along the normal.</param>
    /// <param name="pixels">Each slice's pixels, row by row (Columns × Rows values), same order as <paramref name="slices"/>.</param>
    /// <param name="target">The output grid.</param>
    /// <param name="defaultPixelValue">Value of output voxels no slice covers (e.g. −1024 HU for CT).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    public static Volume<T> Resample<T>(IReadOnlyList<SlicePlane> slices, IReadOnlyList<T[]> pixels, VolumeGeometry target,
        double defaultPixelValue, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(target);
        if (pixels.Count != slices.Count)
        {
            throw new ArgumentException($"{pixels.Count} pixel buffers for {slices.Count} slices", nameof(pixels));
        }

        for (int k = 0; k < pixels.Count; k++)
        {
            if (pixels[k].Length != (long)slices[k].Columns * slices[k].Rows)
            {
                throw new ArgumentException($"slice {k} holds {pixels[k].Length} pixels, {slices[k].Columns}x{slices[k].Rows} expected", nameof(pixels));
            }
        }

        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(target.VoxelCount * (long)Unsafe.SizeOf<T>(), "the regularised stack");
        var output = new Volume<T>(target);
        Vec3 normal = target.Direction.Column(2);
        double[] distance = [.. slices.Select(s => Vec3.Dot(s.Position - target.Origin, normal))];
        Parallelism.For(target.Size.Z, 1, execution, (z0, z1) =>
        {
            var row = new double[target.Size.X];
            var inside = new bool[target.Size.X];
            for (int z = z0; z < z1; z++)
            {
                double t = z * target.Spacing.Z;
                int a = Bracket(distance, t);
                double w = distance[a + 1] > distance[a] ? Math.Clamp((t - distance[a]) / (distance[a + 1] - distance[a]), 0, 1) : 0;
                for (int y = 0; y < target.Size.Y; y++)
                {
                    Array.Fill(row, 0.0);
                    Array.Fill(inside, true);
                    AccumulateSlice(slices[a], pixels[a], target, y, 1 - w, row, inside);
                    if (w > 0)
                    {
                        AccumulateSlice(slices[a + 1], pixels[a + 1], target, y, w, row, inside);
                    }

                    Span<T> outRow = output.GetRow(y, z);
                    for (int x = 0; x < row.Length; x++)
                    {
                        outRow[x] = Convert<T>(inside[x] ? row[x] : defaultPixelValue);
                    }
                }
            }
        });
        return output;
    }

    /// <summary>Index a with distance[a] ≤ t ≤ distance[a + 1] (clamped to the ends).</summary>
    private static int Bracket(double[] distance, double t)
    {
        int a = 0;
        while (a < distance.Length - 2 && distance[a + 1] < t)
        {
            a++;
        }

        return a;
    }

    /// <summary>Adds weight × (bilinear value of the slice) for one output row; marks points outside the slice.</summary>
    private static void AccumulateSlice<T>(SlicePlane slice, T[] pixels, VolumeGeometry target, int y, double weight, double[] row, bool[] inside)
        where T : unmanaged, INumber<T>
    {
        // The output row's first point, expressed as a continuous (column, row) index of the slice; along the row the
        // column index grows by 1 per output voxel because both share direction and spacing.
        Vec3 p = target.TransformIndexToPhysicalPoint(0, y, 0) - slice.Position;
        double u0 = Vec3.Dot(p, slice.RowDirection) / slice.ColumnSpacing;
        double v = Vec3.Dot(p, slice.ColumnDirection) / slice.RowSpacing;
        int columns = slice.Columns, rows = slice.Rows;
        if (v < -0.5 || v >= rows - 0.5)
        {
            Array.Fill(inside, false);
            return;
        }

        int vy = (int)Math.Floor(v);
        double fy = v - vy;
        int r0 = Math.Clamp(vy, 0, rows - 1) * columns, r1 = Math.Clamp(vy + 1, 0, rows - 1) * columns;
        for (int x = 0; x < row.Length; x++)
        {
            double u = u0 + x;
            if (u < -0.5 || u >= columns - 0.5)
            {
                inside[x] = false;
                continue;
            }

            int ux = (int)Math.Floor(u);
            double fx = u - ux;
            int c0 = Math.Clamp(ux, 0, columns - 1), c1 = Math.Clamp(ux + 1, 0, columns - 1);
            double top = double.CreateTruncating(pixels[r0 + c0]) * (1 - fx) + double.CreateTruncating(pixels[r0 + c1]) * fx;
            double bottom = double.CreateTruncating(pixels[r1 + c0]) * (1 - fx) + double.CreateTruncating(pixels[r1 + c1]) * fx;
            row[x] += weight * (top * (1 - fy) + bottom * fy);
        }
    }

    /// <summary>A rescaled value in the output type: as is for float/double, rounded half away from zero and saturated for integers.</summary>
    internal static T Convert<T>(double value)
        where T : unmanaged, INumber<T> =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double)
            ? T.CreateTruncating(value)
            : T.CreateSaturating(Math.Round(value, MidpointRounding.AwayFromZero));
}
