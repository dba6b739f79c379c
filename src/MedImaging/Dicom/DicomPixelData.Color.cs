namespace MedImaging.Dicom;

/// <content>Colour: 8-bit RGB frames from RGB and YBR_FULL/YBR_FULL_422 data.</content>
public sealed partial class DicomPixelData
{
    /// <summary>
    /// Frame <paramref name="index"/> as interleaved 8-bit RGB. RGB data is returned as stored; YBR_FULL and
    /// YBR_FULL_422 are converted with the full-range equations of PS3.3 C.7.6.3.1.2 and ITU-T T.871 §7
    /// (R = Y + 1.402 (Cr − 128), G = Y − (0.114·1.772/0.587) (Cb − 128) − (0.299·1.402/0.587) (Cr − 128),
    /// B = Y + 1.772 (Cb − 128)), rounded as floor(x + 0.5) and clamped to 0..255. PALETTE COLOR data goes through
    /// <see cref="GetFramePaletteRgb"/>; 16-bit table entries keep their high byte (entry >> 8), 8-bit ones are returned as is.
    /// </summary>
    /// <exception cref="DicomFormatException">The data is not 8-bit, three-sample RGB or YBR_FULL(_422), nor PALETTE COLOR.</exception>
    public byte[] GetFrameRgb(int index)
    {
        if (PhotometricInterpretation == "PALETTE COLOR")
        {
            int shift = GetPaletteLut().BitsPerEntry == 16 ? 8 : 0;
            ushort[] entries = GetFramePaletteRgb(index);
            byte[] rgb = new byte[entries.Length];
            for (int i = 0; i < entries.Length; i++)
            {
                rgb[i] = (byte)(entries[i] >> shift);
            }

            return rgb;
        }

        bool ybr = PhotometricInterpretation is "YBR_FULL" or "YBR_FULL_422";
        if (SamplesPerPixel != 3 || BitsAllocated != 8 || !(ybr || PhotometricInterpretation == "RGB"))
        {
            throw new DicomFormatException(File.Source, -1, DicomTag.PhotometricInterpretation,
                $"RGB conversion needs 8-bit RGB or YBR_FULL(_422) data, not {PhotometricInterpretation} with {SamplesPerPixel} sample(s) of {BitsAllocated} bits");
        }

        byte[] frame = GetFrame(index);
        if (ybr)
        {
            YbrFullToRgb(frame);
        }

        return frame;
    }

    /// <summary>In-place YBR_FULL → RGB on interleaved 8-bit triplets.</summary>
    internal static void YbrFullToRgb(Span<byte> pixels)
    {
        for (int i = 0; i + 2 < pixels.Length; i += 3)
        {
            double y = pixels[i];
            double cb = pixels[i + 1] - 128.0;
            double cr = pixels[i + 2] - 128.0;
            pixels[i] = Clamp(y + (1.402 * cr));
            pixels[i + 1] = Clamp(y - (CbToGreen * cb) - (CrToGreen * cr));
            pixels[i + 2] = Clamp(y + (1.772 * cb));
        }
    }

    private const double CbToGreen = 0.114 * 1.772 / 0.587;
    private const double CrToGreen = 0.299 * 1.402 / 0.587;

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Floor(value + 0.5), 0, 255);
}
