using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

/// <summary>
/// Interpolation at one continuous index, in ITK's arithmetic: the general (scattered-point) resampling path and the
/// registration metrics' moving and fixed images both evaluate through it.
/// </summary>
internal static class PointInterpolator
{
    /// <summary>Taps per axis at most (the windowed sinc's 10).</summary>
    public const int MaxTaps = WindowedSincKernel.TapCount;

    /// <summary>Length of the weight and tap scratch spans: three axes of <see cref="MaxTaps"/>.</summary>
    public const int ScratchLength = 3 * MaxTaps;

    /// <summary>
    /// The interpolated value at continuous index <paramref name="c"/>, which must pass ITK's inside test.
    /// <paramref name="samples"/> are the voxels (nearest, linear, B-spline 0/1) or the B-spline coefficients.
    /// </summary>
    /// <param name="samples">x-fastest samples of a grid of <paramref name="size"/>.</param>
    /// <param name="size">Grid size.</param>
    /// <param name="c">Continuous index.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="weights">Scratch of <see cref="ScratchLength"/> doubles.</param>
    /// <param name="taps">Scratch of <see cref="ScratchLength"/> ints.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Evaluate<TS>(ReadOnlySpan<TS> samples, Size3 size, Vec3 c, InterpolatorType interpolator,
        Span<double> weights, Span<int> taps)
        where TS : unmanaged, INumber<TS>
    {
        int nx = size.X, ny = size.Y;
        switch (interpolator)
        {
            case InterpolatorType.NearestNeighbor:
            {
                int i = Math.Clamp((int)Math.Floor(c.X + 0.5), 0, size.X - 1);
                int j = Math.Clamp((int)Math.Floor(c.Y + 0.5), 0, size.Y - 1);
                int k = Math.Clamp((int)Math.Floor(c.Z + 0.5), 0, size.Z - 1);
                return double.CreateTruncating(samples[(k * ny + j) * nx + i]);
            }

            case InterpolatorType.Linear:
                return Linear(samples, size, c);
            case InterpolatorType.LabelGaussian:
                return LabelGaussianKernel.Evaluate(samples, size, c);
            case var sinc when sinc.IsWindowedSinc():
                return WindowedSinc(samples, size, c, sinc, weights, taps);
            default:
                return BSpline(samples, size, c, interpolator.SplineOrder(), weights, taps);
        }
    }

    // ITK's order: along x on the four (y, z) neighbours, then along y, then along z, each as a + (b − a)·t.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Linear<TS>(ReadOnlySpan<TS> s, Size3 size, Vec3 c)
        where TS : unmanaged, INumber<TS> =>
        LinearAt(s, size, Tap.At(c.X, size.X), Tap.At(c.Y, size.Y), Tap.At(c.Z, size.Z));

    /// <summary>
    /// The linear value at continuous index <paramref name="c"/> (which must pass ITK's inside test) and its gradient
    /// per voxel along each index axis: the central difference of the linear interpolant at c ± <paramref name="h"/>
    /// (voxels, ≥ 1 per axis), one-sided where a neighbour would leave [−0.5, n − 0.5), 0 where both would. All
    /// seven evaluations share the taps of c, so a sample costs one set of row lookups per shifted axis only.
    /// </summary>
    /// <param name="s">x-fastest voxels of a grid of <paramref name="size"/>.</param>
    /// <param name="size">Grid size.</param>
    /// <param name="c">Continuous index.</param>
    /// <param name="h">Half-width of the difference per index axis, in voxels.</param>
    /// <param name="gradient">d value / d index per axis (intensity per voxel).</param>
    /// <returns>The interpolated value, identical to <see cref="Linear{TS}"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double LinearWithGradient<TS>(ReadOnlySpan<TS> s, Size3 size, Vec3 c, Vec3 h, out Vec3 gradient)
        where TS : unmanaged, INumber<TS>
    {
        Tap x = Tap.At(c.X, size.X), y = Tap.At(c.Y, size.Y), z = Tap.At(c.Z, size.Z);
        double value = LinearAt(s, size, x, y, z);
        double gx = Difference(s, size, value, c.X, h.X, size.X, 0, x, y, z);
        double gy = Difference(s, size, value, c.Y, h.Y, size.Y, 1, x, y, z);
        double gz = Difference(s, size, value, c.Z, h.Z, size.Z, 2, x, y, z);
        gradient = new Vec3(gx, gy, gz);
        return value;
    }

    // One axis of the gradient: the interpolant at c ± h along that axis, the other axes' taps kept.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Difference<TS>(ReadOnlySpan<TS> s, Size3 size, double value, double along, double h, int n, int axis, Tap x, Tap y, Tap z)
        where TS : unmanaged, INumber<TS>
    {
        bool plus = along + h < n - 0.5, minus = along - h >= -0.5;
        if (plus && minus)
        {
            return (Shifted(s, size, along + h, n, axis, x, y, z) - Shifted(s, size, along - h, n, axis, x, y, z)) / (2 * h);
        }

        if (plus)
        {
            return (Shifted(s, size, along + h, n, axis, x, y, z) - value) / h;
        }

        return minus ? (value - Shifted(s, size, along - h, n, axis, x, y, z)) / h : 0.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Shifted<TS>(ReadOnlySpan<TS> s, Size3 size, double at, int n, int axis, Tap x, Tap y, Tap z)
        where TS : unmanaged, INumber<TS>
    {
        Tap t = Tap.At(at, n);
        return axis switch
        {
            0 => LinearAt(s, size, t, y, z),
            1 => LinearAt(s, size, x, t, z),
            _ => LinearAt(s, size, x, y, t),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LinearAt<TS>(ReadOnlySpan<TS> s, Size3 size, Tap x, Tap y, Tap z)
        where TS : unmanaged, INumber<TS>
    {
        int nx = size.X, ny = size.Y;
        int r00 = (z.Lower * ny + y.Lower) * nx, r10 = (z.Lower * ny + y.Upper) * nx;
        int r01 = (z.Upper * ny + y.Lower) * nx, r11 = (z.Upper * ny + y.Upper) * nx;
        double a = LerpX(s, r00, x), b = LerpX(s, r10, x);
        double near = a + (b - a) * y.T;
        a = LerpX(s, r01, x);
        b = LerpX(s, r11, x);
        double far = a + (b - a) * y.T;
        return near + (far - near) * z.T;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LerpX<TS>(ReadOnlySpan<TS> s, int row, Tap x)
        where TS : unmanaged, INumber<TS>
    {
        double a = double.CreateTruncating(s[row + x.Lower]);
        return a + (double.CreateTruncating(s[row + x.Upper]) - a) * x.T;
    }

    // One axis of a linear interpolation (AxisTable.LinearTap: edge voxels clamped).
    private readonly struct Tap(int lower, int upper, double t)
    {
        public int Lower { get; } = lower;

        public int Upper { get; } = upper;

        public double T { get; } = t;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Tap At(double x, int n)
        {
            AxisTable.LinearTap(x, n, out int lower, out int upper, out double t);
            return new Tap(lower, upper, t);
        }
    }

    // ITK's BSplineInterpolateImageFunction: support and weights per axis, mirror boundary, then the sum over the
    // (order + 1)³ coefficients with x fastest and the weight formed as (wx · wy) · wz.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double BSpline<TS>(ReadOnlySpan<TS> s, Size3 size, Vec3 c, int order, Span<double> w, Span<int> t)
        where TS : unmanaged, INumber<TS>
    {
        int n = order + 1;
        for (int axis = 0; axis < 3; axis++)
        {
            long start = BSplineKernel.SupportStart(c[axis], order);
            BSplineKernel.Weights(c[axis], start, order, w.Slice(axis * MaxTaps, n));
            for (int k = 0; k < n; k++)
            {
                t[axis * MaxTaps + k] = BSplineKernel.Mirror(start + k, size[axis]);
            }
        }

        return Sum(s, size, w, t, n, valueFirst: false);
    }

    // ITK's WindowedSincInterpolateImageFunction: 10 taps per axis (edge voxels repeated outside), the neighbourhood
    // visited with x fastest and each voxel's value multiplied by its x, then y, then z weight before it is added.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double WindowedSinc<TS>(ReadOnlySpan<TS> s, Size3 size, Vec3 c, InterpolatorType window, Span<double> w, Span<int> t)
        where TS : unmanaged, INumber<TS>
    {
        for (int axis = 0; axis < 3; axis++)
        {
            WindowedSincKernel.Taps(window, c[axis], size[axis], t.Slice(axis * MaxTaps, MaxTaps), w.Slice(axis * MaxTaps, MaxTaps));
        }

        return Sum(s, size, w, t, MaxTaps, valueFirst: true);
    }

    /// <summary>
    /// Σ over the n×n×n taps (x fastest) of value × weights, the weights per axis in <paramref name="w"/> and the
    /// indices in <paramref name="t"/> (MaxTaps apart). The product order follows the ITK interpolator reproduced:
    /// ((wx·wy)·wz)·v for the B-spline, ((v·wx)·wy)·wz for the windowed sinc (<paramref name="valueFirst"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum<TS>(ReadOnlySpan<TS> s, Size3 size, Span<double> w, Span<int> t, int n, bool valueFirst)
        where TS : unmanaged, INumber<TS>
    {
        int nx = size.X, ny = size.Y;
        double value = 0;
        for (int kz = 0; kz < n; kz++)
        {
            double wz = w[2 * MaxTaps + kz];
            for (int ky = 0; ky < n; ky++)
            {
                double wy = w[MaxTaps + ky];
                int row = (t[2 * MaxTaps + kz] * ny + t[MaxTaps + ky]) * nx;
                for (int kx = 0; kx < n; kx++)
                {
                    double v = double.CreateTruncating(s[row + t[kx]]);
                    value += valueFirst ? v * w[kx] * wy * wz : w[kx] * wy * wz * v;
                }
            }
        }

        return value;
    }
}
