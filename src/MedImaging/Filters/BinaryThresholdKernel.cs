using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedImaging.Filters;

/// <summary>
/// <c>lower ≤ x ≤ upper ? inside : outside</c> into bytes. Each vector step reads 32 voxels (one to eight
/// <see cref="Vector256{T}"/>s depending on the voxel width), turns each comparison mask into one byte per voxel by
/// narrowing (all-ones lanes become 0xFF), and selects inside/outside bytes; the last <c>length mod 32</c>
/// voxels go through the scalar <see cref="Invoke(T)"/>. NaN compares false, so NaN voxels are outside.
/// </summary>
internal readonly struct BinaryThresholdKernel<T>(T lower, T upper, byte inside, byte outside)
    where T : unmanaged, INumber<T>
{
    private const int Step = 32;

    /// <summary>The value of one voxel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Invoke(T x) => x >= lower && x <= upper ? inside : outside;

    /// <summary>The values of the 32 voxels at <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<byte> Invoke(ref T source)
    {
        Vector256<byte> mask = MaskBytes(ref source, Vector256.Create(lower), Vector256.Create(upper));
        return Vector256.ConditionalSelect(mask, Vector256.Create(inside), Vector256.Create(outside));
    }

    /// <summary>Vector driver with scalar tail.</summary>
    public void Apply(ReadOnlySpan<T> source, Span<byte> destination)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            ApplyScalar(source, destination);
            return;
        }

        ref T s = ref MemoryMarshal.GetReference(source);
        ref byte d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        int i = 0;
        for (; i <= source.Length - Step; i += Step)
        {
            Invoke(ref Unsafe.Add(ref s, i)).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) = Invoke(Unsafe.Add(ref s, i));
        }
    }

    /// <summary>Scalar twin of <see cref="Apply"/>.</summary>
    internal void ApplyScalar(ReadOnlySpan<T> source, Span<byte> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Invoke(source[i]);
        }
    }

    /// <summary>0xFF for the voxels in [lo, hi], 0 otherwise, for the 32 voxels at <paramref name="source"/>, in order.</summary>
    private static Vector256<byte> MaskBytes(ref T source, Vector256<T> lo, Vector256<T> hi)
    {
        int lanes = Vector256<T>.Count;
        if (lanes == 32)
        {
            return InRange(ref source, 0, lo, hi).AsByte();
        }

        if (lanes == 16)
        {
            return Vector256.Narrow(InRange(ref source, 0, lo, hi).AsUInt16(), InRange(ref source, 16, lo, hi).AsUInt16());
        }

        if (lanes == 8)
        {
            return Vector256.Narrow(Words(ref source, 0, lo, hi), Words(ref source, 16, lo, hi));
        }

        Vector256<ushort> first = Vector256.Narrow(DoubleWords(ref source, 0, lo, hi), DoubleWords(ref source, 8, lo, hi));
        Vector256<ushort> second = Vector256.Narrow(DoubleWords(ref source, 16, lo, hi), DoubleWords(ref source, 24, lo, hi));
        return Vector256.Narrow(first, second);
    }

    /// <summary>Masks of 16 voxels of a 4-byte type as 16-bit lanes.</summary>
    private static Vector256<ushort> Words(ref T source, int offset, Vector256<T> lo, Vector256<T> hi) =>
        Vector256.Narrow(InRange(ref source, offset, lo, hi).AsUInt32(), InRange(ref source, offset + 8, lo, hi).AsUInt32());

    /// <summary>Masks of 8 voxels of an 8-byte type as 32-bit lanes.</summary>
    private static Vector256<uint> DoubleWords(ref T source, int offset, Vector256<T> lo, Vector256<T> hi) =>
        Vector256.Narrow(InRange(ref source, offset, lo, hi).AsUInt64(), InRange(ref source, offset + 4, lo, hi).AsUInt64());

    private static Vector256<T> InRange(ref T source, int offset, Vector256<T> lo, Vector256<T> hi)
    {
        Vector256<T> x = Vector256.LoadUnsafe(ref source, (nuint)offset);
        return Vector256.GreaterThanOrEqual(x, lo) & Vector256.LessThanOrEqual(x, hi);
    }
}
