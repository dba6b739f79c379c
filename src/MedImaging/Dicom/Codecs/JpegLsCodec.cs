namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Our pure-managed JPEG-LS decoder (ITU-T T.87 / ISO/IEC 14495-1) for JPEG-LS Lossless (1.2.840.10008.1.2.4.80)
/// and Near-Lossless (.81): SOF55 frames of 2–16 bits and any number of components, scans in all three interleave
/// modes with any NEAR, LSE preset coding parameters (MAXVAL, T1–T3, RESET; defaults per C.2.4.1.1), restart
/// markers, and the scan's point transform (decoded values shifted left by Pt). Components are returned as coded,
/// without colour conversion. Mapping tables (LSE types 2–3) and the HP colour transforms of CharLS's APP8 marker
/// are not supported and are reported as such.
/// </summary>
public sealed class JpegLsCodec : IDicomCodec
{
    private const string LosslessUid = "1.2.840.10008.1.2.4.80";
    private const string NearLosslessUid = "1.2.840.10008.1.2.4.81";

    /// <inheritdoc/>
    public IReadOnlyList<string> TransferSyntaxUids { get; } = [LosslessUid, NearLosslessUid];

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var state = new FrameState();
        try
        {
            Parse(encoded, frame, destination, state);
        }
        catch (JpegLsDataException ex)
        {
            throw new DicomCodecException(state.Near > 0 ? NearLosslessUid : LosslessUid, $"JPEG-LS codestream: {ex.Message}", ex);
        }
    }

    private static void Parse(ReadOnlySpan<byte> data, DicomFrameInfo frame, Span<byte> destination, FrameState state)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new JpegLsDataException("the frame does not start with an SOI marker (FFD8)");
        }

        if (destination.Length < frame.NativeFrameBytes)
        {
            throw new JpegLsDataException($"the destination holds {destination.Length} bytes, the frame needs {frame.NativeFrameBytes}");
        }

        int position = 2;
        while (true)
        {
            if (position + 1 >= data.Length)
            {
                break;
            }

            if (data[position] != 0xFF)
            {
                throw new JpegLsDataException($"expected a marker at byte {position}, found 0x{data[position]:X2}");
            }

            int code = data[position + 1];
            position += 2;
            if (code == 0xFF)
            {
                position--; // fill byte before a marker
                continue;
            }

            if (code == 0xD9)
            {
                break;
            }

            if (code is >= 0xD0 and <= 0xD8 or 0x01)
            {
                throw new JpegLsDataException($"unexpected marker FF{code:X2} at byte {position - 2}");
            }

            int length = SegmentLength(data, position, code);
            ReadOnlySpan<byte> segment = data.Slice(position + 2, length - 2);
            switch (code)
            {
                case 0xF7:
                    ReadFrameHeader(segment, frame, state);
                    break;
                case 0xF8:
                    ReadPresetParameters(segment, state);
                    break;
                case 0xDD:
                    state.RestartInterval = ReadUnsigned(segment, 0, segment.Length, "DRI");
                    break;
                case 0xDA:
                    position = DecodeScan(data, position + length, segment, frame, destination, state);
                    continue;
                case 0xE8 when segment.Length >= 5 && segment[..4].SequenceEqual("mrfx"u8) && segment[4] != 0:
                    throw new JpegLsDataException($"the CharLS colour transform HP{segment[4]} (APP8 'mrfx') is not supported");
                case >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC:
                    throw new JpegLsDataException($"SOF marker FF{code:X2} is not a JPEG-LS frame (FFF7)");
                default:
                    break; // APPn, COM and other segments carry nothing the decoder needs
            }

            position += length;
        }

        if (state.Components == 0 || state.Decoded.Contains(false))
        {
            throw new JpegLsDataException(state.Components == 0 ? "the codestream has no SOF55 frame header" : "the codestream ends before every component was decoded");
        }
    }

    private static int SegmentLength(ReadOnlySpan<byte> data, int position, int code)
    {
        if (position + 2 > data.Length)
        {
            throw new JpegLsDataException($"marker FF{code:X2} at byte {position - 2} has no length field");
        }

        int length = (data[position] << 8) | data[position + 1];
        if (length < 2 || position + length > data.Length)
        {
            throw new JpegLsDataException($"marker FF{code:X2} at byte {position - 2} declares {length} bytes, {data.Length - position} remain");
        }

        return length;
    }

    private static int ReadUnsigned(ReadOnlySpan<byte> segment, int offset, int bytes, string what)
    {
        if (bytes is < 1 or > 3 || offset + bytes > segment.Length)
        {
            throw new JpegLsDataException($"the {what} segment is too short");
        }

        int value = 0;
        for (int i = 0; i < bytes; i++)
        {
            value = (value << 8) | segment[offset + i];
        }

        return value;
    }

    private static void ReadFrameHeader(ReadOnlySpan<byte> segment, DicomFrameInfo frame, FrameState state)
    {
        if (state.Components != 0)
        {
            throw new JpegLsDataException("the codestream has a second frame header");
        }

        if (segment.Length < 6 || segment.Length != 6 + (3 * segment[5]))
        {
            throw new JpegLsDataException($"the SOF55 segment of {segment.Length} bytes does not match its component count");
        }

        state.Precision = segment[0];
        int height = (segment[1] << 8) | segment[2];
        int width = (segment[3] << 8) | segment[4];
        state.Components = segment[5];
        if (state.Precision is < 2 or > 16 || state.Precision > 8 * frame.BytesPerSample || frame.BitsAllocated is not (8 or 16))
        {
            throw new JpegLsDataException($"{state.Precision}-bit JPEG-LS samples cannot be stored with BitsAllocated {frame.BitsAllocated}");
        }

        if (width != frame.Columns || height != frame.Rows || state.Components != frame.SamplesPerPixel)
        {
            throw new JpegLsDataException($"the frame header is {width}x{height}x{state.Components}, the dataset says {frame.Columns}x{frame.Rows}x{frame.SamplesPerPixel}");
        }

        state.Ids = new int[state.Components];
        state.Decoded = new bool[state.Components];
        for (int i = 0; i < state.Components; i++)
        {
            state.Ids[i] = segment[6 + (3 * i)];
            if (segment[7 + (3 * i)] != 0x11)
            {
                throw new JpegLsDataException($"component {state.Ids[i]} is subsampled (H/V 0x{segment[7 + (3 * i)]:X2}); only 1x1 is supported");
            }
        }
    }

    private static void ReadPresetParameters(ReadOnlySpan<byte> segment, FrameState state)
    {
        if (segment.Length < 1)
        {
            throw new JpegLsDataException("the LSE segment is empty");
        }

        if (segment[0] != 1)
        {
            throw new JpegLsDataException($"LSE parameter type {segment[0]} (mapping tables or oversize dimensions) is not supported");
        }

        if (segment.Length != 11)
        {
            throw new JpegLsDataException($"the LSE preset parameter segment has {segment.Length} bytes instead of 11");
        }

        state.Preset = (ReadUnsigned(segment, 1, 2, "LSE"), ReadUnsigned(segment, 3, 2, "LSE"), ReadUnsigned(segment, 5, 2, "LSE"),
            ReadUnsigned(segment, 7, 2, "LSE"), ReadUnsigned(segment, 9, 2, "LSE"));
    }

    private static int DecodeScan(ReadOnlySpan<byte> data, int dataStart, ReadOnlySpan<byte> segment, DicomFrameInfo frame, Span<byte> destination, FrameState state)
    {
        if (state.Components == 0)
        {
            throw new JpegLsDataException("a scan precedes the SOF55 frame header");
        }

        int count = segment.Length > 0 ? segment[0] : 0;
        if (count < 1 || segment.Length != 4 + (2 * count))
        {
            throw new JpegLsDataException($"the SOS segment of {segment.Length} bytes does not match its {count} component(s)");
        }

        int near = segment[1 + (2 * count)];
        int interleave = segment[2 + (2 * count)];
        int pointTransform = segment[3 + (2 * count)] & 0x0F;
        state.Near = Math.Max(state.Near, near);
        if (interleave > 2 || (interleave == 0 && count != 1) || pointTransform >= state.Precision)
        {
            throw new JpegLsDataException($"scan with {count} component(s), interleave mode {interleave} and point transform {pointTransform} is invalid");
        }

        int[] components = new int[count];
        for (int i = 0; i < count; i++)
        {
            int index = Array.IndexOf(state.Ids, (int)segment[1 + (2 * i)]);
            if (index < 0 || state.Decoded[index] || segment[2 + (2 * i)] != 0)
            {
                throw new JpegLsDataException($"scan component {segment[1 + (2 * i)]} is unknown, repeated or uses a mapping table");
            }

            components[i] = index;
            state.Decoded[index] = true;
        }

        JpegLsParameters parameters = JpegLsParameters.Create(state.Precision - pointTransform, near, state.Preset);
        var layout = new JpegLsScanLayout(frame.Columns, frame.Rows, count == 1 ? 0 : interleave, components,
            state.Components, frame.BytesPerSample, pointTransform, state.RestartInterval);
        var decoder = new JpegLsScanDecoder(data, dataStart, parameters);
        return decoder.Decode(layout, destination);
    }

    private sealed class FrameState
    {
        public int Precision { get; set; }

        public int Components { get; set; }

        public int[] Ids { get; set; } = [];

        public bool[] Decoded { get; set; } = [];

        public int Near { get; set; }

        public int RestartInterval { get; set; }

        public (int MaxVal, int T1, int T2, int T3, int Reset) Preset { get; set; }
    }
}
