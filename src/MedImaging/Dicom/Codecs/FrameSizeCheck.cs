using System.Buffers.Binary;

namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Checks, before a frame buffer is allocated, that a codestream can be the frame the dataset describes: the
/// dimensions in a JPEG / JPEG-LS frame header (SOFn) or a JPEG 2000 SIZ segment must be Rows × Columns, and an RLE
/// frame cannot expand more than PackBits allows (2 bytes → 128). A hostile Rows/Columns thus fails on the header,
/// not with a buffer of gigabytes.
/// </summary>
internal static class FrameSizeCheck
{
    private const string RleUid = "1.2.840.10008.1.2.5";

    /// <summary>A PackBits replicate run codes at most 128 bytes in 2: 64 native bytes per encoded byte.</summary>
    private const long MaxRleRatio = 64;

    /// <summary>Throws <see cref="DicomCodecException"/> when <paramref name="encoded"/> cannot decode to <paramref name="frame"/>.</summary>
    public static void Check(string transferSyntaxUid, ReadOnlySpan<byte> encoded, DicomFrameInfo frame)
    {
        if (transferSyntaxUid == RleUid)
        {
            if (frame.NativeFrameBytes > (encoded.Length * MaxRleRatio) + 64)
            {
                throw new DicomCodecException(transferSyntaxUid, FormattableString.Invariant(
                    $"an RLE frame of {encoded.Length} bytes decodes to at most {encoded.Length * MaxRleRatio} bytes, the dataset's {frame.Columns}x{frame.Rows}x{frame.SamplesPerPixel} frame needs {frame.NativeFrameBytes}"));
            }

            return;
        }

        if (TryReadDimensions(encoded, out int width, out int height, out string header) && (width != frame.Columns || height != frame.Rows))
        {
            throw new DicomCodecException(transferSyntaxUid, FormattableString.Invariant($"the {header} says {width}x{height}, the dataset says {frame.Columns}x{frame.Rows}"));
        }
    }

    private static bool TryReadDimensions(ReadOnlySpan<byte> s, out int width, out int height, out string header)
    {
        width = height = 0;
        header = string.Empty;
        if (s.Length >= 24 && s[0] == 0xFF && s[1] == 0x4F && s[2] == 0xFF && s[3] == 0x51)
        {
            // SIZ (ISO 15444-1 A.5.1): Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz; the image is Xsiz − XOsiz by Ysiz − YOsiz.
            long x = (long)BinaryPrimitives.ReadUInt32BigEndian(s[8..]) - BinaryPrimitives.ReadUInt32BigEndian(s[16..]);
            long y = (long)BinaryPrimitives.ReadUInt32BigEndian(s[12..]) - BinaryPrimitives.ReadUInt32BigEndian(s[20..]);
            width = (int)Math.Clamp(x, int.MinValue, int.MaxValue);
            height = (int)Math.Clamp(y, int.MinValue, int.MaxValue);
            header = "JPEG 2000 SIZ segment";
            return true;
        }

        if (s.Length < 4 || s[0] != 0xFF || s[1] != 0xD8)
        {
            return false;
        }

        // JPEG markers (ITU T.81 B.1.1): each segment after SOI is FF marker, 2-byte length; stop at the first SOFn
        // (C0–CF except DHT C4, JPG C8, DAC CC) or JPEG-LS SOF55 (F7), give up at the first scan.
        int at = 2;
        while (at + 4 <= s.Length && s[at] == 0xFF)
        {
            byte marker = s[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if ((marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC)) || marker == 0xF7)
            {
                if (at + 9 > s.Length)
                {
                    return false;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(s[(at + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(s[(at + 7)..]);
                header = "JPEG frame header";
                return height != 0; // 0: the height comes later in a DNL marker
            }

            if (marker == 0xDA)
            {
                return false;
            }

            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(s[(at + 2)..]);
        }

        return false;
    }
}
