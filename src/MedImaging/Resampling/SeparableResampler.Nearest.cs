using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

internal static partial class SeparableResampler
{
    /// <summary>
    /// Nearest neighbour: every output row is a gather from one input row, or a copy of the output row before it
    /// (in y or, inside a block of 16 output planes, in z) when both read the same input row. Upsampling 5 mm slices
    /// to 1 mm makes four of five planes copies of a plane still in L2; 16-plane blocks keep the gathers near the
    /// minimum (one per input plane and block) with 40 blocks to balance two threads on the CT case.
    /// </summary>
    private static void Nearest<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        Size3 n = image.Size, m = output.Size;
        Memory<TIn> input = image.Memory;
        Memory<TOut> result = output.Memory;
        bool direct = typeof(TIn) == typeof(TOut) || !VoxelConversion.IsFloating<TIn>() || VoxelConversion.IsFloating<TOut>();
        int[] ix = tx.Index;
        Parallelism.For(tz.Count, 16, execution, (k0, k1) =>
        {
            ReadOnlySpan<TIn> from = input.Span;
            Span<TOut> to = result.Span;
            for (int k = k0; k < k1; k++)
            {
                int zi = tz.Index[k], z = tz.Lower + k;
                for (int j = 0; j < ty.Count; j++)
                {
                    Span<TOut> dst = to.Slice((z * m.Y + ty.Lower + j) * m.X + tx.Lower, tx.Count);
                    if (k > k0 && tz.Index[k - 1] == zi)
                    {
                        // Same input plane as the previous output plane of this block: copy its row.
                        to.Slice(((z - 1) * m.Y + ty.Lower + j) * m.X + tx.Lower, tx.Count).CopyTo(dst);
                    }
                    else if (j > 0 && ty.Index[j - 1] == ty.Index[j])
                    {
                        to.Slice((z * m.Y + ty.Lower + j - 1) * m.X + tx.Lower, tx.Count).CopyTo(dst);
                    }
                    else if (direct)
                    {
                        GatherRow(from.Slice((zi * n.Y + ty.Index[j]) * n.X, n.X), ix, dst);
                    }
                    else
                    {
                        ReadOnlySpan<TIn> src = from.Slice((zi * n.Y + ty.Index[j]) * n.X, n.X);
                        for (int i = 0; i < dst.Length; i++)
                        {
                            dst[i] = VoxelConversion.FromDouble<TOut>(double.CreateTruncating(src[ix[i]]), conversion);
                        }
                    }
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherRow<TIn, TOut>(ReadOnlySpan<TIn> source, ReadOnlySpan<int> index, Span<TOut> destination)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        index = index[..destination.Length];
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = TOut.CreateSaturating(source[index[i]]);
        }
    }
}
