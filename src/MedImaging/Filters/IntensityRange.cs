using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// Turns a closed real interval [lower, upper] given in doubles into the equivalent closed interval of voxel values
/// of type <typeparamref name="T"/>, so kernels compare in the voxel type: for integers [ceil(lower), floor(upper)]
/// clamped to the type's range, for floats the nearest representable values inside the interval (±∞ included).
/// </summary>
internal readonly record struct IntensityRange<T>(T Lower, T Upper, bool IsEmpty)
    where T : unmanaged, INumber<T>
{
    /// <summary>The voxel values v of type T with lower ≤ v ≤ upper (real comparison).</summary>
    /// <exception cref="ArgumentException">A bound is NaN or lower &gt; upper.</exception>
    public static IntensityRange<T> FromReal(double lower, double upper, string lowerName, string upperName)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
        {
            throw new ArgumentException($"{lowerName} ({lower.ToString(System.Globalization.CultureInfo.InvariantCulture)}) must not exceed {upperName} ({upper.ToString(System.Globalization.CultureInfo.InvariantCulture)}), and neither may be NaN", lowerName);
        }

        if (typeof(T) == typeof(float))
        {
            // The nearest floats inside [lower, upper]; ±∞ stay ±∞, so (−∞, +∞) admits every non-NaN voxel.
            float lo = (float)lower;
            float hi = (float)upper;
            lo = lo < lower ? float.BitIncrement(lo) : lo;
            hi = hi > upper ? float.BitDecrement(hi) : hi;
            return new(T.CreateTruncating(lo), T.CreateTruncating(hi), lo > hi);
        }

        if (typeof(T) == typeof(double))
        {
            return new(T.CreateTruncating(lower), T.CreateTruncating(upper), false);
        }

        double typeMin = PixelTypes.Of<T>().MinValue();
        double typeMax = PixelTypes.Of<T>().MaxValue();
        double low = Math.Ceiling(lower);
        double high = Math.Floor(upper);
        bool empty = low > high || low > typeMax || high < typeMin;
        return new(T.CreateSaturating(Math.Max(low, typeMin)), T.CreateSaturating(Math.Min(high, typeMax)), empty);
    }
}
