using System.Numerics;
using System.Numerics.Tensors;

namespace MedImaging.Resampling;

/// <summary>Turns interpolated doubles into output voxels: floats by IEEE rounding, integers per <see cref="IntegerConversion"/>.</summary>
internal static class VoxelConversion
{
    /// <summary>True when <typeparamref name="T"/> is float or double.</summary>
    public static bool IsFloating<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>
    /// Converts a row; <paramref name="values"/> is scratch and may be overwritten. Integers are rounded half away
    /// from zero (or left to truncation) and saturated to the type's range, NaN becoming 0.
    /// </summary>
    public static void FromDouble<T>(Span<double> values, Span<T> destination, IntegerConversion conversion)
        where T : unmanaged, INumber<T>
    {
        if (!IsFloating<T>() && conversion == IntegerConversion.RoundToNearest)
        {
            TensorPrimitives.Round(values, MidpointRounding.AwayFromZero, values);
        }

        // Saturating conversion truncates toward zero after clamping: ITK's clamp-then-static_cast.
        TensorPrimitives.ConvertSaturating<double, T>(values, destination);
    }

    /// <summary>Converts one value (the default pixel value) the same way as <see cref="FromDouble{T}(Span{double}, Span{T}, IntegerConversion)"/>.</summary>
    public static T FromDouble<T>(double value, IntegerConversion conversion)
        where T : unmanaged, INumber<T>
    {
        if (!IsFloating<T>() && conversion == IntegerConversion.RoundToNearest)
        {
            value = Math.Round(value, MidpointRounding.AwayFromZero);
        }

        return T.CreateSaturating(value);
    }

    /// <summary>Reads a row of any voxel type as doubles (exact for every supported type).</summary>
    public static void ToDouble<T>(ReadOnlySpan<T> values, Span<double> destination)
        where T : unmanaged, INumber<T> =>
        TensorPrimitives.ConvertTruncating<T, double>(values, destination);
}
