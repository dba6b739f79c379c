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
        if (typeof(TOut) == typeof(float) && Int32Lanes.Supports<TIn>() && Vector256.IsHardwareAccelerated)
        {
            ToSingle(source, MemoryMarshal.Cast<TOut, float>(destination));
            return;
        }

        TensorPrimitives.ConvertSaturating(source, destination);
    }

    /// <summary>
    /// 8/16-bit integers → float32: each step loads 8 voxels widened to int32 lanes (lane i = voxel i) and converts
    /// them (exact: every 16-bit integer is a float32); the last <c>length mod 8</c> voxels are converted one by one.
    /// </summary>
    private static void ToSingle<T>(ReadOnlySpan<T> source, Span<float> destination)
        where T : unmanaged, INumber<T>
    {
        ref T s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination[..source.Length]);
        int i = 0;
        for (; i <= source.Length - 8; i += 8)
        {
            Vector256.ConvertToSingle(Int32Lanes.Load(ref Unsafe.Add(ref s, i))).StoreUnsafe(ref d, (nuint)i);
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
