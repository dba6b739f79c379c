using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <content>Display conventions on top of canonical stored values: MONOCHROME1 inversion and PALETTE COLOR lookup.</content>
public sealed partial class DicomPixelData
{
    /// <summary>True when the photometric interpretation is MONOCHROME1 (the minimum stored value is meant to be shown white).</summary>
    public bool IsMonochrome1 => PhotometricInterpretation == "MONOCHROME1";

    /// <summary>The smallest value BitsStored bits can hold: 0, or −2^(BitsStored−1) for signed data.</summary>
    public long StoredMinimum => IsSigned ? -(1L << (BitsStored - 1)) : 0;

    /// <summary>The largest value BitsStored bits can hold: 2^BitsStored − 1, or 2^(BitsStored−1) − 1 for signed data.</summary>
    public long StoredMaximum => IsSigned ? (1L << (BitsStored - 1)) - 1 : (1L << BitsStored) - 1;

    /// <summary>
    /// Frame <paramref name="index"/> in the MONOCHROME2 convention (larger = brighter), the layout of <see cref="GetFrame"/>.
    /// MONOCHROME1 values v become <see cref="StoredMinimum"/> + <see cref="StoredMaximum"/> − v, as ITK's
    /// <c>GDCMImageIO</c> (GDCM's photometric change) does when it reads a volume: unsigned 10-bit 0..979 becomes
    /// 1023..44. Other photometric interpretations are returned unchanged. Rescale slope/intercept are not applied;
    /// apply them to the inverted values, as ITK does.
    /// </summary>
    /// <exception cref="DicomFormatException">MONOCHROME1 float data (the standard allows only integer MONOCHROME1).</exception>
    public byte[] GetFrameMonochrome2(int index)
    {
        byte[] frame = GetFrame(index);
        if (IsMonochrome1)
        {
            if (IsFloat)
            {
                throw new DicomFormatException(File.Source, _element.Offset, _element.Tag, "MONOCHROME1 inversion needs integer pixel data");
            }

            InvertStoredRange(frame, BytesPerValue, BitsStored, IsSigned);
        }

        return frame;
    }

    /// <summary>
    /// In place v → min + max − v over the BitsStored range of canonical values: for unsigned data that is v XOR
    /// (2^BitsStored − 1); for signed data it is −1 − v, the bitwise complement of the whole word.
    /// </summary>
    internal static void InvertStoredRange(Span<byte> values, int width, int bitsStored, bool signed)
    {
        ulong mask = signed || bitsStored >= 64 ? ulong.MaxValue : (1UL << bitsStored) - 1;
        for (int i = 0; i + width <= values.Length; i += width)
        {
            for (int k = 0; k < width; k++)
            {
                values[i + k] ^= (byte)(mask >> (8 * k));
            }
        }
    }

    /// <summary>
    /// Frame <paramref name="index"/> of PALETTE COLOR data through its lookup tables (<see cref="DicomPaletteLut"/>):
    /// interleaved R, G, B entries as stored in the tables (0..255 for 8-bit entries, 0..65535 for 16-bit ones),
    /// which is what pydicom's <c>apply_color_lut</c> returns.
    /// </summary>
    /// <exception cref="DicomFormatException">The data is not single-sample PALETTE COLOR, or its tables are missing or malformed.</exception>
    public ushort[] GetFramePaletteRgb(int index)
    {
        DicomPaletteLut lut = GetPaletteLut();
        byte[] frame = GetFrame(index);
        int count = Rows * Columns;
        var rgb = new ushort[3 * count];
        ushort[] r = lut.Red.ToArray(), g = lut.Green.ToArray(), b = lut.Blue.ToArray();
        for (int i = 0; i < count; i++)
        {
            long stored = BytesPerValue switch
            {
                1 => IsSigned ? (sbyte)frame[i] : frame[i],
                _ => IsSigned ? BinaryPrimitives.ReadInt16LittleEndian(frame.AsSpan(2 * i)) : BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(2 * i)),
            };
            int k = lut.IndexOf(stored);
            rgb[3 * i] = r[k];
            rgb[(3 * i) + 1] = g[k];
            rgb[(3 * i) + 2] = b[k];
        }

        return rgb;
    }

    /// <summary>The palette tables of a PALETTE COLOR image.</summary>
    /// <exception cref="DicomFormatException">The data is not single-sample 8- or 16-bit PALETTE COLOR, or its tables are missing or malformed.</exception>
    public DicomPaletteLut GetPaletteLut()
    {
        if (PhotometricInterpretation != "PALETTE COLOR" || SamplesPerPixel != 1 || IsFloat || BitsAllocated is not (8 or 16))
        {
            throw new DicomFormatException(File.Source, -1, DicomTag.PhotometricInterpretation,
                $"palette lookup needs single-sample 8- or 16-bit PALETTE COLOR data, not {PhotometricInterpretation} with {SamplesPerPixel} sample(s) of {BitsAllocated} bits");
        }

        return DicomPaletteLut.Read(File.Dataset, IsSigned);
    }
}
