namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 decoder for JPEG 2000 Image Compression (Lossless Only) 1.2.840.10008.1.2.4.90, JPEG 2000 Image
/// Compression 1.2.840.10008.1.2.4.91 (ITU-T T.800, Part 1) and the High-Throughput JPEG 2000 syntaxes
/// 1.2.840.10008.1.2.4.201/.202/.203 (ITU-T T.814, Part 15: all code-blocks HT coded, one HT set per code-block,
/// mixed HT/Part 1 code-blocks refused). Raw codestreams or JP2 files, reversible 5/3 and
/// irreversible 9/7 wavelets, RCT/ICT colour, all five progression orders, precincts, layers and several tiles.
/// Region-of-interest shifts, progression-order changes, packed packet headers and subsampled components are
/// reported as unsupported.
/// </summary>
public sealed class Jpeg2000Codec : IDicomCodec
{
    /// <summary>JPEG 2000 Image Compression (Lossless Only).</summary>
    public const string LosslessUid = "1.2.840.10008.1.2.4.90";

    /// <summary>JPEG 2000 Image Compression (lossless or lossy).</summary>
    public const string LossyUid = "1.2.840.10008.1.2.4.91";

    /// <summary>High-Throughput JPEG 2000 Image Compression (Lossless Only).</summary>
    public const string HtLosslessUid = "1.2.840.10008.1.2.4.201";

    /// <summary>High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only).</summary>
    public const string HtRpclLosslessUid = "1.2.840.10008.1.2.4.202";

    /// <summary>High-Throughput JPEG 2000 Image Compression (lossless or lossy).</summary>
    public const string HtUid = "1.2.840.10008.1.2.4.203";

    private readonly string _uid;

    /// <summary>Creates the decoder for one of the JPEG 2000 transfer syntaxes (named in its error messages).</summary>
    /// <param name="transferSyntaxUid"><see cref="LosslessUid"/>, <see cref="LossyUid"/>, <see cref="HtLosslessUid"/>, <see cref="HtRpclLosslessUid"/> or <see cref="HtUid"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="transferSyntaxUid"/> is not one of the five JPEG 2000 UIDs.</exception>
    public Jpeg2000Codec(string transferSyntaxUid)
    {
        if (transferSyntaxUid is not (LosslessUid or LossyUid or HtLosslessUid or HtRpclLosslessUid or HtUid))
        {
            throw new ArgumentException($"'{transferSyntaxUid}' is not a JPEG 2000 transfer syntax", nameof(transferSyntaxUid));
        }

        _uid = transferSyntaxUid;
        TransferSyntaxUids = [transferSyntaxUid];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> TransferSyntaxUids { get; }

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination) =>
        Decode(encoded, frame, destination, _uid);

    /// <summary>Decodes one frame, naming <paramref name="transferSyntaxUid"/> in any error.</summary>
    /// <param name="encoded">The frame's codestream (fragments joined).</param>
    /// <param name="frame">The frame layout from the dataset.</param>
    /// <param name="destination">Exactly <see cref="DicomFrameInfo.NativeFrameBytes"/> bytes.</param>
    /// <param name="transferSyntaxUid">The dataset's transfer syntax, for error messages.</param>
    /// <exception cref="DicomCodecException">The codestream is corrupt, truncated or uses an unsupported feature.</exception>
    public static void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination, string transferSyntaxUid)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length != frame.NativeFrameBytes)
        {
            throw new DicomCodecException(transferSyntaxUid, $"destination holds {destination.Length} bytes, the frame needs {frame.NativeFrameBytes}");
        }

        try
        {
            J2kDecoder.Decode(encoded, frame, destination);
        }
        catch (InvalidDataException ex)
        {
            throw new DicomCodecException(transferSyntaxUid, "JPEG 2000 codestream: " + ex.Message, ex);
        }
    }
}
