using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedImaging.Filters;

/// <summary>
/// ITK's clamp functor: <c>x &lt; lower ? lower : (x &gt; upper ? upper : x)</c>. Lane i of each
/// <see cref="Vector256{T}"/> holds voxel i; the selects reproduce the scalar branches exactly (NaN and −0 pass
/// through unchanged); the last <c>length mod lanes</c> voxels go through the scalar <see cref="Invoke(T)"/>.
/// </summary>
internal readonly struct ClampKernel<T>(T lower, T upper)
    where T : unmanaged, INumber<T>
{
    /// <summary>One voxel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x) => x < lower ? lower : (x > upper ? upper : x);

    /// <summary>One vector of voxels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x)
    {
        Vector256<T> lo = Vector256.Create(lower);
        Vector256<T> hi = Vector256.Create(upper);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, lo), lo, Vector256.ConditionalSelect(Vector256.GreaterThan(x, hi), hi, x));
    }

    /// <summary>Vector driver with scalar tail.</summary>
    public void Apply(ReadOnlySpan<T> source, Span<T> destination)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            ApplyScalar(source, destination);
            return;
        }

        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        int i = 0;
        for (; i <= source.Length - Vector256<T>.Count; i += Vector256<T>.Count)
        {
            Invoke(Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) = Invoke(Unsafe.Add(ref s, i));
        }
    }

    /// <summary>Scalar twin of <see cref="Apply"/>.</summary>
    internal void ApplyScalar(ReadOnlySpan<T> source, Span<T> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Invoke(source[i]);
        }
    }
}
