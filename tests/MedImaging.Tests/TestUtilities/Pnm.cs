using System.Text;
using MedImaging.Dicom.Codecs;
using MedImaging.Dicom.Codecs.Jpeg2000;

namespace MedImaging.Tests.TestUtilities;

/// <summary>Binary PGM/PPM images (reference inputs and decoder outputs of the JPEG 2000 tests).</summary>
internal static class Pnm
{
    /// <summary>Reads a binary PGM/PPM (P5/P6; 16-bit samples big-endian) written by the testdata generators, opj_decompress or ojph_expand.</summary>
    public static (int[] Values, DicomFrameInfo Frame) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[pos]) || bytes[pos] == '#')
            {
                if (bytes[pos] == '#')
                {
                    while (bytes[pos] != '\n')
                    {
                        pos++;
                    }
                }

                pos++;
            }

            int start = pos;
            while (!char.IsWhiteSpace((char)bytes[pos]))
            {
                pos++;
            }

            return Encoding.ASCII.GetString(bytes, start, pos - start);
        }

        string magic = Token();
        int width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        int height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        int maxval = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        pos++;
        int spp = magic == "P6" ? 3 : 1;
        int bits = 32 - int.LeadingZeroCount(maxval);
        int count = width * height * spp;
        int[] values = maxval > 255
            ? [.. Enumerable.Range(0, count).Select(i => (bytes[pos + (2 * i)] << 8) | bytes[pos + (2 * i) + 1])]
            : [.. Enumerable.Range(0, count).Select(i => (int)bytes[pos + i])];
        return (values, new DicomFrameInfo(height, width, spp, bits > 8 ? 16 : 8, bits, false, spp == 3 ? "RGB" : "MONOCHROME2"));
    }

    /// <summary>Decodes one frame with <paramref name="uid"/>'s codec and returns its samples (sign-extended when signed).</summary>
    public static int[] Decode(byte[] codestream, DicomFrameInfo frame, string uid)
    {
        var destination = new byte[frame.NativeFrameBytes];
        new Jpeg2000Codec(uid).Decode(codestream, frame, destination);
        if (frame.BytesPerSample == 1)
        {
            return [.. destination.Select(b => frame.IsSigned ? (sbyte)b : (int)b)];
        }

        return [.. Enumerable.Range(0, destination.Length / 2).Select(i => frame.IsSigned
            ? (short)(destination[2 * i] | (destination[(2 * i) + 1] << 8))
            : destination[2 * i] | (destination[(2 * i) + 1] << 8))];
    }
}
