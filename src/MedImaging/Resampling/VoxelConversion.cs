using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        if (typeof(T) == typeof(short))
        {
            ToInt16(values, MemoryMarshal.Cast<T, short>(destination), conversion == IntegerConversion.RoundToNearest);
            return;
        }

        if (!IsFloating<T>() && conversion == IntegerConversion.RoundToNearest)
        {
            TensorPrimitives.Round(values, MidpointRounding.AwayFromZero, values);
        }

        // Saturating conversion truncates toward zero after clamping: ITK's clamp-then-static_cast.
        TensorPrimitives.ConvertSaturating<double, T>(values, destination);
    }

    /// <summary>
    /// double → int16 for the CT case, vectorised: lane k of each <see cref="Vector{T}"/> of doubles holds sample
    /// i + k; NaN becomes 0, ±0.5 is added when rounding (half away from zero), the value is clamped to
    /// [−32768, 32767] and truncated; four vectors of longs are narrowed to one vector of shorts. The tail shorter
    /// than that runs the scalar twin's loop body.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToInt16(ReadOnlySpan<double> values, Span<short> destination, bool round)
    {
        int n = Math.Min(values.Length, destination.Length), i = 0;
        int step = Vector<short>.Count;
        if (Vector.IsHardwareAccelerated && n >= step && Vector<double>.Count * 4 == step)
        {
            ref double source = ref MemoryMarshal.GetReference(values);
            ref short target = ref MemoryMarshal.GetReference(destination);
            int lanes = Vector<double>.Count;
            for (; i <= n - step; i += step)
            {
                Vector<long> a = ToInt16Bits(Vector.LoadUnsafe(ref source, (nuint)i), round);
                Vector<long> b = ToInt16Bits(Vector.LoadUnsafe(ref source, (nuint)(i + lanes)), round);
                Vector<long> c = ToInt16Bits(Vector.LoadUnsafe(ref source, (nuint)(i + 2 * lanes)), round);
                Vector<long> d = ToInt16Bits(Vector.LoadUnsafe(ref source, (nuint)(i + 3 * lanes)), round);
                Vector.Narrow(Vector.Narrow(a, b), Vector.Narrow(c, d)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = ToInt16(values[i], round);
        }
    }

    /// <summary>Scalar twin of <see cref="ToInt16(ReadOnlySpan{double}, Span{short}, bool)"/>.</summary>
    internal static void ToInt16Scalar(ReadOnlySpan<double> values, Span<short> destination, bool round)
    {
        for (int i = 0; i < Math.Min(values.Length, destination.Length); i++)
        {
            destination[i] = ToInt16(values[i], round);
        }
    }

    private static short ToInt16(double value, bool round)
    {
        double v = double.IsNaN(value) ? 0 : value;
        if (round)
        {
            v += v < 0 ? -0.5 : 0.5;
        }

        return (short)(long)Math.Min(Math.Max(v, short.MinValue), short.MaxValue);
    }

    /// <summary>
    /// The vector step of <see cref="ToInt16(ReadOnlySpan{double}, Span{short}, bool)"/>: each lane rounded (or
    /// truncated) and saturated, returned as the bit pattern of v + 1.5·2⁵², whose low 16 bits are the int16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> ToInt16Bits(Vector<double> value, bool round)
    {
        Vector<double> v = Vector.ConditionalSelect(Vector.Equals(value, value), value, Vector<double>.Zero);
        if (round)
        {
            v += Vector.ConditionalSelect(Vector.LessThan(v, Vector<double>.Zero), new Vector<double>(-0.5), new Vector<double>(0.5));
        }

        // No NaN is left, so the native minimum and maximum (one instruction each; Vector.Min and Max add the IEEE
        // NaN and signed-zero handling) clamp exactly.
        v = Vector.Truncate(Vector.MinNative(Vector.MaxNative(v, new Vector<double>(short.MinValue)), new Vector<double>(short.MaxValue)));

        // v is now an integer in [−32768, 32767]: adding 1.5·2⁵² puts it, in two's complement, in the low mantissa
        // bits of the sum, whose low 32 bits are zero otherwise; narrowing keeps exactly those bits. (Vector.ConvertToInt64
        // has an instruction only with AVX-512: elsewhere, e.g. in the native AOT executable built for AVX2, it calls
        // a helper per lane.)
        return Vector.AsVectorInt64(v + new Vector<double>(6755399441055744.0));
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
        where T : unmanaged, INumber<T>
    {
        // TensorPrimitives converts 16-bit integers to double one at a time; CT and most MR are 16-bit.
        if (typeof(T) == typeof(short) || typeof(T) == typeof(ushort))
        {
            SixteenBitToDouble(MemoryMarshal.Cast<T, short>(values), destination, typeof(T) == typeof(short));
            return;
        }

        TensorPrimitives.ConvertTruncating<T, double>(values, destination);
    }

    /// <summary>
    /// int16 (<paramref name="signed"/>) or uint16 (the same bits) → double, vectorised: widened to 32-bit lanes,
    /// converted to float (exact: every 16-bit integer is) and widened to double, four vectors of doubles per vector
    /// of 16-bit values. The tail shorter than that runs the scalar twin's loop body.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SixteenBitToDouble(ReadOnlySpan<short> values, Span<double> destination, bool signed)
    {
        if (destination.Length < values.Length)
        {
            throw new ArgumentException("destination is shorter than the values", nameof(destination));
        }

        int n = values.Length, i = 0;
        int step = Vector<short>.Count;
        if (Vector.IsHardwareAccelerated && n >= step && Vector<double>.Count * 4 == step)
        {
            ref short source = ref MemoryMarshal.GetReference(values);
            ref double target = ref MemoryMarshal.GetReference(destination);
            int lanes = Vector<double>.Count;
            for (; i <= n - step; i += step)
            {
                Vector<short> v = Vector.LoadUnsafe(ref source, (nuint)i);
                Vector<int> low, high;
                if (signed)
                {
                    Vector.Widen(v, out low, out high);
                }
                else
                {
                    // Zero-extended 16-bit values are non-negative int32s.
                    Vector.Widen(Vector.AsVectorUInt16(v), out Vector<uint> l, out Vector<uint> h);
                    (low, high) = (Vector.AsVectorInt32(l), Vector.AsVectorInt32(h));
                }

                Vector.Widen(Vector.ConvertToSingle(low), out Vector<double> d0, out Vector<double> d1);
                Vector.Widen(Vector.ConvertToSingle(high), out Vector<double> d2, out Vector<double> d3);
                d0.StoreUnsafe(ref target, (nuint)i);
                d1.StoreUnsafe(ref target, (nuint)(i + lanes));
                d2.StoreUnsafe(ref target, (nuint)(i + 2 * lanes));
                d3.StoreUnsafe(ref target, (nuint)(i + 3 * lanes));
            }
        }

        for (; i < n; i++)
        {
            destination[i] = SixteenBitToDouble(values[i], signed);
        }
    }

    /// <summary>Scalar twin of <see cref="SixteenBitToDouble(ReadOnlySpan{short}, Span{double}, bool)"/>.</summary>
    internal static void SixteenBitToDoubleScalar(ReadOnlySpan<short> values, Span<double> destination, bool signed)
    {
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = SixteenBitToDouble(values[i], signed);
        }
    }

    private static double SixteenBitToDouble(short value, bool signed) => signed ? value : (ushort)value;
}
