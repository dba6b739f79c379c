using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedImaging.Resampling;

/// <summary>
/// The fast path of <see cref="Resampler"/> when output index axis a samples only input index axis a (identity or
/// axis-aligned scaling/translation/flip): interpolation is separable. Input rows are (B-spline) prefiltered and
/// interpolated along x, the rows of a plane are (prefiltered and) combined along y, and planes are (prefiltered
/// and) combined along z. Each axis's prefilter runs once, as in ITK's <c>BSplineDecompositionImageFilter</c> (the
/// operators on different axes commute), and the linear path does ITK's x-, then y-, then z-interpolation in ITK's
/// arithmetic. Work is cut into bands of output rows small enough that every intermediate buffer stays in the
/// core's L2 cache (see <c>Streamed</c> and <c>Prefiltered</c>); the arithmetic of a voxel does not depend on
/// the band, so results are bit-identical for any thread count.
/// </summary>
internal static partial class SeparableResampler
{
    /// <summary>Bytes of intermediate doubles one band may keep: half of the 1 MiB L2 of one core here.</summary>
    private const int CacheBudgetBytes = 512 * 1024;

    public static void Run<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        InterpolatorType interpolator, IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        if (tx.Count == 0 || ty.Count == 0 || tz.Count == 0)
        {
            return;
        }

        if (interpolator == InterpolatorType.NearestNeighbor)
        {
            Nearest(image, output, tx, ty, tz, conversion, execution);
            return;
        }

        if (!ComputesSlabs(interpolator))
        {
            Prefiltered(image, output, tx, ty, tz, BSplineKernel.Poles(Math.Max(0, interpolator.SplineOrder())), conversion, execution);
        }
        else
        {
            Streamed(image, output, tx, ty, tz, conversion, execution);
        }
    }

    /// <summary>
    /// Whether a slab of output planes costs about its share of the whole (nearest, linear, B-spline 0/1: each output
    /// plane reads at most two input planes). The prefiltered B-splines and the windowed sincs filter every input
    /// plane along z for every output row, so they run on the whole output at once.
    /// </summary>
    public static bool ComputesSlabs(InterpolatorType interpolator) =>
        interpolator == InterpolatorType.NearestNeighbor
        || (BSplineKernel.Poles(Math.Max(0, interpolator.SplineOrder())).Length == 0 && !interpolator.IsWindowedSinc());

    /// <summary>
    /// Reads input rows [<paramref name="firstRow"/>, +rows) of plane <paramref name="z"/> as doubles, prefilters
    /// each along x when there are poles, and interpolates it at the x table's positions into consecutive rows of
    /// <paramref name="work"/> (tx.Count values each).
    /// </summary>
    private static void InterpolateRows<TIn>(Volume<TIn> image, int z, int firstRow, int rows, AxisTable tx, double[] poles,
        Span<double> line, Span<double> work)
        where TIn : unmanaged, INumber<TIn>
    {
        Size3 n = image.Size;
        int wx = tx.Count;
        ReadOnlySpan<TIn> input = image.Voxels;
        for (int r = 0; r < rows; r++)
        {
            VoxelConversion.ToDouble(input.Slice((z * n.Y + firstRow + r) * n.X, n.X), line);
            if (poles.Length > 0)
            {
                BSplinePrefilter.PrefilterLine(line, poles);
            }

            InterpolateRow(line, tx, work.Slice(r * wx, wx));
        }
    }

    /// <summary>Interpolates one input row at the x table's positions (gathers, scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InterpolateRow(ReadOnlySpan<double> row, AxisTable tx, Span<double> destination)
    {
        int taps = tx.Taps;
        if (row.Length <= tx.MaxIndex || (long)destination.Length * taps > tx.Index.Length)
        {
            throw new ArgumentException("the row is shorter than the x table reads, or the destination longer than it");
        }

        // Bounds were checked once above: the gathers read through references.
        ref int index = ref MemoryMarshal.GetArrayDataReference(tx.Index);
        ref double weight = ref MemoryMarshal.GetArrayDataReference(tx.Weight);
        ref double source = ref MemoryMarshal.GetReference(row);
        if (IsLinear(tx))
        {
            for (int o = 0; o < destination.Length; o++)
            {
                double a = Unsafe.Add(ref source, Unsafe.Add(ref index, 2 * o));
                destination[o] = a + (Unsafe.Add(ref source, Unsafe.Add(ref index, 2 * o + 1)) - a) * Unsafe.Add(ref weight, 2 * o);
            }

            return;
        }

        for (int o = 0; o < destination.Length; o++)
        {
            int b = o * taps;
            double acc = Unsafe.Add(ref weight, b) * Unsafe.Add(ref source, Unsafe.Add(ref index, b));
            for (int t = 1; t < taps; t++)
            {
                acc += Unsafe.Add(ref weight, b + t) * Unsafe.Add(ref source, Unsafe.Add(ref index, b + t));
            }

            destination[o] = acc;
        }
    }

    /// <summary>
    /// Combines whole rows of <paramref name="source"/> starting at <paramref name="taps"/> (one offset per tap of
    /// output <paramref name="k"/> of <paramref name="table"/>) into <paramref name="destination"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CombineRows(ReadOnlySpan<double> source, ReadOnlySpan<int> taps, AxisTable table, int k, Span<double> destination)
    {
        ReadOnlySpan<double> weight = table.Weight.AsSpan(k * table.Taps, table.Taps);
        if (IsLinear(table))
        {
            RowKernels.Lerp(source.Slice(taps[0], destination.Length), source.Slice(taps[1], destination.Length), weight[0], destination);
            return;
        }

        RowKernels.WeightedSum(source, taps, weight, destination);
    }

    /// <summary>Offsets of the taps of output <paramref name="k"/>: (index − <paramref name="first"/>) · <paramref name="stride"/> + <paramref name="shift"/>.</summary>
    private static void TapOffsets(AxisTable table, int k, int first, int stride, int shift, Span<int> offsets)
    {
        for (int t = 0; t < offsets.Length; t++)
        {
            offsets[t] = (table.Index[k * table.Taps + t] - first) * stride + shift;
        }
    }

    /// <summary>Smallest and largest input index read by outputs [<paramref name="k0"/>, <paramref name="k1"/>) of a table.</summary>
    private static (int Min, int Max) InputRange(AxisTable table, int k0, int k1)
    {
        ReadOnlySpan<int> index = table.Index.AsSpan(k0 * table.Taps, (k1 - k0) * table.Taps);
        int min = int.MaxValue, max = int.MinValue;
        foreach (int i in index)
        {
            min = Math.Min(min, i);
            max = Math.Max(max, i);
        }

        return (min, max);
    }

    private static bool IsLinear(AxisTable table) => table.Kind == InterpolatorType.Linear;

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
