using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <content>Segmented palette tables (PS3.3 C.7.9.2).</content>
public sealed partial class DicomPaletteLut
{
    private static ushort[] ExpandSegmented(DicomDataset dataset, DicomElement element, int bitsPerEntry, int entries)
    {
        ReadOnlySpan<byte> raw = element.RawValue.Span;
        int width = bitsPerEntry / 8;
        var words = new ushort[raw.Length / width];
        for (int i = 0; i < words.Length; i++)
        {
            ReadOnlySpan<byte> w = raw.Slice(i * width, width);
            words[i] = width == 1 ? w[0] : element.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(w) : BinaryPrimitives.ReadUInt16LittleEndian(w);
        }

        try
        {
            ushort[] table = ExpandSegments(words, entries);
            return table.Length == entries ? table
                : throw dataset.Error(element.Tag, $"segments expand to {table.Length} entries, the descriptor says {entries}", element.Offset);
        }
        catch (FormatException ex)
        {
            throw dataset.Error(element.Tag, ex.Message, element.Offset);
        }
    }

    /// <summary>
    /// Expands discrete (type 0: n, then n entries) and linear (type 1: n, then y1; n entries from the previous entry
    /// y0 to y1) segments. Linear entries are y0 + step + i·(y1 − y0 − step)/(n − 1) with step = (y1 − y0)/n, rounded
    /// half to even — the arithmetic of pydicom's expansion, so both give the same integers. Stops after
    /// <paramref name="maximum"/> entries.
    /// </summary>
    /// <exception cref="FormatException">A truncated segment, a linear segment first, or an indirect/unknown segment type.</exception>
    internal static ushort[] ExpandSegments(ReadOnlySpan<ushort> words, int maximum)
    {
        var lut = new List<ushort>();
        int at = 0;
        while (at + 1 < words.Length && lut.Count <= maximum)
        {
            int opcode = words[at], length = words[at + 1];
            at += 2;
            if (opcode == 0)
            {
                if (at + length > words.Length)
                {
                    throw new FormatException($"discrete segment at word {at - 2} needs {length} entries, {words.Length - at} remain");
                }

                lut.AddRange(words.Slice(at, length));
                at += length;
            }
            else if (opcode == 1)
            {
                if (lut.Count == 0 || at >= words.Length)
                {
                    throw new FormatException($"linear segment at word {at - 2} has no previous entry or no end value");
                }

                double y0 = lut[^1], y1 = words[at++];
                double step = (y1 - y0) / length;
                double delta = length > 1 ? (y1 - (y0 + step)) / (length - 1) : 0;
                for (int i = 0; i < length; i++)
                {
                    lut.Add((ushort)Math.Round(y0 + step + (i * delta), MidpointRounding.ToEven));
                }
            }
            else
            {
                throw new FormatException($"segment type {opcode} at word {at - 2} is not supported (0 discrete and 1 linear are)");
            }
        }

        return [.. lut];
    }
}
