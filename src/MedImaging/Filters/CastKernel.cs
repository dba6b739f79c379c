using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// them (exact: every 16-bit integer is a float32). The output is twice the input's bytes, so with AVX the
    /// voxels before the first 32-byte-aligned output address are converted one by one and the aligned steps use
    /// non-temporal stores (no read-for-ownership of the output lines, which would otherwise add a third of the
    /// memory traffic); the last <c>remaining mod 8</c> voxels are converted one by one.
    /// </summary>
    private static unsafe void ToSingle<T>(ReadOnlySpan<T> source, Span<float> destination)
        where T : unmanaged, INumber<T>
    {
        int length = source.Length;
        fixed (T* s = source)
        fixed (float* d = destination)
        {
            int i = 0;
            if (Avx.IsSupported)
            {
                int head = Math.Min(length, (int)((32 - ((nuint)d & 31)) & 31) / sizeof(float));
                for (; i < head; i++)
                {
                    d[i] = float.CreateTruncating(s[i]);
                }

                for (; i <= length - 8; i += 8)
                {
                    Avx.StoreAlignedNonTemporal(d + i, Vector256.ConvertToSingle(Int32Lanes.Load(ref s[i])));
                }

                Sse.StoreFence();
            }
            else
            {
                for (; i <= length - 8; i += 8)
                {
                    Vector256.ConvertToSingle(Int32Lanes.Load(ref s[i])).Store(d + i);
                }
            }

            for (; i < length; i++)
            {
                d[i] = float.CreateTruncating(s[i]);
            }
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
