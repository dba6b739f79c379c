using System.Buffers;

namespace MedImaging.Filters;

/// <summary>
/// Runs a one-dimensional line filter along one index axis of a float volume. Lines are processed in panels of
/// <see cref="Lanes"/> interleaved lines (so the recursive kernels vectorise across lines) and panels in fixed
/// blocks through <see cref="Parallelism"/>, so the result does not depend on the thread count.
/// </summary>
internal static class SeparableLines
{
    /// <summary>Lines filtered together (interleaved) in one panel.</summary>
    public const int Lanes = 8;

    private const int PanelsPerBlock = 8;

    /// <summary>
    /// Filters every line along <paramref name="axis"/>: <paramref name="filter"/>(data, output, scratch, n, lanes).
    /// <paramref name="destination"/> may be <paramref name="source"/> (in place): a panel reads its own lines whole
    /// before it writes them, and the lines along an axis do not share voxels.
    /// </summary>
    public static void Apply(float[] source, float[] destination, Size3 size, int axis, ExecutionOptions? execution,
        LineFilter filter)
    {
        int n = size[axis];
        int nx = size.X, ny = size.Y;
        long stride = axis switch { 0 => 1, 1 => nx, _ => (long)nx * ny };
        int lineCount = checked((int)(size.VoxelCount / n));
        int panels = (lineCount + Lanes - 1) / Lanes;
        Parallelism.For(panels, PanelsPerBlock, execution, (first, last) =>
        {
            // Pooled panel buffers: every element is written before it is read, so reuse cannot change results.
            int length = n * Lanes;
            double[] rented = ArrayPool<double>.Shared.Rent(3 * length);
            Span<double> data = rented.AsSpan(0, length);
            Span<double> output = rented.AsSpan(length, length);
            Span<double> scratch = rented.AsSpan(2 * length, length);
            Span<long> starts = stackalloc long[Lanes];
            for (int panel = first; panel < last; panel++)
            {
                int lines = Math.Min(Lanes, lineCount - (panel * Lanes));
                for (int l = 0; l < Lanes; l++)
                {
                    starts[l] = LineStart(axis, Math.Min((panel * Lanes) + l, lineCount - 1), nx, ny);
                }

                for (int i = 0; i < n; i++)
                {
                    long offset = i * stride;
                    int row = i * Lanes;
                    for (int l = 0; l < Lanes; l++)
                    {
                        data[row + l] = source[starts[l] + offset];
                    }
                }

                filter(data, output, scratch, n, Lanes);
                for (int i = 0; i < n; i++)
                {
                    long offset = i * stride;
                    int row = i * Lanes;
                    for (int l = 0; l < lines; l++)
                    {
                        destination[starts[l] + offset] = (float)output[row + l];
                    }
                }
            }

            ArrayPool<double>.Shared.Return(rented);
        });
    }

    /// <summary>Copies any voxel type to <paramref name="into"/> (its first voxel-count elements) or to a new float buffer.</summary>
    public static float[] ToFloat<T>(Volume<T> input, float[]? into = null)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        // Every element is written below, so a new buffer is not zeroed first.
        float[] result = into ?? VoxelArrays.Allocate<float>(input.Voxels.Length, zeroed: false);
        ReadOnlySpan<T> voxels = input.Voxels;
        for (int i = 0; i < voxels.Length; i++)
        {
            result[i] = float.CreateTruncating(voxels[i]);
        }

        return result;
    }

    private static long LineStart(int axis, int line, int nx, int ny) => axis switch
    {
        0 => (long)line * nx,
        1 => ((long)(line / nx) * nx * ny) + (line % nx),
        _ => line,
    };

    /// <summary>A filter over interleaved lines (see <see cref="RecursiveGaussianKernel.Filter"/>).</summary>
    public delegate void LineFilter(ReadOnlySpan<double> data, Span<double> output, Span<double> scratch, int n, int lanes);
}
