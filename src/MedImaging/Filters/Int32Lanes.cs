using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MedImaging.Filters;

/// <summary>
/// Loads eight consecutive 8- or 16-bit integer voxels widened to the eight int32 lanes of a
/// <see cref="Vector256{T}"/> (lane i = voxel i, sign- or zero-extended as the type demands). On AVX2 this is one
/// vpmov[sz]x instruction; elsewhere the portable widening gives the same lanes. The type tests fold away when
/// the JIT specialises the generic method.
/// </summary>
internal static class Int32Lanes
{
    /// <summary>True for byte, sbyte, ushort and short, the types <see cref="Load{T}"/> accepts.</summary>
    public static bool Supports<T>() =>
        typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(ushort) || typeof(T) == typeof(short);

    /// <summary>Voxels <paramref name="source"/>[0..7] as int32 lanes 0..7 (only for a type <see cref="Supports{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load<T>(ref T source)
        where T : unmanaged
    {
        if (typeof(T) == typeof(short))
        {
            Vector128<short> v = Vector128.LoadUnsafe(ref Unsafe.As<T, short>(ref source));
            return Avx2.IsSupported ? Avx2.ConvertToVector256Int32(v) : Vector256.Create(Vector128.WidenLower(v), Vector128.WidenUpper(v));
        }

        if (typeof(T) == typeof(ushort))
        {
            Vector128<ushort> v = Vector128.LoadUnsafe(ref Unsafe.As<T, ushort>(ref source));
            return Avx2.IsSupported ? Avx2.ConvertToVector256Int32(v) : Vector256.Create(Vector128.WidenLower(v), Vector128.WidenUpper(v)).AsInt32();
        }

        Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<T, byte>(ref source))).AsByte();
        if (typeof(T) == typeof(sbyte))
        {
            if (Avx2.IsSupported)
            {
                return Avx2.ConvertToVector256Int32(bytes.AsSByte());
            }

            Vector128<short> w = Vector128.WidenLower(bytes.AsSByte());
            return Vector256.Create(Vector128.WidenLower(w), Vector128.WidenUpper(w));
        }

        if (Avx2.IsSupported)
        {
            return Avx2.ConvertToVector256Int32(bytes);
        }

        Vector128<ushort> u = Vector128.WidenLower(bytes);
        return Vector256.Create(Vector128.WidenLower(u), Vector128.WidenUpper(u)).AsInt32();
    }
}
