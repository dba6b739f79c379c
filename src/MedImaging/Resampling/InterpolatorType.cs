namespace MedImaging.Resampling;

/// <summary>
/// How a value is read between voxel centres (SimpleITK's <c>InterpolatorEnum</c>). Every interpolator answers only
/// where the continuous index lies in [−0.5, size − 0.5) on every axis (ITK's inside test); elsewhere resampling
/// writes the default value.
/// </summary>
public enum InterpolatorType
{
    /// <summary>The nearest voxel, continuous index rounded half up (ITK <c>NearestNeighborInterpolateImageFunction</c>,
    /// SimpleITK <c>sitkNearestNeighbor</c>). With <see cref="LabelGaussian"/> the choice for label images: labels are never averaged.</summary>
    NearestNeighbor,

    /// <summary>Trilinear (ITK <c>LinearInterpolateImageFunction</c>, SimpleITK <c>sitkLinear</c>); in the half-voxel
    /// border outside the outer voxel centres it takes the edge voxels.</summary>
    Linear,

    /// <summary>B-spline of order 0 (ITK <c>BSplineInterpolateImageFunction</c>; same values as nearest except ties).</summary>
    BSpline0,

    /// <summary>B-spline of order 1 (linear with mirror boundary, SimpleITK <c>sitkBSpline1</c>).</summary>
    BSpline1,

    /// <summary>B-spline of order 2 with Unser's prefilter (SimpleITK <c>sitkBSpline2</c>).</summary>
    BSpline2,

    /// <summary>Cubic B-spline with Unser's prefilter, mirror boundary (SimpleITK <c>sitkBSpline</c>/<c>sitkBSpline3</c>).</summary>
    BSpline3,

    /// <summary>B-spline of order 4 with Unser's prefilter (SimpleITK <c>sitkBSpline4</c>).</summary>
    BSpline4,

    /// <summary>B-spline of order 5 with Unser's prefilter (SimpleITK <c>sitkBSpline5</c>).</summary>
    BSpline5,

    /// <summary>Windowed sinc, Hamming window w(t) = 0.54 + 0.46·cos(πt/m), radius m = 5, edge voxels repeated
    /// outside (ITK <c>WindowedSincInterpolateImageFunction</c>, SimpleITK <c>sitkHammingWindowedSinc</c>).</summary>
    HammingWindowedSinc,

    /// <summary>Windowed sinc, cosine window w(t) = cos(πt/2m), m = 5 (SimpleITK <c>sitkCosineWindowedSinc</c>).</summary>
    CosineWindowedSinc,

    /// <summary>Windowed sinc, Welch window w(t) = 1 − t²/m², m = 5 (SimpleITK <c>sitkWelchWindowedSinc</c>).</summary>
    WelchWindowedSinc,

    /// <summary>Windowed sinc, Lanczos window w(t) = sinc(t/m), m = 5 (SimpleITK <c>sitkLanczosWindowedSinc</c>).</summary>
    LanczosWindowedSinc,

    /// <summary>Windowed sinc, Blackman window w(t) = 0.42 + 0.5·cos(πt/m) + 0.08·cos(2πt/m), m = 5 (SimpleITK
    /// <c>sitkBlackmanWindowedSinc</c>).</summary>
    BlackmanWindowedSinc,

    /// <summary>Label voting with Gaussian weights (ITK <c>LabelImageGaussianInterpolateImageFunction</c>, SimpleITK
    /// <c>sitkLabelGaussian</c> with σ = the input spacing and α = 1): the label with the largest Gaussian-weighted
    /// share of the neighbourhood; smoother label boundaries than nearest, never a mixed label.</summary>
    LabelGaussian,
}

/// <summary>How interpolated values become voxels of an integer output type.</summary>
public enum IntegerConversion
{
    /// <summary>Round to nearest, halves away from zero, then clamp to the type's range (MedImaging's default:
    /// unbiased, so a flat region of 100 HU stays 100 even when interpolation returns 99.999999).</summary>
    RoundToNearest,

    /// <summary>Clamp to the type's range, then truncate toward zero: what ITK's <c>ResampleImageFilter</c> (and so
    /// SimpleITK) does with a <c>static_cast</c>. Use it to reproduce ITK outputs exactly.</summary>
    TruncateLikeItk,
}

/// <summary>Helpers on <see cref="InterpolatorType"/>.</summary>
public static class InterpolatorTypes
{
    /// <summary>The B-spline order of a B-spline interpolator (0–5), or −1 for the others.</summary>
    public static int SplineOrder(this InterpolatorType type) => type switch
    {
        InterpolatorType.BSpline0 => 0,
        InterpolatorType.BSpline1 => 1,
        InterpolatorType.BSpline2 => 2,
        InterpolatorType.BSpline3 => 3,
        InterpolatorType.BSpline4 => 4,
        InterpolatorType.BSpline5 => 5,
        _ => -1,
    };

    /// <summary>The B-spline interpolator of order <paramref name="order"/> (0–5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The order is outside 0–5.</exception>
    public static InterpolatorType BSpline(int order) => order switch
    {
        0 => InterpolatorType.BSpline0,
        1 => InterpolatorType.BSpline1,
        2 => InterpolatorType.BSpline2,
        3 => InterpolatorType.BSpline3,
        4 => InterpolatorType.BSpline4,
        5 => InterpolatorType.BSpline5,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "B-spline order must be 0 to 5"),
    };

    /// <summary>
    /// Parses a CLI name: <c>nearest</c>, <c>linear</c>, <c>bspline</c> (cubic), <c>bspline0</c>…<c>bspline5</c>,
    /// <c>hamming-sinc</c>, <c>cosine-sinc</c>, <c>welch-sinc</c>, <c>lanczos-sinc</c>, <c>blackman-sinc</c> or
    /// <c>label-gaussian</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static InterpolatorType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.Trim().ToUpperInvariant();
        return n switch
        {
            "NEAREST" or "NEARESTNEIGHBOR" => InterpolatorType.NearestNeighbor,
            "LINEAR" => InterpolatorType.Linear,
            "BSPLINE" => InterpolatorType.BSpline3,
            "HAMMING-SINC" => InterpolatorType.HammingWindowedSinc,
            "COSINE-SINC" => InterpolatorType.CosineWindowedSinc,
            "WELCH-SINC" => InterpolatorType.WelchWindowedSinc,
            "LANCZOS-SINC" => InterpolatorType.LanczosWindowedSinc,
            "BLACKMAN-SINC" => InterpolatorType.BlackmanWindowedSinc,
            "LABEL-GAUSSIAN" => InterpolatorType.LabelGaussian,
            _ when n.Length == 8 && n.StartsWith("BSPLINE", StringComparison.Ordinal) && n[7] is >= '0' and <= '5' => BSpline(n[7] - '0'),
            _ => throw new ArgumentException($"unknown interpolator '{name}' (nearest, linear, bspline, bspline0 to bspline5, hamming-sinc, cosine-sinc, welch-sinc, lanczos-sinc, blackman-sinc, label-gaussian)", nameof(name)),
        };
    }
}
