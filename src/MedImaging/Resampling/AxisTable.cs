using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

/// <summary>
/// How one output axis samples one input axis when the index map is separable: for every output index o, the
/// input continuous index c(o), whether it passes ITK's inside test (c in [−0.5, n − 0.5)), and the input taps
/// and weights of the interpolator there. Built once per axis (the idiom of ImageSharp's ResizeKernelMap).
/// Outputs inside form one run [<see cref="Lower"/>, <see cref="Upper"/>) because c is monotonic.
/// </summary>
internal sealed class AxisTable
{
    private AxisTable(InterpolatorType kind, int lower, int upper, int taps, int[] index, double[] weight)
    {
        Kind = kind;
        Lower = lower;
        Upper = upper;
        Taps = taps;
        Index = index;
        Weight = weight;
        MaxIndex = index.Length == 0 ? 0 : index.Max();
    }

    /// <summary>The interpolator the taps belong to.</summary>
    public InterpolatorType Kind { get; }

    /// <summary>First output index inside the input.</summary>
    public int Lower { get; }

    /// <summary>One past the last output index inside the input (≤ Lower when none is).</summary>
    public int Upper { get; }

    /// <summary>Number of inside outputs.</summary>
    public int Count => Math.Max(0, Upper - Lower);

    /// <summary>Taps per output: 1 (nearest), 2 (linear), order + 1 (B-spline) or 10 (windowed sinc).</summary>
    public int Taps { get; }

    /// <summary>Input indices, <see cref="Taps"/> per inside output, in [0, n − 1].</summary>
    public int[] Index { get; }

    /// <summary>
    /// Weights, <see cref="Taps"/> per inside output. For linear tables only the first of each pair is used: it is
    /// ITK's fraction t in <c>a + (b − a)·t</c>.
    /// </summary>
    public double[] Weight { get; }

    /// <summary>Largest input index any inside output reads (0 when none is inside).</summary>
    public int MaxIndex { get; }

    /// <summary>Builds the table for <paramref name="outputCount"/> outputs at continuous indices <paramref name="continuousIndex"/>.</summary>
    /// <param name="continuousIndex">c(o) for every output index o.</param>
    /// <param name="outputCount">Output voxels along the axis.</param>
    /// <param name="inputCount">Input voxels along the axis.</param>
    /// <param name="interpolator">The interpolator.</param>
    public static AxisTable Build(Func<int, double> continuousIndex, int outputCount, int inputCount, InterpolatorType interpolator)
    {
        var c = new double[outputCount];
        int lower = -1, upper = -1;
        for (int o = 0; o < outputCount; o++)
        {
            c[o] = continuousIndex(o);
            if (c[o] >= -0.5 && c[o] < inputCount - 0.5)
            {
                if (lower < 0)
                {
                    lower = o;
                }

                upper = o + 1;
            }
        }

        if (lower < 0)
        {
            lower = upper = 0;
        }

        int order = interpolator.SplineOrder();
        int taps = interpolator switch
        {
            InterpolatorType.NearestNeighbor => 1,
            InterpolatorType.Linear => 2,
            _ when interpolator.IsWindowedSinc() => WindowedSincKernel.TapCount,
            _ => order + 1,
        };
        int count = upper - lower;
        var index = new int[count * taps];
        var weight = new double[count * taps];
        for (int k = 0; k < count; k++)
        {
            double x = c[lower + k];
            Span<int> idx = index.AsSpan(k * taps, taps);
            Span<double> w = weight.AsSpan(k * taps, taps);
            switch (interpolator)
            {
                case InterpolatorType.NearestNeighbor:
                    // Rounded half up, as ITK's ConvertContinuousIndexToNearestIndex.
                    idx[0] = Math.Clamp((int)Math.Floor(x + 0.5), 0, inputCount - 1);
                    w[0] = 1;
                    break;
                case InterpolatorType.Linear:
                    Linear(x, inputCount, idx, w);
                    break;
                case var sinc when sinc.IsWindowedSinc():
                    WindowedSincKernel.Taps(sinc, x, inputCount, idx, w);
                    break;
                default:
                    long start = BSplineKernel.SupportStart(x, order);
                    BSplineKernel.Weights(x, start, order, w);
                    for (int t = 0; t < taps; t++)
                    {
                        idx[t] = BSplineKernel.Mirror(start + t, inputCount);
                    }

                    break;
            }
        }

        return new AxisTable(interpolator, lower, upper, taps, index, weight);
    }

    /// <summary>
    /// The table of outputs [<paramref name="first"/>, + <paramref name="count"/>) alone, renumbered from 0: a slab of
    /// output planes computed on its own reads the same taps and weights as in the whole table.
    /// </summary>
    public AxisTable Slice(int first, int count)
    {
        int lower = Math.Clamp(Lower - first, 0, count), upper = Math.Clamp(Upper - first, lower, count);
        int length = (upper - lower) * Taps, skip = length == 0 ? 0 : (first + lower - Lower) * Taps;
        return new AxisTable(Kind, lower, upper, Taps, Index.AsSpan(skip, length).ToArray(), Weight.AsSpan(skip, length).ToArray());
    }

    /// <summary>
    /// ITK's linear taps: base = floor(x) but not below 0, t = x − base; the upper neighbour is the base itself when
    /// t ≤ 0 or when base + 1 is past the last voxel (so the half-voxel borders take the edge voxels).
    /// </summary>
    internal static void Linear(double x, int inputCount, Span<int> idx, Span<double> w)
    {
        LinearTap(x, inputCount, out idx[0], out idx[1], out w[0]);
        w[1] = 0;
    }

    /// <summary>One axis of ITK's linear interpolation: lower and upper input index and the fraction t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LinearTap(double x, int inputCount, out int lower, out int upper, out double t)
    {
        int b = Math.Max(0, (int)Math.Floor(x));
        double d = x - b;
        lower = b;
        if (d <= 0 || b + 1 > inputCount - 1)
        {
            upper = b;
            t = 0;
        }
        else
        {
            upper = b + 1;
            t = d;
        }
    }
}
