using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedImaging.Filters;

/// <summary>
/// ITK's intensity-windowing functor, shared by <c>IntensityWindowing</c> and <c>RescaleIntensity</c>:
/// <c>x &lt; windowMinimum → outputMinimum</c>, <c>x &gt; windowMaximum → outputMaximum</c>, otherwise
/// <c>(TOut)((double)x · factor + offset)</c> (truncating and saturating for integer outputs), optionally clamped
/// to [outputMinimum, outputMaximum] afterwards (RescaleIntensity's functor does that, windowing does not).
/// </summary>
/// <remarks>
/// Three drivers, all giving ITK's double-precision result bit for bit:
/// 8/16-bit inputs go through a lookup table of all 256 or 65 536 input values filled by the scalar
/// <see cref="Invoke(TIn)"/>; float32 → float32 widens each <see cref="Vector256{T}"/> of 8 voxels to two double
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
    private readonly TOut[]? _table;

    /// <summary>Sets up the functor; factor and offset as ITK computes them from the converted bounds.</summary>
    public IntensityWindowingKernel(TIn windowMinimum, TIn windowMaximum, TOut outputMinimum, TOut outputMaximum,
        double factor, bool clampOutput)
    {
        _windowMinimum = windowMinimum;
        _windowMaximum = windowMaximum;
        _outputMinimum = outputMinimum;
        _outputMaximum = outputMaximum;
        _factor = factor;
        _offset = double.CreateTruncating(outputMinimum) - double.CreateTruncating(windowMinimum) * factor;
        _clampOutput = clampOutput;
        if (Unsafe.SizeOf<TIn>() <= 2)
        {
            int first = int.CreateTruncating(PixelTypes.Of<TIn>().MinValue());
            _table = new TOut[1 << (8 * Unsafe.SizeOf<TIn>())];
            for (int i = 0; i < _table.Length; i++)
            {
                _table[i] = Invoke(TIn.CreateTruncating(first + i));
            }
        }
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

    /// <summary>Table, vector or scalar driver (see the class remarks).</summary>
    public void Apply(ReadOnlySpan<TIn> source, Span<TOut> destination)
    {
        if (_table is not null)
        {
            ApplyTable(source, destination);
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

    private void ApplyTable(ReadOnlySpan<TIn> source, Span<TOut> destination)
    {
        int first = int.CreateTruncating(PixelTypes.Of<TIn>().MinValue());
        ref TOut table = ref MemoryMarshal.GetArrayDataReference(_table!);
        ref TIn s = ref MemoryMarshal.GetReference(source);
        ref TOut d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        for (int i = 0; i < source.Length; i++)
        {
            // int.CreateTruncating(x) − first lies in [0, table length) for every value of an 8/16-bit type.
            Unsafe.Add(ref d, i) = Unsafe.Add(ref table, int.CreateTruncating(Unsafe.Add(ref s, i)) - first);
        }
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
