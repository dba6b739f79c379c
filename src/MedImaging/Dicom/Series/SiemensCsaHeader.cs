using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MedImaging.Dicom.Series;

/// <summary>
/// The Siemens CSA header (a private binary blob, e.g. (0029,1010) "CSA Image Header Info"): named elements, each with
/// a list of text values. Both layouts are read: "SV10" (CSA2: magic, 4 bytes, element count, 4 bytes) and the older
/// CSA1 (element count at byte 0). Every length is checked against the blob before it is used.
/// </summary>
internal sealed class SiemensCsaHeader
{
    /// <summary>(0029,1010): CSA Image Header Info (private creator "SIEMENS CSA HEADER").</summary>
    public static readonly DicomTag ImageHeaderInfo = new(0x0029, 0x1010);

    // Name (64) + VM, VR (4 chars), SyngoDT, item count, marker: 4 bytes each.
    private const int ElementHeaderBytes = 84;
    private const int ItemHeaderBytes = 16;

    // A real image header has ~100 elements of at most a few items; far larger counts mean a corrupt blob.
    private const int MaxCount = 100_000;

    private readonly Dictionary<string, string[]> _elements;

    private SiemensCsaHeader(Dictionary<string, string[]> elements) => _elements = elements;

    /// <summary>The element names found, in header order.</summary>
    public IReadOnlyCollection<string> Names => _elements.Keys;

    /// <summary>Reads the CSA image header of a dataset; null when the dataset has no (0029,1010).</summary>
    /// <exception cref="DicomFormatException">The blob is truncated or inconsistent (names the tag and byte offset).</exception>
    public static SiemensCsaHeader? FromDataset(DicomDataset dataset, string path)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        DicomElement? element = dataset.GetElement(ImageHeaderInfo);
        return element is null || element.RawValue.IsEmpty ? null : Parse(element.RawValue.Span, path, element.Offset);
    }

    /// <summary>Parses a CSA blob; <paramref name="elementOffset"/> is its element's file offset, for messages.</summary>
    /// <exception cref="DicomFormatException">The blob is truncated or inconsistent.</exception>
    public static SiemensCsaHeader Parse(ReadOnlySpan<byte> data, string path, long elementOffset)
    {
        int pos = data.Length >= 4 && data[..4].SequenceEqual("SV10"u8) ? 8 : 0;
        int count = ReadCount(data, pos, path, elementOffset, "element count");
        pos += 8;
        var elements = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int e = 0; e < count; e++)
        {
            Require(data, pos, ElementHeaderBytes, path, elementOffset, "element header");
            string name = Text(data.Slice(pos, 64));
            int vm = BinaryPrimitives.ReadInt32LittleEndian(data[(pos + 64)..]);
            int items = ReadCount(data, pos + 76, path, elementOffset, $"item count of '{name}'");
            pos += ElementHeaderBytes;
            var values = new List<string>();
            for (int i = 0; i < items; i++)
            {
                Require(data, pos, ItemHeaderBytes, path, elementOffset, $"item header of '{name}'");
                int length = BinaryPrimitives.ReadInt32LittleEndian(data[(pos + 4)..]);
                if (length < 0 || length > data.Length)
                {
                    throw Corrupt(path, elementOffset, pos + 4, $"item length {length} of '{name}' is impossible in a {data.Length}-byte header");
                }

                pos += ItemHeaderBytes;
                Require(data, pos, length, path, elementOffset, $"value of '{name}'");
                // Only the first VM items carry values; the rest are empty placeholders.
                if (i < vm)
                {
                    values.Add(Text(data.Slice(pos, length)));
                }

                pos += (length + 3) / 4 * 4;
            }

            elements.TryAdd(name, [.. values]);
        }

        return new SiemensCsaHeader(elements);
    }

    /// <summary>The element's non-empty text values, or an empty array when absent.</summary>
    public IReadOnlyList<string> Values(string name) =>
        _elements.TryGetValue(name, out string[]? v) ? [.. v.Where(s => s.Length > 0)] : [];

    /// <summary>The element's values as numbers, or null when absent, empty or not all numeric.</summary>
    public double[]? Doubles(string name)
    {
        IReadOnlyList<string> text = Values(name);
        var result = new double[text.Count];
        for (int i = 0; i < text.Count; i++)
        {
            if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
            {
                return null;
            }
        }

        return result.Length == 0 ? null : result;
    }

    private static int ReadCount(ReadOnlySpan<byte> data, int pos, string path, long elementOffset, string what)
    {
        Require(data, pos, 4, path, elementOffset, what);
        int count = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
        return count is >= 0 and <= MaxCount ? count : throw Corrupt(path, elementOffset, pos, $"{what} {count} is out of range 0..{MaxCount}");
    }

    private static void Require(ReadOnlySpan<byte> data, int pos, int length, string path, long elementOffset, string what)
    {
        if (pos < 0 || length < 0 || (long)pos + length > data.Length)
        {
            throw Corrupt(path, elementOffset, pos, $"{what} ({length} bytes) runs past the end of the {data.Length}-byte CSA header");
        }
    }

    private static DicomFormatException Corrupt(string path, long elementOffset, int pos, string problem) =>
        new(path, elementOffset < 0 ? pos : elementOffset + pos, ImageHeaderInfo,
            string.Create(CultureInfo.InvariantCulture, $"corrupt Siemens CSA header at byte {pos} of the value: {problem}"));

    private static string Text(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? bytes : bytes[..end]).Trim();
    }
}
