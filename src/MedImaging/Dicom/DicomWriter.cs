using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <summary>
/// Writes Part 10 files in Explicit VR Little Endian: 128-byte preamble, "DICM", File Meta Information with a
/// correct group length, then the dataset with values padded to even length (space for text, NUL for UI and binary),
/// group-length elements recomputed, sequences and items of undefined length, encapsulated pixel data kept as
/// fragments. Big-endian values are byte-swapped on the way out.
/// </summary>
public static class DicomWriter
{
    /// <summary>Our Implementation Class UID (a UUID-derived 2.25 UID) written into (0002,0012).</summary>
    public const string ImplementationClassUid = "2.25.37518307953622143844333657495114372594";

    /// <summary>Our Implementation Version Name written into (0002,0013).</summary>
    public const string ImplementationVersionName = "MEDIMAGING_1";

    /// <summary>Writes <paramref name="dataset"/> as a Part 10 file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="dataset">The dataset; its SOP Class and Instance UIDs go into the file meta.</param>
    /// <param name="transferSyntax">The transfer syntax to record; only explicit VR little endian encodings are
    /// written (native, or an encapsulated syntax whose fragments are kept); null means Explicit VR Little Endian.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="dataset"/> is null.</exception>
    /// <exception cref="ArgumentException">A big-endian, implicit or deflated transfer syntax was requested.</exception>
    /// <exception cref="IOException">The file cannot be created or written.</exception>
    public static void Write(string path, DicomDataset dataset, DicomTransferSyntax? transferSyntax = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(stream, dataset, transferSyntax);
    }

    /// <summary>Writes <paramref name="dataset"/> as a Part 10 stream.</summary>
    /// <param name="stream">The stream to write to, from its current position.</param>
    /// <param name="dataset">The dataset; its SOP Class and Instance UIDs go into the file meta.</param>
    /// <param name="transferSyntax">As for <see cref="Write(string, DicomDataset, DicomTransferSyntax?)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="dataset"/> is null.</exception>
    /// <exception cref="ArgumentException">A big-endian, implicit or deflated transfer syntax was requested.</exception>
    public static void Write(Stream stream, DicomDataset dataset, DicomTransferSyntax? transferSyntax = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        DicomTransferSyntax ts = transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian;
        if (!ts.IsExplicitVR || ts.IsBigEndian || ts.IsDeflated)
        {
            throw new ArgumentException($"the writer writes explicit VR little endian only, not {ts}", nameof(transferSyntax));
        }

        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        var meta = new MemoryStream();
        WriteElement(meta, Text(DicomTag.FileMetaInformationVersion, DicomVR.OB, [0, 1]));
        WriteElement(meta, Text(DicomTag.MediaStorageSOPClassUid, DicomVR.UI, Ascii(dataset.GetStringOrDefault(DicomTag.SOPClassUid) ?? string.Empty)));
        WriteElement(meta, Text(DicomTag.MediaStorageSOPInstanceUid, DicomVR.UI, Ascii(dataset.GetStringOrDefault(DicomTag.SOPInstanceUid) ?? string.Empty)));
        WriteElement(meta, Text(DicomTag.TransferSyntaxUid, DicomVR.UI, Ascii(ts.Uid)));
        WriteElement(meta, Text(DicomTag.ImplementationClassUid, DicomVR.UI, Ascii(ImplementationClassUid)));
        WriteElement(meta, Text(DicomTag.ImplementationVersionName, DicomVR.SH, Ascii(ImplementationVersionName)));
        byte[] length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
        WriteElement(stream, new DicomElement(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, length));
        meta.WriteTo(stream);
        WriteDataset(stream, dataset, PixelWidth(dataset));
    }

    private static DicomElement Text(DicomTag tag, DicomVR vr, byte[] value) => new(tag, vr, value);

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static int PixelWidth(DicomDataset dataset) => Math.Max(1, dataset.GetInt32OrDefault(DicomTag.BitsAllocated, 8) / 8);

    private static void WriteDataset(Stream stream, DicomDataset dataset, int pixelWidth)
    {
        IReadOnlyList<DicomElement> elements = dataset.Elements;
        int i = 0;
        while (i < elements.Count)
        {
            ushort group = elements[i].Tag.Group;
            var body = new MemoryStream();
            bool hasGroupLength = false;
            for (; i < elements.Count && elements[i].Tag.Group == group; i++)
            {
                DicomElement e = elements[i];
                if (e.Tag.Element == 0x0000)
                {
                    hasGroupLength = true;
                }
                else if (e.Tag.Group != 0x0002 && e.Tag.Group != 0xFFFE)
                {
                    WriteElement(body, e, pixelWidth);
                }
            }

            if (hasGroupLength)
            {
                byte[] length = new byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)body.Length);
                WriteElement(stream, new DicomElement(new DicomTag(group, 0x0000), DicomVR.UL, length));
            }

            body.WriteTo(stream);
        }
    }

    private static void WriteElement(Stream stream, DicomElement element, int pixelWidth = 1)
    {
        if (element.Items is { } items)
        {
            WriteHeader(stream, element.Tag, DicomVR.SQ, 0xFFFFFFFF);
            foreach (DicomDataset item in items)
            {
                WriteItemHeader(stream, 0xE000, 0xFFFFFFFF);
                WriteDataset(stream, item, pixelWidth);
                WriteItemHeader(stream, 0xE00D, 0);
            }

            WriteItemHeader(stream, 0xE0DD, 0);
            return;
        }

        if (element.Fragments is { } fragments)
        {
            WriteHeader(stream, element.Tag, DicomVR.OB, 0xFFFFFFFF);
            WriteFragment(stream, fragments.BasicOffsetTable.Span);
            foreach (ReadOnlyMemory<byte> fragment in fragments.Items)
            {
                WriteFragment(stream, fragment.Span);
            }

            WriteItemHeader(stream, 0xE0DD, 0);
            return;
        }

        byte[] value = LittleEndianValue(element, pixelWidth);
        int padded = value.Length + (value.Length & 1);
        DicomVR vr = element.VR == DicomVR.None ? DicomVR.UN : element.VR;
        if (!DicomVRs.HasLongLength(vr) && padded > ushort.MaxValue)
        {
            vr = DicomVR.UN;
        }

        WriteHeader(stream, element.Tag, vr, (uint)padded);
        stream.Write(value);
        if (padded != value.Length)
        {
            stream.WriteByte(DicomVRs.PaddingByte(vr));
        }
    }

    private static byte[] LittleEndianValue(DicomElement element, int pixelWidth)
    {
        byte[] value = element.RawValue.ToArray();
        int width = element.Tag == DicomTag.PixelData ? pixelWidth : DicomVRs.ValueSize(element.VR);
        if (element.IsBigEndian && width > 1 && !DicomVRs.IsString(element.VR) && element.VR is not (DicomVR.OB or DicomVR.UN))
        {
            for (int i = 0; i + width <= value.Length; i += width)
            {
                value.AsSpan(i, width).Reverse();
            }
        }

        return value;
    }

    private static void WriteFragment(Stream stream, ReadOnlySpan<byte> fragment)
    {
        int padded = fragment.Length + (fragment.Length & 1);
        WriteItemHeader(stream, 0xE000, (uint)padded);
        stream.Write(fragment);
        if (padded != fragment.Length)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteHeader(Stream stream, DicomTag tag, DicomVR vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        string code = vr.ToString();
        header[4] = (byte)code[0];
        header[5] = (byte)code[1];
        if (DicomVRs.HasLongLength(vr))
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
            stream.Write(header[..8]);
        }
    }

    private static void WriteItemHeader(Stream stream, ushort element, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        stream.Write(header);
    }
}
