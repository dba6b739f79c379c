using System.Buffers;
using System.Numerics;

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

        Size3 n = image.Size;
        double[] poles = BSplineKernel.Poles(Math.Max(0, interpolator.SplineOrder()));
        bool prefilter = poles.Length > 0;

        // Input planes and rows read: all of them when a prefilter runs along that axis (it mixes every sample).
        int zFirst = prefilter ? 0 : tz.MinIndex, zLast = prefilter ? n.Z - 1 : tz.MaxIndex;
        int yFirst = prefilter ? 0 : ty.MinIndex, yLast = prefilter ? n.Y - 1 : ty.MaxIndex;
        int planes = zLast - zFirst + 1, rows = yLast - yFirst + 1;
        int wx = tx.Count, wy = ty.Count, plane = wx * wy;
        var stack = new double[(long)planes * plane];
        Memory<TIn> input = image.Memory;

        Parallelism.For(planes, 1, execution, (p0, p1) =>
        {
            double[] line = ArrayPool<double>.Shared.Rent(n.X);
            double[] work = ArrayPool<double>.Shared.Rent(rows * wx);
            double[] sum = ArrayPool<double>.Shared.Rent(wx);
            try
            {
                for (int p = p0; p < p1; p++)
                {
                    int z = zFirst + p;
                    for (int r = 0; r < rows; r++)
                    {
                        Span<double> row = line.AsSpan(0, n.X);
                        VoxelConversion.ToDouble<TIn>(input.Span.Slice((z * n.Y + yFirst + r) * n.X, n.X), row);
                        if (prefilter)
                        {
                            BSplinePrefilter.PrefilterLine(row, poles);
                        }

                        InterpolateRow(row, tx, work.AsSpan(r * wx, wx));
                    }

                    if (prefilter)
                    {
                        BSplinePrefilter.PrefilterRows(work, rows, wx, wx, poles, sum);
                    }

                    Span<double> target = stack.AsSpan(p * plane, plane);
                    for (int y = 0; y < wy; y++)
                    {
                        CombineRows(work, wx, ty, y, yFirst, target.Slice(y * wx, wx));
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(line);
                ArrayPool<double>.Shared.Return(work);
                ArrayPool<double>.Shared.Return(sum);
            }
        });

        if (prefilter)
        {
            BSplineCoefficients.PrefilterAlongZ(stack, planes, plane, poles, execution);
        }

        Size3 m = output.Size;
        Memory<TOut> result = output.Memory;
        Parallelism.For(tz.Count, 2, execution, (k0, k1) =>
        {
            double[] buffer = ArrayPool<double>.Shared.Rent(wx);
            for (int k = k0; k < k1; k++)
            {
                int z = tz.Lower + k;
                for (int y = 0; y < wy; y++)
                {
                    Span<double> values = buffer.AsSpan(0, wx);
                    CombineRows(stack, plane, tz, k, zFirst, values, y * wx);
                    int offset = (z * m.Y + ty.Lower + y) * m.X + tx.Lower;
                    VoxelConversion.FromDouble(values, result.Span.Slice(offset, wx), conversion);
                }
            }

            ArrayPool<double>.Shared.Return(buffer);
        });
    }

    /// <summary>Interpolates one input row at the x table's positions (gathers, scalar).</summary>
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
    /// Combines whole rows of <paramref name="source"/> (rows <paramref name="stride"/> apart, first one = input
    /// index <paramref name="first"/>) for output <paramref name="k"/> of <paramref name="table"/>.
    /// </summary>
    private static void CombineRows(ReadOnlySpan<double> source, int stride, AxisTable table, int k, int first,
        Span<double> destination, int columnOffset = 0)
    {
        int taps = table.Taps;
        ReadOnlySpan<int> index = table.Index.AsSpan(k * taps, taps);
        ReadOnlySpan<double> weight = table.Weight.AsSpan(k * taps, taps);
        if (IsLinear(table))
        {
            RowKernels.Lerp(source.Slice((index[0] - first) * stride + columnOffset, destination.Length),
                source.Slice((index[1] - first) * stride + columnOffset, destination.Length), weight[0], destination);
            return;
        }

        Span<int> offsets = stackalloc int[taps];
        for (int t = 0; t < taps; t++)
        {
            offsets[t] = (index[t] - first) * stride + columnOffset;
        }

        RowKernels.WeightedSum(source, offsets, weight, destination);
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
