using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MedImaging.Dicom;

/// <summary>
/// Turns stored sample words into canonical values in place: keep the BitsStored bits ending at HighBit, then
/// sign-extend from the top stored bit when the data is signed (PS3.5 8.1.1).
/// </summary>
internal static class PixelCanonicalizer
{
    /// <summary>Canonicalizes little-endian words of <paramref name="width"/> bytes in place.</summary>
    public static void Canonicalize(Span<byte> values, int width, int bitsStored, int highBit, bool signed)
    {
        int shift = highBit + 1 - bitsStored;
        if (shift == 0 && bitsStored == width * 8)
        {
            return;
        }

        if (BitConverter.IsLittleEndian && shift == 0 && width == 2)
        {
            Canonicalize16(values, bitsStored, signed);
            return;
        }

        CanonicalizeScalar(values, width, bitsStored, highBit, signed);
    }

    /// <summary>
    /// Vectorised 16-bit case (HighBit = BitsStored − 1): unsigned data is AND-ed with the stored-bits mask; signed data
    /// is shifted left then arithmetically right by 16 − BitsStored, which masks and sign-extends in two passes.
    /// TensorPrimitives handles every lane and the tail.
    /// </summary>
    internal static void Canonicalize16(Span<byte> values, int bitsStored, bool signed)
    {
        int whole = values.Length & ~1;
        if (signed)
        {
            Span<short> words = MemoryMarshal.Cast<byte, short>(values[..whole]);
            int k = 16 - bitsStored;
            TensorPrimitives.ShiftLeft(words, k, words);
            TensorPrimitives.ShiftRightArithmetic(words, k, words);
        }
        else
        {
            Span<ushort> words = MemoryMarshal.Cast<byte, ushort>(values[..whole]);
            TensorPrimitives.BitwiseAnd(words, (ushort)((1 << bitsStored) - 1), words);
        }
    }

    /// <summary>The scalar reference for any width and HighBit.</summary>
    internal static void CanonicalizeScalar(Span<byte> values, int width, int bitsStored, int highBit, bool signed)
    {
        int shift = highBit + 1 - bitsStored;
        ulong mask = bitsStored == 64 ? ulong.MaxValue : (1UL << bitsStored) - 1;
        ulong sign = 1UL << (bitsStored - 1);
        for (int i = 0; i + width <= values.Length; i += width)
        {
            Span<byte> s = values[i..];
            ulong raw = width switch
            {
                1 => s[0],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(s),
                4 => BinaryPrimitives.ReadUInt32LittleEndian(s),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(s),
            };
            ulong value = (raw >> shift) & mask;
            if (signed && (value & sign) != 0)
            {
                value |= ~mask;
            }

            switch (width)
            {
                case 1: s[0] = (byte)value; break;
                case 2: BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)value); break;
                case 4: BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)value); break;
                default: BinaryPrimitives.WriteUInt64LittleEndian(s, value); break;
            }
        }
    }
}
