using System.Buffers.Binary;

namespace MedImaging.Dicom.Codecs;

/// <summary>One component of a JPEG frame (T.81 B.2.2).</summary>
internal sealed class JpegComponent
{
    public int Id { get; init; }

    public int H { get; init; }

    public int V { get; init; }

    public int QuantTable { get; init; }

    public int DcTable { get; set; }

    public int AcTable { get; set; }

    /// <summary>Decoded samples (DCT: padded to whole MCUs; lossless: exactly width × height).</summary>
    public int[] Plane { get; set; } = [];

    public int PlaneWidth { get; set; }

    public int PlaneHeight { get; set; }
}

/// <summary>
/// Parses a JPEG codestream's markers (T.81 B): frame header, Huffman and quantisation tables, restart interval;
/// calls the scan decoder for every SOS.
/// </summary>
internal sealed class JpegFrame
{
    private readonly JpegHuffmanTable?[] _dc = new JpegHuffmanTable?[4];
    private readonly JpegHuffmanTable?[] _ac = new JpegHuffmanTable?[4];

    /// <summary>The frame the dataset describes (columns, rows, components); a frame header that differs is rejected before any plane is allocated.</summary>
    public (int Width, int Height, int Components)? Expected { get; init; }

    public int Process { get; private set; } = -1;

    public int Precision { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public List<JpegComponent> Components { get; } = [];

    public int[][] Quant { get; } = new int[4][];

    public int RestartInterval { get; private set; }

    public int MaxH => Components.Max(c => c.H);

    public int MaxV => Components.Max(c => c.V);

    /// <summary>DC table <paramref name="i"/>; a scan header's 4-bit selector may name 0–15, only 0–3 exist (T.81 B.2.3).</summary>
    public JpegHuffmanTable Dc(int i) => ((uint)i < 4 ? _dc[i] : null) ?? throw new JpegDataException($"DC Huffman table {i} used but not defined");

    /// <summary>AC table <paramref name="i"/>, as <see cref="Dc"/>.</summary>
    public JpegHuffmanTable Ac(int i) => ((uint)i < 4 ? _ac[i] : null) ?? throw new JpegDataException($"AC Huffman table {i} used but not defined");

    /// <summary>Walks the markers; <paramref name="scan"/> decodes each scan and returns the position after its data.</summary>
    public void Parse(ReadOnlySpan<byte> data, ScanDecoder scan)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new JpegDataException("the frame does not start with a JPEG SOI marker (FF D8)");
        }

        int pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                pos++;
                continue;
            }

            byte marker = data[pos + 1];
            if (marker is 0xFF or 0x00 or (>= 0xD0 and <= 0xD7) or 0x01)
            {
                pos += marker == 0xFF ? 1 : 2;
                continue;
            }

            if (marker == 0xD9)
            {
                return;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                throw new JpegDataException($"marker FF{marker:X2} segment length {length} runs past the end of the codestream");
            }

            ReadOnlySpan<byte> segment = data.Slice(pos + 4, length - 2);
            pos += 2 + length;
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC3:
                    ReadFrameHeader(marker - 0xC0, segment);
                    break;
                case >= 0xC2 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC:
                    throw new JpegDataException($"JPEG process SOF{marker - 0xC0} (progressive, hierarchical or arithmetic) is not supported");
                case 0xC4:
                    ReadHuffman(segment);
                    break;
                case 0xDB:
                    ReadQuant(segment);
                    break;
                case 0xDD:
                    RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xDA:
                    pos = scan(this, segment, data, pos);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Decodes one scan: header segment, whole codestream, position of the scan data; returns where it ended.</summary>
    public delegate int ScanDecoder(JpegFrame frame, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data, int position);

    /// <summary>Applies the scan header's table selections and returns the scan's components and Ss, Se, Al.</summary>
    public (List<JpegComponent> Components, int Ss, int Se, int Al) ReadScanHeader(ReadOnlySpan<byte> header)
    {
        int count = header[0];
        if (count < 1 || header.Length < 1 + (2 * count) + 3)
        {
            throw new JpegDataException("scan header is too short");
        }

        var scanComponents = new List<JpegComponent>(count);
        for (int i = 0; i < count; i++)
        {
            int id = header[1 + (2 * i)];
            JpegComponent c = Components.Find(x => x.Id == id) ?? throw new JpegDataException($"scan names component {id} which the frame lacks");
            c.DcTable = header[2 + (2 * i)] >> 4;
            c.AcTable = header[2 + (2 * i)] & 15;
            scanComponents.Add(c);
        }

        int at = 1 + (2 * count);
        return (scanComponents, header[at], header[at + 1], header[at + 2] & 15);
    }

    private void ReadFrameHeader(int process, ReadOnlySpan<byte> s)
    {
        Process = process;
        Precision = s[0];
        Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        int count = s[5];
        if (Width == 0 || Height == 0 || count is < 1 or > 4 || s.Length < 6 + (3 * count) || Precision is < 2 or > 16)
        {
            throw new JpegDataException($"unsupported frame header: {Width}x{Height}, {count} components, precision {Precision}");
        }

        if (Expected is { } e && (Width != e.Width || Height != e.Height || count != e.Components))
        {
            throw new JpegDataException($"codestream is {Width}x{Height}x{count}, the dataset says {e.Width}x{e.Height}x{e.Components}");
        }

        Components.Clear();
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> c = s.Slice(6 + (3 * i), 3);
            int h = c[1] >> 4;
            int v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4)
            {
                throw new JpegDataException($"component {c[0]} has sampling factors {h}x{v}");
            }

            Components.Add(new JpegComponent { Id = c[0], H = h, V = v, QuantTable = c[2] & 3 });
        }
    }

    private void ReadHuffman(ReadOnlySpan<byte> s)
    {
        while (s.Length >= 17)
        {
            int tc = s[0] >> 4;
            int th = s[0] & 3;
            ReadOnlySpan<byte> counts = s.Slice(1, 16);
            int total = 0;
            foreach (byte n in counts)
            {
                total += n;
            }

            if (s.Length < 17 + total)
            {
                throw new JpegDataException("Huffman table segment is too short");
            }

            var table = new JpegHuffmanTable(counts, s.Slice(17, total));
            if (tc == 0)
            {
                _dc[th] = table;
            }
            else
            {
                _ac[th] = table;
            }

            s = s[(17 + total)..];
        }
    }

    private void ReadQuant(ReadOnlySpan<byte> s)
    {
        while (s.Length >= 65)
        {
            bool sixteen = s[0] >> 4 != 0;
            int id = s[0] & 3;
            int size = sixteen ? 129 : 65;
            if (s.Length < size)
            {
                throw new JpegDataException("quantisation table segment is too short");
            }

            int[] table = new int[64];
            for (int k = 0; k < 64; k++)
            {
                // Tables arrive in zig-zag order; keep them in natural (row-major) order.
                table[JpegIdct.ZigZag[k]] = sixteen ? BinaryPrimitives.ReadUInt16BigEndian(s[(1 + (2 * k))..]) : s[1 + k];
            }

            Quant[id] = table;
            s = s[size..];
        }
    }
}
