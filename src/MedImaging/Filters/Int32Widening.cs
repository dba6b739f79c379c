using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MedImaging.Filters;

/// <summary>
/// Loads eight consecutive 8- or 16-bit voxels widened to the eight int32 lanes of a <see cref="Vector256{T}"/>
/// (lane i = element i, sign- or zero-extended as the type demands). On AVX2 this is one vpmov[sz]x instruction;
/// elsewhere the portable widening gives the same lanes.
/// </summary>
/// <typeparam name="T">byte, sbyte, ushort or short.</typeparam>
internal interface IInt32Widening<T>
    where T : unmanaged
{
    /// <summary>Elements <paramref name="source"/>[0..7] as int32 lanes 0..7.</summary>
    static abstract Vector256<int> Load(ref T source);
}

/// <summary>short → int32, sign-extended.</summary>
internal readonly struct Int16Widening : IInt32Widening<short>
{
    public static Vector256<int> Load(ref short source)
    {
        Vector128<short> v = Vector128.LoadUnsafe(ref source);
        return Avx2.IsSupported ? Avx2.ConvertToVector256Int32(v) : Vector256.Create(Vector128.WidenLower(v), Vector128.WidenUpper(v));
    }
}

/// <summary>ushort → int32, zero-extended.</summary>
internal readonly struct UInt16Widening : IInt32Widening<ushort>
{
    public static Vector256<int> Load(ref ushort source)
    {
        Vector128<ushort> v = Vector128.LoadUnsafe(ref source);
        return Avx2.IsSupported
            ? Avx2.ConvertToVector256Int32(v)
            : Vector256.Create(Vector128.WidenLower(v), Vector128.WidenUpper(v)).AsInt32();
    }
}

/// <summary>sbyte → int32, sign-extended.</summary>
internal readonly struct Int8Widening : IInt32Widening<sbyte>
{
    public static Vector256<int> Load(ref sbyte source)
    {
        Vector128<sbyte> v = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<sbyte, byte>(ref source))).AsSByte();
        if (Avx2.IsSupported)
        {
            return Avx2.ConvertToVector256Int32(v);
        }

        Vector128<short> w = Vector128.WidenLower(v);
        return Vector256.Create(Vector128.WidenLower(w), Vector128.WidenUpper(w));
    }
}

/// <summary>byte → int32, zero-extended.</summary>
internal readonly struct UInt8Widening : IInt32Widening<byte>
{
    public static Vector256<int> Load(ref byte source)
    {
        Vector128<byte> v = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte();
        if (Avx2.IsSupported)
        {
            return Avx2.ConvertToVector256Int32(v);
        }

        Vector128<ushort> w = Vector128.WidenLower(v);
        return Vector256.Create(Vector128.WidenLower(w), Vector128.WidenUpper(w)).AsInt32();
    }
}
