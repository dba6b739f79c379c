using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

/// <summary>Interpolation at one continuous index, in ITK's arithmetic (used by the general resampling path).</summary>
internal static class PointInterpolator
{
    /// <summary>
    /// The interpolated value at continuous index <paramref name="c"/>, which must pass ITK's inside test.
    /// <paramref name="samples"/> are the voxels (nearest, linear, B-spline 0/1) or the B-spline coefficients.
    /// </summary>
    /// <param name="samples">x-fastest samples of a grid of <paramref name="size"/>.</param>
    /// <param name="size">Grid size.</param>
    /// <param name="c">Continuous index.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="weights">Scratch of 18 doubles.</param>
    /// <param name="taps">Scratch of 18 ints.</param>
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
            BSplineKernel.Weights(c[axis], start, order, w.Slice(axis * 6, n));
            for (int k = 0; k < n; k++)
            {
                t[axis * 6 + k] = BSplineKernel.Mirror(start + k, size[axis]);
            }
        }

        int nx = size.X, ny = size.Y;
        double value = 0;
        for (int kz = 0; kz < n; kz++)
        {
            for (int ky = 0; ky < n; ky++)
            {
                int row = (t[12 + kz] * ny + t[6 + ky]) * nx;
                for (int kx = 0; kx < n; kx++)
                {
                    double weight = w[kx] * w[6 + ky] * w[12 + kz];
                    value += weight * double.CreateTruncating(s[row + t[kx]]);
                }
            }
        }

        return value;
    }
}
