namespace MedImaging.Dicom.Codecs;

/// <summary>
/// What a codec needs to know about one frame: its dimensions and sample layout (from the Image Pixel module).
/// </summary>
/// <param name="Rows">Rows (height).</param>
/// <param name="Columns">Columns (width).</param>
/// <param name="SamplesPerPixel">Samples per pixel (1 grey, 3 colour).</param>
/// <param name="BitsAllocated">Bits allocated per sample (1, 8, 16, 32, 64).</param>
/// <param name="BitsStored">Bits stored per sample.</param>
/// <param name="IsSigned">PixelRepresentation = 1.</param>
/// <param name="PhotometricInterpretation">E.g. MONOCHROME2, RGB, YBR_FULL_422.</param>
public sealed record DicomFrameInfo(int Rows, int Columns, int SamplesPerPixel, int BitsAllocated, int BitsStored, bool IsSigned, string PhotometricInterpretation)
{
    /// <summary>Bytes per sample in a native frame (1 for 1-bit data, which is packed; see <see cref="NativeFrameBytes"/>).</summary>
    public int BytesPerSample => BitsAllocated <= 8 ? 1 : (BitsAllocated + 7) / 8;

    /// <summary>Values in one frame: rows × columns × samples.</summary>
    public long ValueCount => (long)Rows * Columns * SamplesPerPixel;

    /// <summary>Bytes of one native (uncompressed) frame; packed bits for 1-bit data.</summary>
    public long NativeFrameBytes => BitsAllocated == 1 ? (ValueCount + 7) / 8 : ValueCount * BytesPerSample;
}

/// <summary>
/// A pixel-data decoder for one or more transfer syntaxes. A codec turns one frame's codestream (all its fragments
/// already joined) into a native little-endian frame with interleaved samples (planar configuration 0).
/// </summary>
public interface IDicomCodec
{
    /// <summary>The transfer syntax UIDs this codec decodes.</summary>
    IReadOnlyList<string> TransferSyntaxUids { get; }

    /// <summary>Decodes one frame.</summary>
    /// <param name="encoded">The frame's codestream.</param>
    /// <param name="frame">The frame's layout from the dataset.</param>
    /// <param name="destination">Exactly <see cref="DicomFrameInfo.NativeFrameBytes"/> bytes: little-endian samples, interleaved.</param>
    /// <exception cref="DicomCodecException">The codestream is corrupt or uses a feature the codec lacks.</exception>
    void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination);
}
