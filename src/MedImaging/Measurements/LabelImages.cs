using System.Globalization;
using System.Numerics;
using MedImaging.Filters;

namespace MedImaging.Measurements;

/// <summary>
/// Label images read from files, of any voxel type, checked and converted to int32 labels. Unlike
/// <see cref="ImageFilters.Cast(Volume, PixelType, ExecutionOptions?)"/> (which truncates 1.5 to 1 and saturates −1 to 0),
/// a float label image is never altered silently: 2.0 is label 2, 1.5 or NaN is refused.
/// </summary>
public static class LabelImages
{
    /// <summary>Largest label accepted, 2^24 − 1 (the measurements keep dense per-label tables up to it).</summary>
    public const int MaximumLabel = LabelCounts.MaximumLabel;

    /// <summary>
    /// <paramref name="labels"/> as int32 after checking that every voxel is an integer label 0 … <see cref="MaximumLabel"/>;
    /// 0 is the background. Negative labels are refused: SimpleITK's <c>LabelStatistics</c> would measure them as
    /// labels, but our measurements (as ITK's <c>LabelShapeStatistics</c>, whose label maps are unsigned) take
    /// labels ≥ 0, and a cast would merge them into the background without a word.
    /// </summary>
    /// <param name="labels">The label image, any voxel type (e.g. float32 segmentations written by other tools).</param>
    /// <param name="source">The file it was read from, named in the error.</param>
    /// <param name="execution">Threads and cancellation; the check and the result do not depend on the thread count.</param>
    /// <returns>A new int32 volume on the same grid with the same values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="ImageFormatException">A voxel is fractional, NaN, infinite, negative or above <see cref="MaximumLabel"/>;
    /// the message names <paramref name="source"/>, the first such voxel in memory order (x fastest) by its index (x, y, z) and its value.</exception>
    public static Volume<int> ToInt32(Volume labels, string source, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(source);
        (long first, double value) = labels.Accept(new FirstInvalidVisitor(execution));
        if (first >= 0)
        {
            Size3 size = labels.Geometry.Size;
            long plane = (long)size.X * size.Y;
            long x = first % size.X, y = first % plane / size.X, z = first / plane;
            throw new ImageFormatException(source, "voxel values", string.Create(CultureInfo.InvariantCulture,
                $"voxel ({x}, {y}, {z}) holds {value:R}, which is not a label (an integer 0 to {MaximumLabel}); label images are never truncated or clamped"));
        }

        return ImageFilters.Cast(labels, PixelType.Int32, execution).As<int>();
    }

    /// <summary>
    /// <paramref name="labels"/> ready for the measurements in the narrowest type that holds them: uint8 and uint16
    /// images are returned as they are (every value is a label, so there is nothing to check and nothing to copy: a
    /// 512×512×128 mask stays 32 MiB instead of becoming 128 MiB of int32 that every pass then reads); any other type
    /// as <see cref="ToInt32"/> gives it. The measurements are generic in the label type and give the same results.
    /// </summary>
    /// <param name="labels">The label image, any voxel type.</param>
    /// <param name="source">The file it was read from, named in the error.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null, or <paramref name="source"/> is null and
    /// the labels are neither uint8 nor uint16.</exception>
    /// <exception cref="ImageFormatException">As for <see cref="ToInt32"/>.</exception>
    public static Volume AsLabels(Volume labels, string source, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.PixelType is PixelType.UInt8 or PixelType.UInt16 ? labels : ToInt32(labels, source, execution);
    }

    /// <summary>True when <paramref name="value"/> is an integer in [0, <see cref="MaximumLabel"/>] (false for NaN).</summary>
    internal static bool IsLabel(double value) => value >= 0 && value <= MaximumLabel && value == Math.Floor(value);

    /// <summary>The linear index and value of the first voxel that is not a label, or (−1, 0).</summary>
    private sealed class FirstInvalidVisitor(ExecutionOptions? execution) : IVolumeVisitor<(long Index, double Value)>
    {
        public (long Index, double Value) Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            return Parallelism.Reduce(volume.Voxels.Length, 1 << 20, execution, (start, end) =>
            {
                ReadOnlySpan<T> voxels = volume.Voxels;
                for (long i = start; i < end; i++)
                {
                    double d = double.CreateTruncating(voxels[(int)i]);
                    if (!IsLabel(d))
                    {
                        return (i, d);
                    }
                }

                return (-1L, 0.0);
            }, (a, b) => a.Item1 >= 0 ? a : b, (-1L, 0.0));
        }
    }
}
