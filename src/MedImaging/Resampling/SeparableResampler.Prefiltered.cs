using System.Buffers;
using System.Numerics;

namespace MedImaging.Resampling;

internal static partial class SeparableResampler
{
    /// <summary>Columns of a plane prefiltered along y together: 512 input rows × 64 columns of doubles = 256 KiB.</summary>
    private const int ColumnChunk = 64;

    /// <summary>
    /// B-spline orders 2–5 and windowed sincs (no poles: nothing is prefiltered), in two parallel stages. (1) Per input plane: rows prefiltered and interpolated along x,
    /// the plane prefiltered along y and combined along y (in chunks of columns that stay in L2), into a stack of
    /// planes (input z × output y × output x). (2) Per band of output rows: the band's columns of the stack are
    /// prefiltered along z and, while they are still in L2, combined for every output plane and converted to the
    /// output type. The stack is written once and read once.
    /// </summary>
    private static void Prefiltered<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        double[] poles, IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        // Every value of the stack is written by stage 1 before stage 2 reads it. When the shared pool's bucket fits
        // it closely, the stack comes from the pool, so resampling again (the next case of a batch, a benchmark)
        // reuses memory already mapped instead of faulting in a fresh volume-sized block on every call.
        int length = image.Size.Z * tx.Count * ty.Count;
        bool pooled = UsesPool(length);
        double[] stack = pooled ? ArrayPool<double>.Shared.Rent(length) : VoxelArrays.Allocate<double>(length, zeroed: false);
        try
        {
            Stages(image, output, tx, ty, tz, poles, stack, conversion, execution);
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<double>.Shared.Return(stack);
            }
        }
    }

    /// <summary>Doubles the stack of <paramref name="values"/> occupies (see <see cref="UsesPool"/>).</summary>
    internal static long StackLength(long values) => UsesPool(values) ? (long)BitOperations.RoundUpToPowerOf2((ulong)values) : values;

    /// <summary>
    /// Whether a stack of <paramref name="values"/> comes from the shared pool: when the pool's bucket (the next power
    /// of two) wastes at most a quarter of it and is at most <see cref="MaxPooledValues"/>; otherwise it is
    /// allocated per call and released with it.
    /// </summary>
    private static bool UsesPool(long values)
    {
        long bucket = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, values));
        return bucket <= MaxPooledValues && bucket - values <= values / 4;
    }

    /// <summary>
    /// The largest stack kept in the shared pool, 2²⁴ doubles (128 MiB: the 1 mm CT case). A pooled array stays
    /// mapped for the rest of the process; a larger one (the 0.7 mm seed case: 2²⁵ doubles, 256 MiB) would sit beside
    /// the next steps' volumes (docs/ARCHITECTURE.md, "which step holds what"), so it is freed after the call.
    /// </summary>
    private const long MaxPooledValues = 1L << 24;

    /// <summary>The two stages of <see cref="Prefiltered"/> with a stack of at least input z × output y × output x values.</summary>
    private static void Stages<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        double[] poles, double[] stack, IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        int planes = image.Size.Z, wx = tx.Count, plane = wx * ty.Count;
        Parallelism.For(planes, 1, execution, (p0, p1) =>
        {
            int rows = image.Size.Y;
            double[] buffer = ArrayPool<double>.Shared.Rent(image.Size.X + rows * wx + ColumnChunk);
            Span<double> line = buffer.AsSpan(0, image.Size.X);
            Span<double> work = buffer.AsSpan(image.Size.X, rows * wx);
            Span<double> sum = buffer.AsSpan(image.Size.X + rows * wx, ColumnChunk);
            Span<int> yTaps = stackalloc int[ty.Taps];
            for (int p = p0; p < p1; p++)
            {
                InterpolateRows(image, p, 0, rows, tx, poles, line, work);
                Span<double> target = stack.AsSpan(p * plane, plane);
                for (int c0 = 0; c0 < wx; c0 += ColumnChunk)
                {
                    int width = Math.Min(ColumnChunk, wx - c0);
                    BSplinePrefilter.PrefilterRows(work[c0..], rows, wx, width, poles, sum);
                    for (int y = 0; y < ty.Count; y++)
                    {
                        TapOffsets(ty, y, 0, wx, c0, yTaps);
                        RowKernels.WeightedSum(work, yTaps, ty.Weight.AsSpan(y * ty.Taps, ty.Taps), target.Slice(y * wx + c0, width));
                    }
                }
            }

            ArrayPool<double>.Shared.Return(buffer);
        });

        int bandRows = Math.Clamp(CacheBudgetBytes / (sizeof(double) * wx * planes), 1, ty.Count);
        int bands = (ty.Count + bandRows - 1) / bandRows;
        Parallelism.For(bands, 1, execution, (b0, b1) =>
        {
            double[] buffer = ArrayPool<double>.Shared.Rent(bandRows * wx + wx);
            Span<double> sum = buffer.AsSpan(0, bandRows * wx);
            Span<double> values = buffer.AsSpan(bandRows * wx, wx);
            Span<int> zTaps = stackalloc int[tz.Taps];
            for (int b = b0; b < b1; b++)
            {
                int y0 = b * bandRows, y1 = Math.Min(ty.Count, y0 + bandRows);
                BSplinePrefilter.PrefilterRows(stack.AsSpan(y0 * wx), planes, plane, (y1 - y0) * wx, poles, sum);
                for (int k = 0; k < tz.Count; k++)
                {
                    TapOffsets(tz, k, 0, plane, y0 * wx, zTaps);
                    WriteRows(stack, zTaps, tz, k, output, tx, ty, y0, y1, values, conversion);
                }
            }

            ArrayPool<double>.Shared.Return(buffer);
        });
    }
}
