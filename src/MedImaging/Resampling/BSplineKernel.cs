namespace MedImaging.Resampling;

/// <summary>
/// The 1-D pieces of ITK's <c>BSplineInterpolateImageFunction</c>: region of support, weights and mirror
/// boundary. Written from Unser, "Splines: a perfect fit for signal and image processing", IEEE Signal Processing
/// Magazine 16(6), 1999, with ITK's conventions for where the support starts.
/// </summary>
internal static class BSplineKernel
{
    /// <summary>
    /// First input index of the support of order <paramref name="order"/> at continuous index <paramref name="x"/>:
    /// floor(x) − order/2 for odd orders, floor(x + ½) − order/2 for even ones. Like ITK, x is rounded to float first.
    /// </summary>
    public static long SupportStart(double x, int order)
    {
        float half = (order & 1) != 0 ? 0.0f : 0.5f;
        return (long)Math.Floor((float)x + half) - order / 2;
    }

    /// <summary>Fills <paramref name="weights"/> (order + 1 values) for the support starting at <paramref name="start"/>.</summary>
    public static void Weights(double x, long start, int order, Span<double> weights)
    {
        // w is measured from the support's middle tap (tap order/2), as in Unser's Box 1.
        double w = x - (start + order / 2);
        switch (order)
        {
            case 0:
                weights[0] = 1;
                break;
            case 1:
                weights[1] = w;
                weights[0] = 1.0 - w;
                break;
            case 2:
                weights[1] = 0.75 - w * w;
                weights[2] = 0.5 * (w - weights[1] + 1.0);
                weights[0] = 1.0 - weights[1] - weights[2];
                break;
            case 3:
                weights[3] = (1.0 / 6.0) * w * w * w;
                weights[0] = (1.0 / 6.0) + 0.5 * w * (w - 1.0) - weights[3];
                weights[2] = w + weights[0] - 2.0 * weights[3];
                weights[1] = 1.0 - weights[0] - weights[2] - weights[3];
                break;
            case 4:
                Quartic(w, weights);
                break;
            case 5:
                Quintic(w, weights);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(order), order, "B-spline order must be 0 to 5");
        }
    }

    /// <summary>
    /// Maps an index of the support into [0, n − 1] with ITK's mirror rule (reflection about the first and the
    /// last voxel centre, applied once each); every index is 0 when n = 1.
    /// </summary>
    public static int Mirror(long index, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        long last = n - 1;
        if (index < 0)
        {
            index = -index;
        }

        if (index >= last)
        {
            index = last - (index - last);
        }

        // Supports wider than twice the image (order 5 on a 2-voxel axis) reflect more than once: clamp them.
        return (int)Math.Clamp(index, 0, last);
    }

    /// <summary>Poles of the B-spline prefilter of each order (Unser 1999, Box 2; none for orders 0 and 1).</summary>
    public static double[] Poles(int order) => order switch
    {
        0 or 1 => [],
        2 => [Math.Sqrt(8.0) - 3.0],
        3 => [Math.Sqrt(3.0) - 2.0],
        4 => [Math.Sqrt(664.0 - Math.Sqrt(438976.0)) + Math.Sqrt(304.0) - 19.0,
              Math.Sqrt(664.0 + Math.Sqrt(438976.0)) - Math.Sqrt(304.0) - 19.0],
        5 => [Math.Sqrt(135.0 / 2.0 - Math.Sqrt(17745.0 / 4.0)) + Math.Sqrt(105.0 / 4.0) - 13.0 / 2.0,
              Math.Sqrt(135.0 / 2.0 + Math.Sqrt(17745.0 / 4.0)) - Math.Sqrt(105.0 / 4.0) - 13.0 / 2.0],
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "B-spline order must be 0 to 5"),
    };

    private static void Quartic(double w, Span<double> weights)
    {
        double w2 = w * w;
        double t = (1.0 / 6.0) * w2;
        double a = 0.5 - w;
        a *= a;
        weights[0] = (1.0 / 24.0) * a * a;
        double t0 = w * (t - 11.0 / 24.0);
        double t1 = 19.0 / 96.0 + w2 * (0.25 - t);
        weights[1] = t1 + t0;
        weights[3] = t1 - t0;
        weights[4] = weights[0] + t0 + 0.5 * w;
        weights[2] = 1.0 - weights[0] - weights[1] - weights[3] - weights[4];
    }

    private static void Quintic(double w, Span<double> weights)
    {
        double w2 = w * w;
        weights[5] = (1.0 / 120.0) * w * w2 * w2;
        w2 -= w;
        double w4 = w2 * w2;
        w -= 0.5;
        double t = w2 * (w2 - 3.0);
        weights[0] = (1.0 / 24.0) * (1.0 / 5.0 + w2 + w4) - weights[5];
        double t0 = (1.0 / 24.0) * (w2 * (w2 - 5.0) + 46.0 / 5.0);
        double t1 = (-1.0 / 12.0) * w * (t + 4.0);
        weights[2] = t0 + t1;
        weights[3] = t0 - t1;
        t0 = (1.0 / 16.0) * (9.0 / 5.0 - t);
        t1 = (1.0 / 24.0) * w * (w4 - w2 - 5.0);
        weights[1] = t0 + t1;
        weights[4] = t0 - t1;
    }
}
