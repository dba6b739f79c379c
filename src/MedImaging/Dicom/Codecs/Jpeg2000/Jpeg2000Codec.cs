namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 Part 1 decoder (ITU-T T.800) for JPEG 2000 Image Compression (Lossless Only) 1.2.840.10008.1.2.4.90
/// and JPEG 2000 Image Compression 1.2.840.10008.1.2.4.91: raw codestreams or JP2 files, reversible 5/3 and
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

    private readonly string _uid;

    /// <summary>Creates the decoder for one of the two JPEG 2000 transfer syntaxes (named in its error messages).</summary>
    /// <param name="transferSyntaxUid"><see cref="LosslessUid"/> or <see cref="LossyUid"/>.</param>
    public Jpeg2000Codec(string transferSyntaxUid)
    {
        if (transferSyntaxUid is not (LosslessUid or LossyUid))
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
