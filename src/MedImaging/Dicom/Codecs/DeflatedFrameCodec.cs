using System.IO.Compression;

namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Deflated Image Frame Compression (1.2.840.10008.1.2.8.1, DICOM 2023): each frame is the native frame compressed
/// with deflate (RFC 1951; a zlib wrapper is accepted too).
/// </summary>
public sealed class DeflatedFrameCodec : IDicomCodec
{
    private const string Uid = "1.2.840.10008.1.2.8.1";

    /// <inheritdoc/>
    public IReadOnlyList<string> TransferSyntaxUids { get; } = [Uid];

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination)
    {
        bool zlib = encoded.Length >= 2 && (encoded[0] & 0x0F) == 8 && ((encoded[0] << 8) | encoded[1]) % 31 == 0;
        try
        {
            using var input = new MemoryStream(encoded.ToArray(), writable: false);
            using Stream inflater = zlib ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
            int total = 0;
            int read;
            while (total < destination.Length && (read = inflater.Read(destination[total..])) > 0)
            {
                total += read;
            }

            if (total < destination.Length)
            {
                throw new DicomCodecException(Uid, $"frame inflates to {total} bytes, {destination.Length} expected");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DicomCodecException(Uid, "frame is not a valid deflate stream", ex);
        }
    }
}
