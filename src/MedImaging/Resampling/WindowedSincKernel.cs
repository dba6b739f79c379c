namespace MedImaging.Resampling;

/// <summary>
/// The 1-D pieces of ITK's <c>WindowedSincInterpolateImageFunction</c> as SimpleITK instantiates it: radius m = 5
/// (2m = 10 taps per axis), zero-flux Neumann boundary (indices outside the image take the edge voxel). At continuous
/// index x with b = floor(x) and d = x − b, tap o ∈ [1 − m, m] reads voxel b + o with weight K(d − o), where
/// K(t) = w(t) · sinc(t), sinc(t) = sin(πt)/(πt) (1 at t = 0), and w is the window. When d is exactly 0 the weights
/// are a delta on tap 0 (the sample itself). The weights are not normalised (their sum is only close to 1), as in
/// ITK. Meijering, Niessen, Pluim, Viergever, "Quantitative comparison of sinc-approximating kernels for medical
/// image interpolation", MICCAI 1999, pp. 210–217.
/// </summary>
internal static class WindowedSincKernel
{
    /// <summary>SimpleITK's window radius m (its <c>WindowingRadius</c>).</summary>
    public const int Radius = 5;

    /// <summary>Taps per axis, 2m.</summary>
    public const int TapCount = 2 * Radius;

    /// <summary>True for the five windowed-sinc interpolators.</summary>
    public static bool IsWindowedSinc(this InterpolatorType type) => type is InterpolatorType.HammingWindowedSinc
        or InterpolatorType.CosineWindowedSinc or InterpolatorType.WelchWindowedSinc
        or InterpolatorType.LanczosWindowedSinc or InterpolatorType.BlackmanWindowedSinc;

    /// <summary>
    /// Input indices (clamped to [0, n − 1]) and weights of the <see cref="TapCount"/> taps at continuous index
    /// <paramref name="x"/> on an axis of <paramref name="n"/> voxels.
    /// </summary>
    public static void Taps(InterpolatorType window, double x, int n, Span<int> index, Span<double> weight)
    {
        double b = Math.Floor(x), d = x - b;
        for (int i = 0; i < TapCount; i++)
        {
            int offset = i + 1 - Radius;
            index[i] = (int)Math.Clamp(b + offset, 0, n - 1);
            if (d == 0.0)
            {
                weight[i] = offset == 0 ? 1 : 0;
            }
            else
            {
                double t = d - offset;
                weight[i] = Window(window, t) * Sinc(t);
            }
        }
    }

    /// <summary>The window w(t) for radius m = <see cref="Radius"/>, with ITK's formulas.</summary>
    public static double Window(InterpolatorType window, double t)
    {
        const double m = Radius;
        switch (window)
        {
            case InterpolatorType.HammingWindowedSinc:
                return 0.54 + 0.46 * Math.Cos(t * (Math.PI / m));
            case InterpolatorType.CosineWindowedSinc:
                return Math.Cos(t * (Math.PI / (2 * m)));
            case InterpolatorType.WelchWindowedSinc:
                return 1.0 - t * (1.0 / (m * m)) * t;
            case InterpolatorType.LanczosWindowedSinc:
                if (t == 0.0)
                {
                    return 1.0;
                }

                double z = Math.PI / m * t;
                return Math.Sin(z) / z;
            case InterpolatorType.BlackmanWindowedSinc:
                return 0.42 + 0.5 * Math.Cos(t * (Math.PI / m)) + 0.08 * Math.Cos(t * (2.0 * Math.PI / m));
            default:
                throw new ArgumentOutOfRangeException(nameof(window), window, "not a windowed-sinc interpolator");
        }
    }

    private static double Sinc(double t)
    {
        double pt = Math.PI * t;
        return t == 0.0 ? 1.0 : Math.Sin(pt) / pt;
    }
}
