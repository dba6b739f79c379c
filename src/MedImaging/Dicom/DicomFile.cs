using System.Buffers.Binary;
using System.IO.Compression;

namespace MedImaging.Dicom;

/// <summary>
/// A DICOM file: its File Meta Information (group 0002), its dataset and transfer syntax. Reads Part 10 files
/// (preamble + "DICM"), Part 10 files without preamble, and meta-less/ACR-NEMA files (the encoding is guessed from
/// the first element); implicit/explicit VR little endian, explicit VR big endian and deflated datasets.
/// </summary>
public sealed partial class DicomFile
{
    /// <summary>The first part of a file read for a header-only read; CT and most MR headers fit.</summary>
    private const int FirstHeaderChunk = 4 * 1024;

    private DicomFile(string source, DicomDataset meta, DicomDataset dataset, DicomTransferSyntax transferSyntax, bool hasPreamble, long pixelDataOffset)
    {
        Source = source;
        FileMetaInformation = meta;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        HasPreamble = hasPreamble;
        PixelDataOffset = pixelDataOffset;
    }

    /// <summary>The file path (or buffer description) named in error messages.</summary>
    public string Source { get; }

    /// <summary>The File Meta Information (group 0002); empty for meta-less files.</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The main dataset.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the dataset was read in (from (0002,0010), or guessed for meta-less files).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>True when the file began with the 128-byte preamble and "DICM".</summary>
    public bool HasPreamble { get; }

    /// <summary>
    /// When the read stopped before the pixel data (<see cref="DicomReadOptions.StopBeforePixelData"/>), the byte
    /// offset of its element tag in the file (or inflated stream); else -1.
    /// </summary>
    public long PixelDataOffset { get; }

    /// <summary>
    /// Where the pixel data value lies in the file, when a header-only read of a file on disk found its element header;
    /// else null. Lets a later pixel read go straight to the bytes (<see cref="Series.DicomSeriesReader"/>).
    /// </summary>
    internal DicomPixelDataExtent? PixelDataExtent { get; private set; }

    /// <summary>Reads a file. With <see cref="DicomReadOptions.StopBeforePixelData"/> only the header part is loaded.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DicomFormatException">The file is not DICOM or is corrupt; the message names file, offset and tag.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= DicomReadOptions.Default;
        if (!options.StopBeforePixelData)
        {
            return Open(File.ReadAllBytes(path), path, options);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long length = stream.Length;
        byte[] buffer = HeaderBuffer((int)Math.Min(length, FirstHeaderChunk));
        stream.ReadExactly(buffer);
        DicomFile file;
        while (true)
        {
            try
            {
                file = Parse(buffer, path, length, options);
                break;
            }
            catch (DicomParser.NeedMoreDataException)
            {
                // Headers are mostly 1–20 KiB (CT ≈ 1 KiB; Siemens CSA ≈ 17 KiB): grow 8-fold, then take the whole file.
                long next = Math.Min(length, buffer.Length * 8L);
                if (next > int.MaxValue)
                {
                    throw new DicomFormatException(path, buffer.Length, null, $"the header does not fit in the first {buffer.Length} bytes and the file ({length} bytes) is too large to load");
                }

                byte[] larger = HeaderBuffer((int)next);
                buffer.CopyTo(larger, 0);
                stream.ReadExactly(larger.AsSpan(buffer.Length));
                buffer = larger;
            }
        }

        if (file.PixelDataOffset >= 0)
        {
            file.PixelDataExtent = DicomPixelDataExtent.Locate(buffer, file.PixelDataOffset, file.TransferSyntax, length, File.GetLastWriteTimeUtc(stream.SafeFileHandle));
        }

        return file;
    }

    /// <summary>
    /// A header-only read's buffer outlives the read (element values are slices of it, and a series scan keeps
    /// thousands of headers): it goes to the pinned object heap, which the GC never copies, instead of being copied
    /// from generation to generation.
    /// </summary>
    private static byte[] HeaderBuffer(int length) => GC.AllocateUninitializedArray<byte>(length, pinned: true);

    /// <summary>Reads a file already in memory. Element values are slices of <paramref name="bytes"/> (not copied).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">A name for messages.</param>
    /// <param name="options">Read options.</param>
    /// <exception cref="DicomFormatException">The data is not DICOM or is corrupt.</exception>
    public static DicomFile Open(ReadOnlyMemory<byte> bytes, string source = "buffer", DicomReadOptions? options = null) =>
        Parse(bytes, source, bytes.Length, options ?? DicomReadOptions.Default);

    private static DicomFile Parse(ReadOnlyMemory<byte> bytes, string source, long fileLength, DicomReadOptions options)
    {
        ReadOnlySpan<byte> span = bytes.Span;
        bool preamble = span.Length >= 132 && span.Slice(128, 4).SequenceEqual("DICM"u8);
        var parser = new DicomParser(bytes, source, fileLength, options);
        var meta = new DicomDataset(source);
        int start = preamble ? 132 : 0;
        if (span.Length - start >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(span[start..]) == 0x0002)
        {
            parser.Position = start;
            parser.SetEncoding(LooksExplicit(span, start), false);
            parser.ParseTopLevel(meta, static tag => tag.Group != 0x0002);
            start = parser.Position;
        }
        else if (!preamble && !LooksLikeDataset(span))
        {
            throw new DicomFormatException(source, 0, null, "not a DICOM file: no 'DICM' at offset 128 and the first bytes are not a DICOM element");
        }

        DicomTransferSyntax ts = meta.TryGetString(DicomTag.TransferSyntaxUid, out string? uid) && uid.Length > 0
            ? DicomTransferSyntax.Lookup(uid)
            : Guess(span, start);
        ReadOnlyMemory<byte> body = bytes;
        long bodyLength = fileLength;
        if (ts.IsDeflated)
        {
            if (fileLength > bytes.Length)
            {
                throw new DicomParser.NeedMoreDataException();
            }

            body = Inflate(bytes[start..], source, start, options);
            bodyLength = body.Length;
            start = 0;
        }

        var dataParser = new DicomParser(body, source, bodyLength, options) { Position = start };
        dataParser.SetEncoding(ts.IsExplicitVR, ts.IsBigEndian);
        var dataset = new DicomDataset(source);
        Func<DicomTag, bool>? stop = options.StopBeforePixelData ? IsPixelData : null;
        dataParser.ParseTopLevel(dataset, stop);
        return new DicomFile(source, meta, dataset, ts, preamble, dataParser.StoppedAtPixelData);
    }

    private static bool IsPixelData(DicomTag tag) => tag.Group == 0x7FE0 && tag.Element is 0x0010 or 0x0008 or 0x0009;

    /// <summary>True when bytes 4–5 after <paramref name="at"/> spell a VR (explicit VR encoding).</summary>
    private static bool LooksExplicit(ReadOnlySpan<byte> span, int at) =>
        span.Length >= at + 6 && DicomVRs.FromCode(span[at + 4], span[at + 5]) is not null;

    private static bool LooksLikeDataset(ReadOnlySpan<byte> span)
    {
        if (span.Length < 8)
        {
            return false;
        }

        ushort le = BinaryPrimitives.ReadUInt16LittleEndian(span);
        ushort be = BinaryPrimitives.ReadUInt16BigEndian(span);
        return (le is > 0 and <= 0x0010) || (be is > 0 and <= 0x0010);
    }

    /// <summary>
    /// Guesses the encoding of a meta-less dataset (or one whose meta lacks the transfer syntax) from its first
    /// element: the byte order from which reading of the group number is small, explicit VR when bytes 4–5 spell a VR.
    /// </summary>
    private static DicomTransferSyntax Guess(ReadOnlySpan<byte> span, int at)
    {
        if (span.Length - at < 8)
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        ushort le = BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);
        ushort be = BinaryPrimitives.ReadUInt16BigEndian(span[at..]);
        bool bigEndian = be < le;
        bool explicitVR = LooksExplicit(span, at);
        return (bigEndian, explicitVR) switch
        {
            (true, _) => DicomTransferSyntax.ExplicitVRBigEndian,
            (false, true) => DicomTransferSyntax.ExplicitVRLittleEndian,
            _ => DicomTransferSyntax.ImplicitVRLittleEndian,
        };
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> deflated, string source, int offset, DicomReadOptions options)
    {
        try
        {
            using var input = new MemoryStream(deflated.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            byte[] block = new byte[81920];
            int read;
            while ((read = inflater.Read(block)) > 0)
            {
                if (output.Length + read > options.MaxInflatedBytes)
                {
                    throw new DicomFormatException(source, offset, null, $"deflated dataset inflates past {options.MaxInflatedBytes} bytes");
                }

                output.Write(block, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException(source, offset, null, "deflated dataset is not a valid deflate stream", ex);
        }
    }
}
