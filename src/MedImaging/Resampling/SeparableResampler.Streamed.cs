using System.Buffers;
using System.Numerics;

namespace MedImaging.Resampling;

internal static partial class SeparableResampler
{
    /// <summary>
    /// Linear and B-spline 0/1 (no prefilter). One task per band of at most 8 output rows, running through all output
    /// planes: the band of input plane z (its few input rows interpolated along x, then combined along y) is made
    /// when the first output plane needs it and kept in one of three slots (z taps are at most one plane apart, so
    /// slot = z mod 3 never collides); each output row then combines its z taps and is converted to the output type
    /// at once. Every input plane band is made exactly once, and the band's buffers (a few tens of KiB) stay in the
    /// L2 cache, so the only memory traffic is reading the input and writing the output. Nothing of the size of the
    /// volume is allocated besides the output; about 45 equal tasks for a 358-row output balance two threads.
    /// </summary>
    private static void Streamed<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        // Three slots of the band and about as many rows of x-interpolated input: within the cache budget.
        int bandRows = Math.Clamp(CacheBudgetBytes / (sizeof(double) * tx.Count * 6), 1, 8);
        int bands = (ty.Count + bandRows - 1) / bandRows;
        Parallelism.For(bands, 1, execution, (b0, b1) =>
        {
            for (int b = b0; b < b1; b++)
            {
                StreamBand(image, output, tx, ty, tz, b * bandRows, Math.Min(ty.Count, (b + 1) * bandRows), conversion);
            }
        });
    }

    /// <summary>Output rows [<paramref name="y0"/>, <paramref name="y1"/>) (ty indices) of every output plane.</summary>
    private static void StreamBand<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        int y0, int y1, IntegerConversion conversion)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        const int Slots = 3;
        int wx = tx.Count, rows = y1 - y0;
        (int first, int last) = InputRange(ty, y0, y1);
        int inputRows = last - first + 1, slot = rows * wx, nx = image.Size.X;
        double[] buffer = ArrayPool<double>.Shared.Rent(nx + inputRows * wx + Slots * slot + wx);
        Span<double> line = buffer.AsSpan(0, nx);
        Span<double> work = buffer.AsSpan(nx, inputRows * wx);
        Span<double> slots = buffer.AsSpan(nx + inputRows * wx, Slots * slot);
        Span<double> values = buffer.AsSpan(nx + inputRows * wx + Slots * slot, wx);
        Span<int> cached = [-1, -1, -1];
        Span<int> yTaps = stackalloc int[ty.Taps];
        Span<int> zTaps = stackalloc int[tz.Taps];
        for (int k = 0; k < tz.Count; k++)
        {
            for (int t = 0; t < zTaps.Length; t++)
            {
                int z = tz.Index[k * tz.Taps + t], s = z % Slots;
                if (cached[s] != z)
                {
                    InterpolateRows(image, z, first, inputRows, tx, [], line, work);
                    for (int y = y0; y < y1; y++)
                    {
                        TapOffsets(ty, y, first, wx, 0, yTaps);
                        CombineRows(work, yTaps, ty, y, slots.Slice(s * slot + (y - y0) * wx, wx));
                    }

                    cached[s] = z;
                }

                zTaps[t] = s * slot;
            }

            WriteRows(slots, zTaps, tz, k, output, tx, ty, y0, y1, values, conversion);
        }

        ArrayPool<double>.Shared.Return(buffer);
    }

    /// <summary>
    /// Output rows [<paramref name="y0"/>, <paramref name="y1"/>) (ty indices) of output plane k: the z taps of k
    /// (offsets in <paramref name="source"/> of the band's first row, consecutive rows wx apart) combined and
    /// converted to the output type.
    /// </summary>
    private static void WriteRows<TOut>(ReadOnlySpan<double> source, Span<int> zTaps, AxisTable tz, int k, Volume<TOut> output,
        AxisTable tx, AxisTable ty, int y0, int y1, Span<double> values, IntegerConversion conversion)
        where TOut : unmanaged, INumber<TOut>
    {
        Size3 m = output.Size;
        int wx = tx.Count, z = tz.Lower + k;
        Span<TOut> result = output.Voxels;
        for (int y = y0; y < y1; y++)
        {
            CombineRows(source, zTaps, tz, k, values);
            VoxelConversion.FromDouble(values, result.Slice((z * m.Y + ty.Lower + y) * m.X + tx.Lower, wx), conversion);
            for (int t = 0; t < zTaps.Length; t++)
            {
                zTaps[t] += wx;
            }
        }
    }
}
