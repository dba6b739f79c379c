using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

/// <summary>Interpolation at one continuous index, in ITK's arithmetic (used by the general resampling path).</summary>
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
    private static double Linear<TS>(ReadOnlySpan<TS> s, Size3 size, Vec3 c)
        where TS : unmanaged, INumber<TS>
    {
        AxisTable.LinearTap(c.X, size.X, out int x0, out int x1, out double tx);
        AxisTable.LinearTap(c.Y, size.Y, out int y0, out int y1, out double ty);
        AxisTable.LinearTap(c.Z, size.Z, out int z0, out int z1, out double tz);
        int nx = size.X, ny = size.Y;
        int r00 = (z0 * ny + y0) * nx, r10 = (z0 * ny + y1) * nx, r01 = (z1 * ny + y0) * nx, r11 = (z1 * ny + y1) * nx;
        double a = LerpX(s, r00, x0, x1, tx), b = LerpX(s, r10, x0, x1, tx);
        double near = a + (b - a) * ty;
        a = LerpX(s, r01, x0, x1, tx);
        b = LerpX(s, r11, x0, x1, tx);
        double far = a + (b - a) * ty;
        return near + (far - near) * tz;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LerpX<TS>(ReadOnlySpan<TS> s, int row, int i0, int i1, double t)
        where TS : unmanaged, INumber<TS>
    {
        double a = double.CreateTruncating(s[row + i0]);
        return a + (double.CreateTruncating(s[row + i1]) - a) * t;
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
