using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedImaging.Filters;

/// <summary>
/// Voxel type conversion with saturation: integer → float32 from 8/16-bit types by widening to int32 lanes and
/// converting (exact); every other pair through <see cref="TensorPrimitives.ConvertSaturating{TFrom, TTo}(ReadOnlySpan{TFrom}, Span{TTo})"/>.
/// </summary>
internal static class CastKernel
{
    /// <summary>Converts <paramref name="source"/> into <paramref name="destination"/> (same length).</summary>
    public static void Apply<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        if (typeof(TOut) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            Span<float> single = MemoryMarshal.Cast<TOut, float>(destination);
            if (typeof(TIn) == typeof(short))
            {
                ToSingle<short, Int16Widening>(MemoryMarshal.Cast<TIn, short>(source), single);
                return;
            }

            if (typeof(TIn) == typeof(ushort))
            {
                ToSingle<ushort, UInt16Widening>(MemoryMarshal.Cast<TIn, ushort>(source), single);
                return;
            }

            if (typeof(TIn) == typeof(sbyte))
            {
                ToSingle<sbyte, Int8Widening>(MemoryMarshal.Cast<TIn, sbyte>(source), single);
                return;
            }

            if (typeof(TIn) == typeof(byte))
            {
                ToSingle<byte, UInt8Widening>(MemoryMarshal.Cast<TIn, byte>(source), single);
                return;
            }
        }

        TensorPrimitives.ConvertSaturating(source, destination);
    }

    /// <summary>
    /// 8/16-bit integers → float32: each step loads 8 voxels widened to int32 lanes (lane i = voxel i) and converts
    /// them (exact: every 16-bit integer is a float32); the last <c>length mod 8</c> voxels are converted one by one.
    /// </summary>
    internal static void ToSingle<T, TWidening>(ReadOnlySpan<T> source, Span<float> destination)
        where T : unmanaged, INumber<T>
        where TWidening : IInt32Widening<T>
    {
        ref T s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        int i = 0;
        for (; i <= source.Length - 8; i += 8)
        {
            Vector256.ConvertToSingle(TWidening.Load(ref Unsafe.Add(ref s, i))).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) = float.CreateTruncating(Unsafe.Add(ref s, i));
        }
    }

    /// <summary>Scalar twin of <see cref="Apply{TIn, TOut}"/>: <c>TOut.CreateSaturating</c> voxel by voxel.</summary>
    internal static void ApplyScalar<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = TOut.CreateSaturating(source[i]);
        }
    }
}
