using System.Numerics;
using System.Numerics.Tensors;

namespace MedImaging.Measurements;

/// <summary>Helpers that turn integer label volumes into dense label indexes.</summary>
internal static class LabelCounts
{
    /// <summary>Largest label allowed (dense per-label arrays are allocated up to it).</summary>
    public const int MaximumLabel = (1 << 24) - 1;

    /// <summary>Above this many labels, per-block label tables are replaced by one table (memory, not speed).</summary>
    public const int ManyLabels = 4096;

    /// <summary>The largest voxel value, checked to be an integer label in [0, <see cref="MaximumLabel"/>].</summary>
    /// <exception cref="MedImagingException">A voxel is negative, fractional or above the limit.</exception>
    public static int MaxLabel<T>(Volume<T> labels, string what, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        bool integral = typeof(T) == typeof(byte) || typeof(T) == typeof(ushort) || typeof(T) == typeof(short)
            || typeof(T) == typeof(sbyte) || typeof(T) == typeof(int) || typeof(T) == typeof(uint);
        return Parallelism.Reduce(labels.Voxels.Length, 1 << 20, execution, (start, end) =>
        {
            int max = 0;
            if (integral && T.IsZero(T.Min(T.Zero, TensorPrimitives.Min(labels.Voxels.Slice((int)start, (int)(end - start))))))
            {
                T top = TensorPrimitives.Max(labels.Voxels.Slice((int)start, (int)(end - start)));
                if (long.CreateTruncating(top) <= MaximumLabel)
                {
                    return int.CreateTruncating(top);
                }
            }

            foreach (T v in labels.Voxels.Slice((int)start, (int)(end - start)))
            {
                double d = double.CreateTruncating(v);
                if (d < 0 || d > MaximumLabel || d != Math.Floor(d))
                {
                    throw new MedImagingException($"{what}: voxel value {d.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a label (an integer 0 to {MaximumLabel})");
                }

                max = Math.Max(max, (int)d);
            }

            return max;
        }, Math.Max, 0);
    }
}
