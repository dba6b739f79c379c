using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MedImaging.Filters;

/// <summary>
/// ITK's intensity-windowing functor, shared by <c>IntensityWindowing</c> and <c>RescaleIntensity</c>:
/// <c>x &lt; windowMinimum → outputMinimum</c>, <c>x &gt; windowMaximum → outputMaximum</c>, otherwise
/// <c>(TOut)((double)x · factor + offset)</c> (truncating and saturating for integer outputs), optionally clamped
/// to [outputMinimum, outputMaximum] afterwards (RescaleIntensity's functor does that, windowing does not).
/// </summary>
/// <remarks>
/// Three drivers, all giving ITK's double-precision result bit for bit: 8/16-bit integer inputs (to any output
/// but uint32) widen to int32 and then double lanes (<c>ApplyWidened</c>, AVX); float32 → float32 widens each <see cref="Vector256{T}"/> of 8 voxels to two double
/// vectors (lanes 0–3, 4–7), multiplies and adds in double exactly as the scalar path does (no fused multiply-add),
/// and narrows back, with the last <c>length mod 8</c> voxels scalar; every other pair runs the scalar functor.
/// </remarks>
internal sealed class IntensityWindowingKernel<TIn, TOut>
    where TIn : unmanaged, INumber<TIn>
    where TOut : unmanaged, INumber<TOut>
{
    private readonly TIn _windowMinimum;
    private readonly TIn _windowMaximum;
    private readonly TOut _outputMinimum;
    private readonly TOut _outputMaximum;
    private readonly double _factor;
    private readonly double _offset;
    private readonly bool _clampOutput;
    private readonly bool _windowFactor;

    /// <summary>
    /// Sets up the functor with offset = outMin − winMin · factor. Without <paramref name="factor"/> it is
    /// IntensityWindowingImageFilter's (outMax − outMin) / (winMax − winMin); RescaleIntensity passes its own.
    /// </summary>
    public IntensityWindowingKernel(TIn windowMinimum, TIn windowMaximum, TOut outputMinimum, TOut outputMaximum,
        bool clampOutput, double? factor = null)
    {
        _windowFactor = factor is null;
        factor ??= (double.CreateTruncating(outputMaximum) - double.CreateTruncating(outputMinimum))
            / (double.CreateTruncating(windowMaximum) - double.CreateTruncating(windowMinimum));
        _windowMinimum = windowMinimum;
        _windowMaximum = windowMaximum;
        _outputMinimum = outputMinimum;
        _outputMaximum = outputMaximum;
        _factor = factor.Value;
        _offset = double.CreateTruncating(outputMinimum) - double.CreateTruncating(windowMinimum) * _factor;
        _clampOutput = clampOutput;
    }

    /// <summary>One voxel.</summary>
    public TOut Invoke(TIn x)
    {
        if (x < _windowMinimum)
        {
            return _outputMinimum;
        }

        if (x > _windowMaximum)
        {
            return _outputMaximum;
        }

        double value = double.CreateTruncating(x) * _factor + _offset;
        TOut result = typeof(TOut) == typeof(float) || typeof(TOut) == typeof(double)
            ? TOut.CreateTruncating(value)
            : TOut.CreateSaturating(value);
        if (_clampOutput)
        {
            result = result > _outputMaximum ? _outputMaximum : result;
            result = result < _outputMinimum ? _outputMinimum : result;
        }

        return result;
    }

    /// <summary>8 float32 voxels (only for TIn = TOut = float).</summary>
    public Vector256<float> Invoke(Vector256<float> x)
    {
        Vector256<double> factor = Vector256.Create(_factor);
        Vector256<double> offset = Vector256.Create(_offset);
        (Vector256<double> low, Vector256<double> high) = Vector256.Widen(x);
        Vector256<float> y = Vector256.Narrow(low * factor + offset, high * factor + offset);
        Vector256<float> outMin = Vector256.Create(float.CreateTruncating(_outputMinimum));
        Vector256<float> outMax = Vector256.Create(float.CreateTruncating(_outputMaximum));
        if (_clampOutput)
        {
            y = Vector256.ConditionalSelect(Vector256.GreaterThan(y, outMax), outMax, y);
            y = Vector256.ConditionalSelect(Vector256.LessThan(y, outMin), outMin, y);
        }

        y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(float.CreateTruncating(_windowMaximum))), outMax, y);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(float.CreateTruncating(_windowMinimum))), outMin, y);
    }

    /// <summary>Widened-integer, float32 vector or scalar driver (see the class remarks).</summary>
    public void Apply(ReadOnlySpan<TIn> source, Span<TOut> destination)
    {
        if (Int32Lanes.Supports<TIn>() && typeof(TOut) != typeof(uint) && Avx.IsSupported)
        {
            ApplyWidened(source, destination);
        }
        else if (typeof(TIn) == typeof(float) && typeof(TOut) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            ApplySingle(MemoryMarshal.Cast<TIn, float>(source), MemoryMarshal.Cast<TOut, float>(destination));
        }
        else
        {
            ApplyScalar(source, destination);
        }
    }

    /// <summary>Scalar twin of <see cref="Apply"/>: the functor voxel by voxel.</summary>
    internal void ApplyScalar(ReadOnlySpan<TIn> source, Span<TOut> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Invoke(source[i]);
        }
    }

    /// <summary>
    /// 8/16-bit integer inputs: each step widens 8 voxels to int32 lanes, converts lanes 0–3 and 4–7 to two double
    /// vectors and maps them with <see cref="WindowLanes.Map"/>; the doubles are then truncated and narrowed (or rounded to
    /// float) into the output type. The last <c>length mod 8</c> voxels use the scalar functor.
    /// </summary>
    private void ApplyWidened(ReadOnlySpan<TIn> source, Span<TOut> destination)
    {
        ref TIn s = ref MemoryMarshal.GetReference(source);
        ref TOut d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        int i = 0;
        if (_windowFactor && !_clampOutput && typeof(TOut) != typeof(float) && typeof(TOut) != typeof(double))
        {
            // Windowing to an integer type with the window's own factor: inside the window x · factor + offset lies in [outMin, outMax] up to a
            // rounding error far below 1, so truncation cannot leave the output type and no saturation is needed;
            // outside the window the lane is replaced by outMin/outMax after an int32 comparison of x.
            // With AVX-512 all 8 lanes are converted, multiplied and added in one 512-bit double vector (same IEEE
            // operations per lane, half the instructions).
            Vector256<double> factor = Vector256.Create(_factor), offset = Vector256.Create(_offset);
            Vector512<double> factor512 = Vector512.Create(_factor), offset512 = Vector512.Create(_offset);
            Vector256<int> windowMinimum = Vector256.Create(int.CreateTruncating(_windowMinimum));
            Vector256<int> windowMaximum = Vector256.Create(int.CreateTruncating(_windowMaximum));
            Vector256<int> outputMinimum = Vector256.Create(int.CreateTruncating(_outputMinimum));
            Vector256<int> outputMaximum = Vector256.Create(int.CreateTruncating(_outputMaximum));
            for (; i <= source.Length - 8; i += 8)
            {
                Vector256<int> x = Int32Lanes.Load(ref Unsafe.Add(ref s, i));
                Vector256<int> y = Avx512F.IsSupported
                    ? Avx512F.ConvertToVector256Int32WithTruncation(Avx512F.ConvertToVector512Double(x) * factor512 + offset512)
                    : Vector256.Create(
                        Avx.ConvertToVector128Int32WithTruncation(Avx.ConvertToVector256Double(x.GetLower()) * factor + offset),
                        Avx.ConvertToVector128Int32WithTruncation(Avx.ConvertToVector256Double(x.GetUpper()) * factor + offset));
                y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, windowMaximum), outputMaximum, y);
                StoreInt32(Vector256.ConditionalSelect(Vector256.LessThan(x, windowMinimum), outputMinimum, y), ref Unsafe.Add(ref d, i));
            }
        }
        else
        {
            var lanes = new WindowLanes(this);
            for (; i <= source.Length - 8; i += 8)
            {
                Vector256<int> x = Int32Lanes.Load(ref Unsafe.Add(ref s, i));
                Vector256<double> low = lanes.Map(Avx.ConvertToVector256Double(x.GetLower()));
                Vector256<double> high = lanes.Map(Avx.ConvertToVector256Double(x.GetUpper()));
                Store(low, high, ref Unsafe.Add(ref d, i));
            }
        }

        ApplyScalar(source[i..], destination[i..]);
    }

    /// <summary>Writes 8 mapped values (already within the output type's range) as TOut.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> low, Vector256<double> high, ref TOut destination)
    {
        if (typeof(TOut) == typeof(double))
        {
            low.StoreUnsafe(ref Unsafe.As<TOut, double>(ref destination));
            high.StoreUnsafe(ref Unsafe.As<TOut, double>(ref destination), 4);
        }
        else if (typeof(TOut) == typeof(float))
        {
            Vector256.Create(Avx.ConvertToVector128Single(low), Avx.ConvertToVector128Single(high))
                .StoreUnsafe(ref Unsafe.As<TOut, float>(ref destination));
        }
        else
        {
            StoreInt32(Vector256.Create(Avx.ConvertToVector128Int32WithTruncation(low), Avx.ConvertToVector128Int32WithTruncation(high)), ref destination);
        }
    }

    /// <summary>Writes 8 int32 lanes holding values of the integer type TOut (low bits kept: exact for both signs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInt32(Vector256<int> values, ref TOut destination)
    {
        if (Unsafe.SizeOf<TOut>() == 4)
        {
            values.StoreUnsafe(ref Unsafe.As<TOut, int>(ref destination));
            return;
        }

        Vector128<short> words = Vector128.Narrow(values.GetLower(), values.GetUpper());
        if (Unsafe.SizeOf<TOut>() == 2)
        {
            words.StoreUnsafe(ref Unsafe.As<TOut, short>(ref destination));
            return;
        }

        Unsafe.WriteUnaligned(ref Unsafe.As<TOut, byte>(ref destination), Vector128.Narrow(words, words).AsUInt64().ToScalar());
    }

    /// <summary>The functor on 4 double lanes, with the same comparisons and selects as <see cref="Invoke(TIn)"/>.</summary>
    private readonly struct WindowLanes(IntensityWindowingKernel<TIn, TOut> kernel)
    {
        private readonly Vector256<double> _factor = Vector256.Create(kernel._factor);
        private readonly Vector256<double> _offset = Vector256.Create(kernel._offset);
        private readonly Vector256<double> _windowMinimum = Vector256.Create(double.CreateTruncating(kernel._windowMinimum));
        private readonly Vector256<double> _windowMaximum = Vector256.Create(double.CreateTruncating(kernel._windowMaximum));
        private readonly Vector256<double> _outputMinimum = Vector256.Create(double.CreateTruncating(kernel._outputMinimum));
        private readonly Vector256<double> _outputMaximum = Vector256.Create(double.CreateTruncating(kernel._outputMaximum));
        private readonly Vector256<double> _lowest = Vector256.Create(Lowest(kernel));
        private readonly Vector256<double> _highest = Vector256.Create(Highest(kernel));

        /// <summary>
        /// x · factor + offset (separate multiply and add, as the scalar code), limited to [lowest, highest] —
        /// the output bounds when clamping, else the output type's range (saturation; ±∞ for float outputs) —
        /// then outputMinimum/outputMaximum for voxels below/above the window. Limiting before truncation equals
        /// the scalar code's truncation then saturation/clamp, since the limits are values of the output type.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Map(Vector256<double> x)
        {
            Vector256<double> y = x * _factor + _offset;
            y = Vector256.ConditionalSelect(Vector256.GreaterThan(y, _highest), _highest, y);
            y = Vector256.ConditionalSelect(Vector256.LessThan(y, _lowest), _lowest, y);
            y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, _windowMaximum), _outputMaximum, y);
            return Vector256.ConditionalSelect(Vector256.LessThan(x, _windowMinimum), _outputMinimum, y);
        }

        private static double Lowest(IntensityWindowingKernel<TIn, TOut> k) =>
            k._clampOutput ? double.CreateTruncating(k._outputMinimum)
            : typeof(TOut) == typeof(float) || typeof(TOut) == typeof(double) ? double.NegativeInfinity
            : PixelTypes.Of<TOut>().MinValue();

        private static double Highest(IntensityWindowingKernel<TIn, TOut> k) =>
            k._clampOutput ? double.CreateTruncating(k._outputMaximum)
            : typeof(TOut) == typeof(float) || typeof(TOut) == typeof(double) ? double.PositiveInfinity
            : PixelTypes.Of<TOut>().MaxValue();
    }

    private void ApplySingle(ReadOnlySpan<float> source, Span<float> destination)
    {
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        int i = 0;
        for (; i <= source.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Invoke(Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        }

        ApplyScalar(MemoryMarshal.Cast<float, TIn>(source[i..]), MemoryMarshal.Cast<float, TOut>(destination[i..]));
    }
}
