using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <summary>
/// Finds which fragments of encapsulated pixel data make up a frame (PS3.5 A.4): the Extended Offset Table
/// (7FE0,0001/0002) when present, else the Basic Offset Table, else one frame per fragment, else (for one frame)
/// all fragments joined, else frame starts detected from JPEG/JPEG 2000 start markers.
/// </summary>
internal static class DicomFrameLocator
{
    /// <summary>The joined codestream of frame <paramref name="index"/>.</summary>
    public static byte[] FrameCodestream(DicomFile file, DicomFragments fragments, int frames, int index)
    {
        IReadOnlyList<ReadOnlyMemory<byte>> items = fragments.Items;
        if (items.Count == 0)
        {
            throw new DicomFormatException(file.Source, -1, DicomTag.PixelData, "encapsulated pixel data has no fragments");
        }

        (int first, int count) = Locate(file, fragments, frames, index);
        return Join(items, first, count);
    }

    private static (int First, int Count) Locate(DicomFile file, DicomFragments fragments, int frames, int index)
    {
        IReadOnlyList<ReadOnlyMemory<byte>> items = fragments.Items;
        long[]? offsets = ExtendedOffsets(file.Dataset) ?? BasicOffsets(fragments.BasicOffsetTable.Span);
        if (offsets is not null && offsets.Length == frames)
        {
            // Offsets count from the first fragment's item tag; each fragment occupies 8 + length bytes.
            long[] starts = new long[items.Count];
            for (int i = 1; i < items.Count; i++)
            {
                starts[i] = starts[i - 1] + 8 + items[i - 1].Length;
            }

            int first = Array.IndexOf(starts, offsets[index]);
            int next = index + 1 < frames ? Array.IndexOf(starts, offsets[index + 1]) : items.Count;
            if (first < 0 || next <= first)
            {
                throw new DicomFormatException(file.Source, -1, DicomTag.PixelData, $"offset table entry {index} ({offsets[index]}) does not point at a fragment");
            }

            return (first, next - first);
        }

        if (frames == 1)
        {
            return (0, items.Count);
        }

        if (items.Count == frames)
        {
            return (index, 1);
        }

        List<int> startsAtMarker = [];
        for (int i = 0; i < items.Count; i++)
        {
            ReadOnlySpan<byte> f = items[i].Span;
            if (f.Length >= 2 && f[0] == 0xFF && f[1] is 0xD8 or 0x4F)
            {
                startsAtMarker.Add(i);
            }
        }

        if (startsAtMarker.Count == frames && startsAtMarker[0] == 0)
        {
            int end = index + 1 < frames ? startsAtMarker[index + 1] : items.Count;
            return (startsAtMarker[index], end - startsAtMarker[index]);
        }

        throw new DicomFormatException(file.Source, -1, DicomTag.PixelData,
            $"{items.Count} fragments for {frames} frames and no offset table to tell which belong to which frame");
    }

    private static long[]? ExtendedOffsets(DicomDataset ds)
    {
        DicomElement? table = ds.GetElement(DicomTag.ExtendedOffsetTable);
        if (table is null || table.RawValue.Length < 8)
        {
            return null;
        }

        ReadOnlySpan<byte> s = table.RawValue.Span;
        long[] offsets = new long[s.Length / 8];
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(s[(8 * i)..]);
        }

        return offsets;
    }

    private static long[]? BasicOffsets(ReadOnlySpan<byte> table)
    {
        if (table.Length < 4)
        {
            return null;
        }

        long[] offsets = new long[table.Length / 4];
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(table[(4 * i)..]);
        }

        return offsets;
    }

    private static byte[] Join(IReadOnlyList<ReadOnlyMemory<byte>> items, int first, int count)
    {
        if (count == 1)
        {
            return items[first].ToArray();
        }

        long total = 0;
        for (int i = first; i < first + count; i++)
        {
            total += items[i].Length;
        }

        byte[] joined = new byte[total];
        int at = 0;
        for (int i = first; i < first + count; i++)
        {
            items[i].Span.CopyTo(joined.AsSpan(at));
            at += items[i].Length;
        }

        return joined;
    }
}
