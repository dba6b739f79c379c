using System.Buffers.Binary;

namespace MedImaging.Dicom.Codecs;

/// <summary>
/// RLE Lossless (1.2.840.10008.1.2.5, PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, one
/// PackBits-coded segment per byte plane per sample, most significant byte plane first.
/// </summary>
public sealed class RleCodec : IDicomCodec
{
    /// <inheritdoc/>
    public IReadOnlyList<string> TransferSyntaxUids { get; } = ["1.2.840.10008.1.2.5"];

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        const string Uid = "1.2.840.10008.1.2.5";
        if (encoded.Length < 64)
        {
            throw new DicomCodecException(Uid, $"RLE header needs 64 bytes, the frame has {encoded.Length}");
        }

        int segments = (int)BinaryPrimitives.ReadUInt32LittleEndian(encoded);
        int bytesPerSample = frame.BytesPerSample;
        int expected = frame.SamplesPerPixel * bytesPerSample;
        if (segments != expected || segments > 15)
        {
            throw new DicomCodecException(Uid, $"RLE header lists {segments} segments, {expected} expected for {frame.SamplesPerPixel} sample(s) of {frame.BitsAllocated} bits");
        }

        long pixels = frame.BitsAllocated == 1 ? frame.NativeFrameBytes : (long)frame.Rows * frame.Columns;
        int stride = expected;
        for (int s = 0; s < segments; s++)
        {
            uint start = BinaryPrimitives.ReadUInt32LittleEndian(encoded[(4 + (4 * s))..]);
            uint end = s + 1 < segments ? BinaryPrimitives.ReadUInt32LittleEndian(encoded[(8 + (4 * s))..]) : (uint)encoded.Length;
            if (start < 64 || start > end || end > encoded.Length)
            {
                throw new DicomCodecException(Uid, $"RLE segment {s} offsets {start}..{end} lie outside the {encoded.Length}-byte frame");
            }

            // Segment s holds sample s / bytesPerSample, byte plane (most significant first) s % bytesPerSample;
            // in the little-endian interleaved destination that byte sits at this offset within each pixel.
            int sample = s / bytesPerSample;
            int plane = bytesPerSample - 1 - (s % bytesPerSample);
            DecodeSegment(encoded[(int)start..(int)end], destination, (sample * bytesPerSample) + plane, stride, pixels);
        }
    }

    private static void DecodeSegment(ReadOnlySpan<byte> segment, Span<byte> destination, int offset, int stride, long count)
    {
        long written = 0;
        int i = 0;
        while (written < count && i < segment.Length)
        {
            int n = (sbyte)segment[i++];
            if (n >= 0)
            {
                int run = Math.Min(n + 1, segment.Length - i);
                for (int k = 0; k < run && written < count; k++)
                {
                    destination[(int)(offset + (written++ * stride))] = segment[i + k];
                }

                i += n + 1;
            }
            else if (n != -128 && i < segment.Length)
            {
                byte value = segment[i++];
                for (int k = 0; k < 1 - n && written < count; k++)
                {
                    destination[(int)(offset + (written++ * stride))] = value;
                }
            }
        }

        if (written < count)
        {
            throw new DicomCodecException("1.2.840.10008.1.2.5", $"RLE segment decodes to {written} bytes, {count} expected");
        }
    }
}
