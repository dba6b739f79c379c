using System.Buffers.Binary;
using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// Writes small DICOMDIR files whose hierarchy the test states: records in the given sequence order, each linked to
/// the records named by <see cref="Record.Next"/> / <see cref="Record.Lower"/> (indices) through real byte offsets.
/// The offsets are found by scanning the written bytes for the item tags and offset elements (not by our parser), then
/// patched in place; <see cref="SetOffset"/> writes any value, for hostile files.
/// </summary>
internal static class DicomDirectoryFixture
{
    /// <summary>One directory record: type, file ID components, and the indices of the next and lower records (-1: none).</summary>
    public sealed record Record(string Type, string[]? FileId = null, int Next = -1, int Lower = -1, bool InUse = true);

    private static readonly byte[] ItemStart = [0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF];

    /// <summary>
    /// The DICOMDIR bytes: <paramref name="first"/> is the root record index (-1 writes offset 0); without
    /// <paramref name="withOffsets"/> no offset element is written at all (a sequence-order DICOMDIR).
    /// </summary>
    public static byte[] Build(IReadOnlyList<Record> records, int first = 0, bool withOffsets = true)
    {
        var ds = new DicomDataset();
        Add(ds, DicomTag.FileSetID, DicomVR.CS, "FIXTURE");
        if (withOffsets)
        {
            ds.AddOrReplace(UL(DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 0));
            ds.AddOrReplace(UL(DicomTag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, 0));
        }

        var items = new List<DicomDataset>();
        foreach (Record r in records)
        {
            var item = new DicomDataset();
            if (withOffsets)
            {
                item.AddOrReplace(UL(DicomTag.OffsetOfTheNextDirectoryRecord, 0));
                item.AddOrReplace(UL(DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity, 0));
            }

            byte[] flag = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(flag, r.InUse ? (ushort)0xFFFF : (ushort)0);
            item.AddOrReplace(new DicomElement(DicomTag.RecordInUseFlag, DicomVR.US, flag));
            Add(item, DicomTag.DirectoryRecordType, DicomVR.CS, r.Type);
            if (r.FileId is { } id)
            {
                Add(item, DicomTag.ReferencedFileID, DicomVR.CS, string.Join('\\', id));
            }

            items.Add(item);
        }

        ds.AddOrReplace(new DicomElement(DicomTag.DirectoryRecordSequence, items));
        using var stream = new MemoryStream();
        DicomWriter.Write(stream, ds);
        byte[] bytes = stream.ToArray();
        if (withOffsets)
        {
            long[] at = RecordOffsets(bytes);
            SetOffset(bytes, -1, 0x1200, first < 0 ? 0 : (uint)at[first]);
            for (int i = 0; i < records.Count; i++)
            {
                SetOffset(bytes, i, 0x1400, records[i].Next < 0 ? 0 : (uint)at[records[i].Next]);
                SetOffset(bytes, i, 0x1420, records[i].Lower < 0 ? 0 : (uint)at[records[i].Lower]);
            }
        }

        return bytes;
    }

    /// <summary>File offsets of the record items (each written with undefined length by DicomWriter).</summary>
    public static long[] RecordOffsets(byte[] bytes)
    {
        var offsets = new List<long>();
        for (int i = bytes.AsSpan().IndexOf(ItemStart); i >= 0;)
        {
            offsets.Add(i);
            int next = bytes.AsSpan(i + 1).IndexOf(ItemStart);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return [.. offsets];
    }

    /// <summary>
    /// Writes <paramref name="value"/> into the UL element (0004,<paramref name="element"/>) of record
    /// <paramref name="record"/> (-1: the top-level dataset); returns the element's value offset.
    /// </summary>
    public static long SetOffset(byte[] bytes, int record, ushort element, uint value)
    {
        long start = record < 0 ? 0 : RecordOffsets(bytes)[record];
        byte[] header = [0x04, 0x00, (byte)element, (byte)(element >> 8), (byte)'U', (byte)'L', 4, 0];
        int at = (int)start + bytes.AsSpan((int)start).IndexOf(header) + header.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        return at;
    }

    private static DicomElement UL(DicomTag tag, uint value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return new DicomElement(tag, DicomVR.UL, b);
    }

    private static void Add(DicomDataset ds, DicomTag tag, DicomVR vr, string value) =>
        ds.AddOrReplace(new DicomElement(tag, vr, Encoding.ASCII.GetBytes(value)));
}
