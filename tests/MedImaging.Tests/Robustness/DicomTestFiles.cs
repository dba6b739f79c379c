using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// Small valid DICOM inputs for the mutation suites, and the byte structure of a file (element, item and fragment
/// boundaries; their VR and length fields) found by walking it, so every length the parser trusts gets attacked.
/// </summary>
internal static class DicomTestFiles
{
    /// <summary>A 16-bit MONOCHROME2 image of <paramref name="rows"/> × <paramref name="columns"/> (value 37·i mod 4096) in <paramref name="syntax"/>.</summary>
    public static byte[] Native(DicomTransferSyntax syntax, int rows, int columns)
    {
        byte[] pixels = new byte[rows * columns * 2];
        for (int i = 0; i < rows * columns; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(2 * i), (ushort)(37 * i % 4096));
        }

        DicomDataset ds = ImageDataset(rows, columns, frames: 1);
        ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
        byte[] explicitLe = Write(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        return syntax.IsDeflated ? Deflate(explicitLe, syntax.Uid) : explicitLe;
    }

    /// <summary>A file whose pixel data is the given frames, one fragment each, with a Basic Offset Table.</summary>
    public static byte[] Encapsulated(IReadOnlyList<byte[]> frames, string transferSyntaxUid, int rows, int columns)
    {
        byte[] table = new byte[4 * frames.Count];
        uint offset = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4 * f), offset);
            offset += 8 + (uint)frames[f].Length;
        }

        DicomDataset ds = ImageDataset(rows, columns, frames.Count);
        ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OB, new DicomFragments(table, [.. frames.Select(f => (ReadOnlyMemory<byte>)f)])));
        return Write(ds, DicomTransferSyntax.Lookup(transferSyntaxUid));
    }

    /// <summary>
    /// RLE Lossless frames (PS3.5 Annex G) of 16-bit values 37·i + 1000·frame mod 4096: two byte-plane segments each,
    /// coded with literal and replicate runs so both PackBits branches are exercised.
    /// </summary>
    public static List<byte[]> RleFrames(int rows, int columns, int frames)
    {
        var result = new List<byte[]>();
        for (int f = 0; f < frames; f++)
        {
            byte[] high = new byte[rows * columns], low = new byte[rows * columns];
            for (int i = 0; i < rows * columns; i++)
            {
                int value = ((37 * i) + (1000 * f)) % 4096;
                high[i] = (byte)(value >> 8);
                low[i] = (byte)value;
            }

            byte[] first = PackBits(high), second = PackBits(low);
            byte[] frame = new byte[64 + first.Length + second.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(frame, 2);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), 64 + (uint)first.Length);
            first.CopyTo(frame, 64);
            second.CopyTo(frame, 64 + first.Length);
            result.Add(frame);
        }

        return result;
    }

    /// <summary>
    /// The file rewritten (explicit VR little endian, its own transfer syntax) with each Image Pixel attribute removed,
    /// then set to hostile values: zero and huge sizes, frame counts beyond the data, unusual bit depths and layouts.
    /// </summary>
    public static IEnumerable<MutatedInput> AttributeVariants(byte[] valid)
    {
        DicomTag[] pixelTags = [DicomTag.Rows, DicomTag.Columns, DicomTag.BitsAllocated, DicomTag.BitsStored, DicomTag.HighBit, DicomTag.SamplesPerPixel,
            DicomTag.PixelRepresentation, DicomTag.PlanarConfiguration, DicomTag.NumberOfFrames, DicomTag.PhotometricInterpretation];
        int[] hostile = [0, 1, 3, 8, 12, 16, 32, 64, 255, 0x7FFF, 0xFFFF];
        foreach (DicomTag tag in pixelTags)
        {
            yield return Variant(valid, $"remove {tag.ToDisplayString()}", ds => ds.Remove(tag));
            if (tag == DicomTag.NumberOfFrames)
            {
                foreach (string frames in new[] { "0", "-1", "3", "1000", "2147483647", "99999999999", "x" })
                {
                    yield return Variant(valid, $"NumberOfFrames='{frames}'", ds => Text(ds, tag, DicomVR.IS, frames));
                }
            }
            else if (tag == DicomTag.PhotometricInterpretation)
            {
                foreach (string photometric in new[] { "RGB", "YBR_FULL_422", "PALETTE COLOR", "MONOCHROME1", "" })
                {
                    yield return Variant(valid, $"Photometric='{photometric}'", ds => Text(ds, tag, DicomVR.CS, photometric));
                }
            }
            else
            {
                foreach (int value in hostile)
                {
                    yield return Variant(valid, $"{tag.ToDisplayString()}={value}", ds => UShort(ds, tag, value));
                }
            }
        }

        yield return Variant(valid, "Rows=Columns=65535", ds =>
        {
            UShort(ds, DicomTag.Rows, 0xFFFF);
            UShort(ds, DicomTag.Columns, 0xFFFF);
        });
        yield return Variant(valid, "Rows=Columns=65535, 64-bit, 4 samples", ds =>
        {
            UShort(ds, DicomTag.Rows, 0xFFFF);
            UShort(ds, DicomTag.Columns, 0xFFFF);
            UShort(ds, DicomTag.BitsAllocated, 64);
            UShort(ds, DicomTag.BitsStored, 64);
            UShort(ds, DicomTag.HighBit, 63);
            UShort(ds, DicomTag.SamplesPerPixel, 4);
        });
        yield return Variant(valid, "3 samples, planar", ds =>
        {
            UShort(ds, DicomTag.SamplesPerPixel, 3);
            UShort(ds, DicomTag.PlanarConfiguration, 1);
            Text(ds, DicomTag.PhotometricInterpretation, DicomVR.CS, "RGB");
        });
    }

    /// <summary>
    /// The file rewritten with each Specific Character Set (single-byte, UTF-8, GB18030, ISO 2022 with escapes, unknown,
    /// garbage) and a PatientName of hostile bytes: invalid UTF-8, cut multi-byte characters, cut or unknown escape
    /// sequences, and seeded random bytes.
    /// </summary>
    public static IEnumerable<MutatedInput> CharacterSetVariants(byte[] valid, int seed)
    {
        string[] charsets = ["ISO_IR 100", "ISO_IR 192", "GB18030", "GBK", "ISO 2022 IR 87", "ISO 2022 IR 149", @"\ISO 2022 IR 87\ISO 2022 IR 159", @"ISO_IR 13\ISO 2022 IR 87", "ISO_IR 999", @"\\\", "\u00FF\u00FE"];
        var random = new Random(seed);
        byte[][] names =
        [
            [0xC3], [0xE6, 0x82], [0xF0, 0x9F, 0x98], [0xFF, 0xFE, 0xFD, 0xFC], [0x1B, 0x24], [0x1B, 0x24, 0x42, 0x30],
            [0x1B, 0x28, 0x4A, 0x41, 0x1B, 0x24, 0x29, 0x43, 0xB1, 0xE6], [0x1B, 0x25, 0x47, 0x41], [0x81, 0x30, 0x81], [0x5C, 0x3D, 0x5E, 0x1B],
            .. Enumerable.Range(0, 8).Select(_ => { byte[] b = new byte[1 + random.Next(40)]; random.NextBytes(b); return b; }),
        ];
        foreach (string charset in charsets)
        {
            foreach (byte[] name in names)
            {
                yield return Variant(valid, $"charset '{charset}', PatientName {Convert.ToHexString(name)}", ds =>
                {
                    Text(ds, DicomTag.SpecificCharacterSet, DicomVR.CS, charset);
                    ds.AddOrReplace(new DicomElement(DicomTag.PatientName, DicomVR.PN, name.Length % 2 == 0 ? name : [.. name, 0x20]));
                });
            }
        }
    }

    /// <summary>
    /// Element, item and fragment boundaries of a Part 10 file and the fields worth attacking (VR codes, 2- and 4-byte
    /// lengths, offset-table entries), found by walking the file with the VR rules of its transfer syntax. Deflated
    /// files expose only their file meta.
    /// </summary>
    public static (List<Field> Fields, List<int> Boundaries) Structure(byte[] bytes)
    {
        DicomFile file = DicomFile.Open(bytes, "structure");
        var fields = new List<Field>();
        var boundaries = new List<int> { 0, 128, 132 };
        DicomTransferSyntax ts = file.TransferSyntax;
        Walk(bytes, file.FileMetaInformation, explicitVR: true, bigEndian: false, fields, boundaries);
        if (!ts.IsDeflated)
        {
            Walk(bytes, file.Dataset, ts.IsExplicitVR, ts.IsBigEndian, fields, boundaries);
        }
        else
        {
            int metaEnd = file.FileMetaInformation.Elements.Max(e => (int)e.Offset + 8 + e.RawValue.Length);
            boundaries.Add(metaEnd);
        }

        boundaries.Add(bytes.Length);
        return (fields, boundaries);
    }

    private static void Walk(byte[] bytes, DicomDataset dataset, bool explicitVR, bool bigEndian, List<Field> fields, List<int> boundaries)
    {
        foreach (DicomElement e in dataset.Elements.Where(e => e.Offset >= 0))
        {
            int at = (int)e.Offset;
            string name = e.Tag.ToDisplayString();
            boundaries.Add(at);
            bool longLength = !explicitVR || DicomVRs.HasLongLength(e.VR) || e.VR is DicomVR.SQ or DicomVR.UN or DicomVR.UT or DicomVR.UC or DicomVR.UR;
            int valueStart = !explicitVR ? at + 8 : longLength ? at + 12 : at + 8;
            if (explicitVR)
            {
                fields.Add(new Field(name + " VR", at + 4, 2));
            }

            fields.Add(longLength ? new Field(name + " length", valueStart - 4, 4, bigEndian) : new Field(name + " length", at + 6, 2, bigEndian));
            boundaries.Add(valueStart);
            if (e.Items is { } items)
            {
                foreach (DicomDataset item in items.Where(i => i.ItemOffset >= 0))
                {
                    boundaries.Add((int)item.ItemOffset);
                    fields.Add(new Field($"{name} item length", (int)item.ItemOffset + 4, 4, bigEndian));
                    Walk(bytes, item, explicitVR, bigEndian, fields, boundaries);
                }
            }
            else if (e.Fragments is not null)
            {
                Fragments(bytes, valueStart, name, fields, boundaries);
            }
            else
            {
                boundaries.Add(valueStart + e.RawValue.Length);
            }
        }
    }

    private static void Fragments(byte[] bytes, int at, string name, List<Field> fields, List<int> boundaries)
    {
        for (int index = 0; at >= 0 && at + 8 <= bytes.Length && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) == 0xFFFE; index++)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            boundaries.Add(at);
            boundaries.Add(at + 8);
            fields.Add(new Field($"{name} fragment {index} length", at + 4, 4));
            if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 2)) == 0xE0DD)
            {
                return;
            }

            for (int entry = 0; index == 0 && entry < Math.Min(length / 4, 4); entry++)
            {
                fields.Add(new Field($"{name} offset table entry {entry}", at + 8 + (4 * entry), 4));
            }

            at += 8 + (int)Math.Min(length, (uint)bytes.Length);
            boundaries.Add(at - 1);
        }
    }

    private static MutatedInput Variant(byte[] valid, string name, Action<DicomDataset> change)
    {
        DicomFile file = DicomFile.Open(valid, "valid");
        change(file.Dataset);
        return new MutatedInput(name, Write(file.Dataset, file.TransferSyntax.IsEncapsulated ? file.TransferSyntax : DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    private static DicomDataset ImageDataset(int rows, int columns, int frames)
    {
        var ds = new DicomDataset();
        Text(ds, DicomTag.SOPClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        Text(ds, DicomTag.SOPInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.10.1.1");
        Text(ds, DicomTag.PatientName, DicomVR.PN, "Hostile^Input");
        Text(ds, DicomTag.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        MedImaging.Tests.Dicom.Series.SelfMadeSeries.UInt16Image(ds, rows, columns, bitsStored: 12);
        return ds;
    }

    private static void Text(DicomDataset ds, DicomTag tag, DicomVR vr, string value) =>
        ds.AddOrReplace(new DicomElement(tag, vr, Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + (vr == DicomVR.UI ? "\0" : " "))));

    private static void UShort(DicomDataset ds, DicomTag tag, int value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        ds.AddOrReplace(new DicomElement(tag, DicomVR.US, bytes));
    }

    private static byte[] Write(DicomDataset ds, DicomTransferSyntax syntax)
    {
        using var stream = new MemoryStream();
        DicomWriter.Write(stream, ds, syntax);
        return stream.ToArray();
    }

    /// <summary>The explicit-LE file with its dataset deflated and a minimal file meta naming <paramref name="uid"/>.</summary>
    private static byte[] Deflate(byte[] explicitLe, string uid)
    {
        int metaEnd = 144 + (int)BinaryPrimitives.ReadUInt32LittleEndian(explicitLe.AsSpan(140));
        byte[] uidBytes = Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");
        using var stream = new MemoryStream();
        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        stream.Write([0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L', 4, 0]);
        stream.Write(BitConverter.GetBytes(8 + uidBytes.Length));
        stream.Write([0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', (byte)uidBytes.Length, 0]);
        stream.Write(uidBytes);
        using (var deflate = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(explicitLe.AsSpan(metaEnd));
        }

        return stream.ToArray();
    }

    private static byte[] PackBits(byte[] data)
    {
        // Replicate runs for repeats of 3 or more (the high byte plane), literal runs otherwise; runs of at most 128.
        var output = new List<byte>();
        int i = 0;
        while (i < data.Length)
        {
            int run = 1;
            while (i + run < data.Length && run < 128 && data[i + run] == data[i])
            {
                run++;
            }

            if (run >= 3)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(data[i]);
                i += run;
                continue;
            }

            int literal = 1;
            while (i + literal < data.Length && literal < 128 && !(i + literal + 2 < data.Length && data[i + literal] == data[i + literal + 1] && data[i + literal] == data[i + literal + 2]))
            {
                literal++;
            }

            output.Add((byte)(literal - 1));
            output.AddRange(data.AsSpan(i, literal).ToArray());
            i += literal;
        }

        if (output.Count % 2 == 1)
        {
            output.Add(0x80); // PackBits no-op, pads the segment to even length
        }

        return [.. output];
    }
}
