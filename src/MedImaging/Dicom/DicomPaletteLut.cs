using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <summary>
/// The Red, Green and Blue Palette Color Lookup Tables of a PALETTE COLOR image (PS3.3 C.7.6.3.1.5–6): descriptor
/// (0028,1101–1103) = entry count (0 means 65536), first mapped stored value (signed when PixelRepresentation is 1),
/// bits per entry (8 or 16); data (0028,1201–1203). Like pydicom's <c>apply_color_lut</c>, the width of an entry is
/// taken from the data length (one byte per entry, or one 16-bit word per entry) and entries are returned as stored.
/// Segmented tables (0028,1221–1223) are expanded when the plain ones are absent (discrete and linear segments).
/// </summary>
public sealed partial class DicomPaletteLut
{
    private readonly ushort[][] _tables;

    private DicomPaletteLut(int entryCount, int firstMappedValue, int bitsPerEntry, ushort[][] tables)
    {
        EntryCount = entryCount;
        FirstMappedValue = firstMappedValue;
        BitsPerEntry = bitsPerEntry;
        _tables = tables;
    }

    /// <summary>Entries per table (1..65536).</summary>
    public int EntryCount { get; }

    /// <summary>The stored pixel value mapped to entry 0; smaller values map to entry 0, larger ones past the end to the last entry.</summary>
    public int FirstMappedValue { get; }

    /// <summary>Bits per entry from the Red descriptor's third value (8 or 16).</summary>
    public int BitsPerEntry { get; }

    /// <summary>The red table, <see cref="EntryCount"/> entries as stored.</summary>
    public ReadOnlySpan<ushort> Red => _tables[0];

    /// <summary>The green table, <see cref="EntryCount"/> entries as stored.</summary>
    public ReadOnlySpan<ushort> Green => _tables[1];

    /// <summary>The blue table, <see cref="EntryCount"/> entries as stored.</summary>
    public ReadOnlySpan<ushort> Blue => _tables[2];

    /// <summary>Reads the three tables of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The image's dataset.</param>
    /// <param name="signedIndex">True when PixelRepresentation is 1: the first mapped value is then a 16-bit signed number.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="DicomFormatException">A descriptor or table is absent, segmented, of the wrong length, or the three disagree.</exception>
    public static DicomPaletteLut Read(DicomDataset dataset, bool signedIndex)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        DicomTag[] descriptors = [DicomTag.RedPaletteColorLookupTableDescriptor, DicomTag.GreenPaletteColorLookupTableDescriptor, DicomTag.BluePaletteColorLookupTableDescriptor];
        DicomTag[] data = [DicomTag.RedPaletteColorLookupTableData, DicomTag.GreenPaletteColorLookupTableData, DicomTag.BluePaletteColorLookupTableData];
        int[] red = Descriptor(dataset, descriptors[0]);
        int entries = red[0] == 0 ? 65536 : red[0];
        int first = signedIndex ? (short)(ushort)red[1] : (ushort)red[1];
        if (red[2] is not (8 or 16))
        {
            throw dataset.Error(descriptors[0], $"bits per entry is {red[2]}, not 8 or 16");
        }

        var tables = new ushort[3][];
        for (int c = 0; c < 3; c++)
        {
            int[] d = Descriptor(dataset, descriptors[c]);
            if (d[0] != red[0] || d[1] != red[1])
            {
                throw dataset.Error(descriptors[c], $"entry count/first mapped value ({d[0]}, {d[1]}) differ from the red descriptor's ({red[0]}, {red[1]})");
            }

            tables[c] = Table(dataset, data[c], entries, red[2]);
        }

        return new DicomPaletteLut(entries, first, red[2], tables);
    }

    /// <summary>The table entry index of a stored value: clamped to 0..<see cref="EntryCount"/> − 1 after subtracting <see cref="FirstMappedValue"/>.</summary>
    public int IndexOf(long storedValue) => (int)Math.Clamp(storedValue - FirstMappedValue, 0, EntryCount - 1);

    private static int[] Descriptor(DicomDataset dataset, DicomTag tag)
    {
        if (!dataset.Contains(tag))
        {
            throw dataset.Error(tag, "PALETTE COLOR data needs the palette color lookup table descriptors");
        }

        int[] values = dataset.GetInt32s(tag);
        return values.Length == 3 ? values : throw dataset.Error(tag, $"descriptor has {values.Length} values, not 3");
    }

    private static ushort[] Table(DicomDataset dataset, DicomTag tag, int entries, int bitsPerEntry)
    {
        var segmentedTag = new DicomTag(tag.Group, (ushort)(tag.Element + 0x20));
        if (dataset.GetElement(tag) is not { } element)
        {
            return dataset.GetElement(segmentedTag) is { } segmented
                ? ExpandSegmented(dataset, segmented, bitsPerEntry, entries)
                : throw dataset.Error(tag, "the palette color lookup table data is absent");
        }

        ReadOnlySpan<byte> raw = element.RawValue.Span;
        var table = new ushort[entries];
        if (raw.Length == entries)
        {
            for (int i = 0; i < entries; i++)
            {
                table[i] = raw[i];
            }
        }
        else if (raw.Length == 2 * (long)entries)
        {
            for (int i = 0; i < entries; i++)
            {
                ReadOnlySpan<byte> word = raw.Slice(2 * i, 2);
                table[i] = element.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(word) : BinaryPrimitives.ReadUInt16LittleEndian(word);
            }
        }
        else
        {
            throw dataset.Error(tag, $"table holds {raw.Length} bytes; {entries} entries need {entries} or {2L * entries}", element.Offset);
        }

        return table;
    }
}
