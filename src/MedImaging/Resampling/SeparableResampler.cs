using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

/// <summary>
/// The fast path of <see cref="Resampler"/> when output index axis a samples only input index axis a (identity or
/// axis-aligned scaling/translation/flip): interpolation is separable. Per input z-plane the rows are (B-spline)
/// prefiltered and interpolated along x, then the plane is prefiltered and combined along y (whole rows at once);
/// the resulting stack of planes is prefiltered along z and combined plane by plane into the output. Each axis's
/// prefilter runs once, as in ITK's <c>BSplineDecompositionImageFilter</c> (the operators on different axes
/// commute), and the linear path does ITK's x-, then y-, then z-interpolation in ITK's arithmetic.
/// </summary>
internal static class SeparableResampler
{
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

        double[] poles = BSplineKernel.Poles(Math.Max(0, interpolator.SplineOrder()));
        if (poles.Length > 0)
        {
            Prefiltered(image, output, tx, ty, tz, poles, conversion, execution);
        }
        else
        {
            Streamed(image, output, tx, ty, tz, conversion, execution);
        }
    }

    /// <summary>
    /// B-spline orders 2–5: every input plane is prefiltered and resampled in x and y into a stack, the stack is
    /// prefiltered along z, then combined into the output planes.
    /// </summary>
    private static void Prefiltered<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        double[] poles, IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        int planes = image.Size.Z, plane = tx.Count * ty.Count;
        var stack = new double[(long)planes * plane];
        Parallelism.For(planes, 1, execution, (p0, p1) =>
        {
            using var scratch = new PlaneScratch(image.Size, tx.Count, 0, image.Size.Y - 1);
            for (int p = p0; p < p1; p++)
            {
                ResamplePlane(image, p, tx, ty, poles, scratch, stack.AsSpan(p * plane, plane));
            }
        });
        BSplineCoefficients.PrefilterAlongZ(stack, planes, plane, poles, execution);
        Parallelism.For(tz.Count, 2, execution, (k0, k1) =>
        {
            Span<int> taps = stackalloc int[tz.Taps];
            for (int k = k0; k < k1; k++)
            {
                for (int t = 0; t < taps.Length; t++)
                {
                    taps[t] = tz.Index[k * tz.Taps + t] * plane;
                }

                WritePlane(stack, taps, tz, k, output, tx, ty, conversion);
            }
        });
    }

    /// <summary>
    /// Linear and B-spline 0/1 (no prefilter): each block of output planes resamples in x and y only the one or two
    /// input planes it needs, kept in three slots (taps are at most one plane apart, so slot = plane mod 3 never
    /// collides). Nothing of the size of the volume is allocated besides the output.
    /// </summary>
    private static void Streamed<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable tx, AxisTable ty, AxisTable tz,
        IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        const int Slots = 3;
        int plane = tx.Count * ty.Count;
        Parallelism.For(tz.Count, 8, execution, (k0, k1) =>
        {
            using var scratch = new PlaneScratch(image.Size, tx.Count, ty.MinIndex, ty.MaxIndex);
            double[] cache = ArrayPool<double>.Shared.Rent(Slots * plane);
            Span<int> cached = [-1, -1, -1];
            Span<int> taps = stackalloc int[tz.Taps];
            try
            {
                for (int k = k0; k < k1; k++)
                {
                    for (int t = 0; t < taps.Length; t++)
                    {
                        int z = tz.Index[k * tz.Taps + t], slot = z % Slots;
                        if (cached[slot] != z)
                        {
                            ResamplePlane(image, z, tx, ty, [], scratch, cache.AsSpan(slot * plane, plane));
                            cached[slot] = z;
                        }

                        taps[t] = slot * plane;
                    }

                    WritePlane(cache, taps, tz, k, output, tx, ty, conversion);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(cache);
            }
        });
    }

    /// <summary>
    /// Input plane z resampled along x (rows prefiltered first when there are poles) and then along y (the plane
    /// prefiltered along y first) into <paramref name="target"/> (ty.Count rows of tx.Count values).
    /// </summary>
    private static void ResamplePlane<TIn>(Volume<TIn> image, int z, AxisTable tx, AxisTable ty, double[] poles,
        PlaneScratch scratch, Span<double> target)
        where TIn : unmanaged, INumber<TIn>
    {
        Size3 n = image.Size;
        int wx = tx.Count;
        ReadOnlySpan<TIn> input = image.Voxels;
        Span<double> line = scratch.Line, work = scratch.Work;
        for (int r = 0; r < scratch.Rows; r++)
        {
            VoxelConversion.ToDouble(input.Slice((z * n.Y + scratch.FirstRow + r) * n.X, n.X), line);
            if (poles.Length > 0)
            {
                BSplinePrefilter.PrefilterLine(line, poles);
            }

            InterpolateRow(line, tx, work.Slice(r * wx, wx));
        }

        if (poles.Length > 0)
        {
            BSplinePrefilter.PrefilterRows(work, scratch.Rows, wx, wx, poles, scratch.Sum);
        }

        Span<int> taps = stackalloc int[ty.Taps];
        for (int y = 0; y < ty.Count; y++)
        {
            for (int t = 0; t < taps.Length; t++)
            {
                taps[t] = (ty.Index[y * ty.Taps + t] - scratch.FirstRow) * wx;
            }

            CombineRows(work, taps, ty, y, target.Slice(y * wx, wx));
        }
    }

    /// <summary>Combines the z taps (plane offsets in <paramref name="planes"/>) of output plane k and writes it.</summary>
    private static void WritePlane<TOut>(ReadOnlySpan<double> planes, Span<int> taps, AxisTable tz, int k, Volume<TOut> output,
        AxisTable tx, AxisTable ty, IntegerConversion conversion)
        where TOut : unmanaged, INumber<TOut>
    {
        Size3 m = output.Size;
        int wx = tx.Count, z = tz.Lower + k;
        Span<TOut> result = output.Voxels;
        double[] buffer = ArrayPool<double>.Shared.Rent(wx);
        Span<double> values = buffer.AsSpan(0, wx);
        for (int y = 0; y < ty.Count; y++)
        {
            CombineRows(planes, taps, tz, k, values);
            VoxelConversion.FromDouble(values, result.Slice((z * m.Y + ty.Lower + y) * m.X + tx.Lower, wx), conversion);
            for (int t = 0; t < taps.Length; t++)
            {
                taps[t] += wx;
            }
        }

        ArrayPool<double>.Shared.Return(buffer);
    }

    /// <summary>Interpolates one input row at the x table's positions (gathers, scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InterpolateRow(ReadOnlySpan<double> row, AxisTable tx, Span<double> destination)
    {
        int taps = tx.Taps;
        ReadOnlySpan<int> index = tx.Index;
        ReadOnlySpan<double> weight = tx.Weight;
        if (IsLinear(tx))
        {
            for (int o = 0; o < destination.Length; o++)
            {
                double a = row[index[2 * o]];
                destination[o] = a + (row[index[2 * o + 1]] - a) * weight[2 * o];
            }

            return;
        }

        for (int o = 0; o < destination.Length; o++)
        {
            int b = o * taps;
            double acc = weight[b] * row[index[b]];
            for (int t = 1; t < taps; t++)
            {
                acc += weight[b + t] * row[index[b + t]];
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

    private static bool IsLinear(AxisTable table) => table.Kind == InterpolatorType.Linear;

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
        Parallelism.For(tz.Count, 4, execution, (k0, k1) =>
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

    /// <summary>Per-thread buffers of <see cref="ResamplePlane"/>, rented from the shared pool.</summary>
    private sealed class PlaneScratch : IDisposable
    {
        private readonly double[] _line, _work, _sum;
        private readonly int _width, _length;

        public PlaneScratch(Size3 input, int width, int firstRow, int lastRow)
        {
            FirstRow = firstRow;
            Rows = lastRow - firstRow + 1;
            _width = width;
            _length = input.X;
            _line = ArrayPool<double>.Shared.Rent(input.X);
            _work = ArrayPool<double>.Shared.Rent(Rows * width);
            _sum = ArrayPool<double>.Shared.Rent(width);
        }

        /// <summary>Input index of the first row read.</summary>
        public int FirstRow { get; }

        /// <summary>Rows read per plane.</summary>
        public int Rows { get; }

        public Span<double> Line => _line.AsSpan(0, _length);

        public Span<double> Work => _work.AsSpan(0, Rows * _width);

        public Span<double> Sum => _sum.AsSpan(0, _width);

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_line);
            ArrayPool<double>.Shared.Return(_work);
            ArrayPool<double>.Shared.Return(_sum);
        }
    }
}
