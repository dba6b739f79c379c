using System.Numerics;

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
                return Linear(samples, size, c, weights, taps);
            default:
                return BSpline(samples, size, c, interpolator.SplineOrder(), weights, taps);
        }
    }

    // ITK's order: along x on the four (y, z) neighbours, then along y, then along z, each as a + (b − a)·t.
    private static double Linear<TS>(ReadOnlySpan<TS> s, Size3 size, Vec3 c, Span<double> w, Span<int> t)
        where TS : unmanaged, INumber<TS>
    {
        AxisTable.Linear(c.X, size.X, t[0..2], w[0..2]);
        AxisTable.Linear(c.Y, size.Y, t[2..4], w[2..4]);
        AxisTable.Linear(c.Z, size.Z, t[4..6], w[4..6]);
        int nx = size.X, ny = size.Y;
        double tx = w[0], ty = w[2], tz = w[4];
        Span<double> plane = stackalloc double[2];
        for (int a = 0; a < 2; a++)
        {
            int k = t[4 + a];
            double v0 = LerpX(s, ((k * ny) + t[2]) * nx, t[0], t[1], tx);
            double v1 = LerpX(s, ((k * ny) + t[3]) * nx, t[0], t[1], tx);
            plane[a] = v0 + (v1 - v0) * ty;
        }

        return plane[0] + (plane[1] - plane[0]) * tz;
    }

    private static double LerpX<TS>(ReadOnlySpan<TS> s, int row, int i0, int i1, double t)
        where TS : unmanaged, INumber<TS>
    {
        double a = double.CreateTruncating(s[row + i0]);
        return a + (double.CreateTruncating(s[row + i1]) - a) * t;
    }

    // ITK's BSplineInterpolateImageFunction: support and weights per axis, mirror boundary, then the sum over the
    // (order + 1)³ coefficients with x fastest and the weight formed as (wx · wy) · wz.
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
