namespace MedImaging.Resampling;

/// <summary>
/// How a value is read between voxel centres (SimpleITK's <c>InterpolatorEnum</c>). Every interpolator answers only
/// where the continuous index lies in [−0.5, size − 0.5) on every axis (ITK's inside test); elsewhere resampling
/// writes the default value.
/// </summary>
public enum InterpolatorType
{
    /// <summary>The nearest voxel, continuous index rounded half up (ITK <c>NearestNeighborInterpolateImageFunction</c>,
    /// SimpleITK <c>sitkNearestNeighbor</c>). The only choice for label images: labels are never averaged.</summary>
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
    /// <summary>The B-spline order of a B-spline interpolator (0–5), or −1 for nearest and linear.</summary>
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

    /// <summary>Parses a CLI name: <c>nearest</c>, <c>linear</c>, <c>bspline</c> (cubic) or <c>bspline0</c>…<c>bspline5</c>.</summary>
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
            _ when n.Length == 8 && n.StartsWith("BSPLINE", StringComparison.Ordinal) && n[7] is >= '0' and <= '5' => BSpline(n[7] - '0'),
            _ => throw new ArgumentException($"unknown interpolator '{name}' (nearest, linear, bspline, bspline0 to bspline5)", nameof(name)),
        };
    }
}
