using System.Collections.Frozen;

namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Codecs keyed by transfer syntax UID. <see cref="Default"/> holds our pure-managed decoders (RLE, JPEG lossless,
/// JPEG baseline/extended, JPEG-LS, deflated frames, JPEG 2000 and HTJ2K); new codecs (JPEG 2000) plug in with <see cref="With"/>.
/// Immutable: adding returns a new registry.
/// </summary>
public sealed class DicomCodecRegistry
{
    private readonly FrozenDictionary<string, IDicomCodec> _codecs;

    private DicomCodecRegistry(IEnumerable<IDicomCodec> codecs)
    {
        var map = new Dictionary<string, IDicomCodec>(StringComparer.Ordinal);
        foreach (IDicomCodec codec in codecs)
        {
            foreach (string uid in codec.TransferSyntaxUids)
            {
                map[uid] = codec;
            }
        }

        _codecs = map.ToFrozenDictionary(StringComparer.Ordinal);
        Codecs = [.. codecs];
    }

    /// <summary>The built-in codecs.</summary>
    public static DicomCodecRegistry Default { get; } = new([new RleCodec(), new JpegCodec(), new JpegLsCodec(), new DeflatedFrameCodec(),
        new Jpeg2000.Jpeg2000Codec(Jpeg2000.Jpeg2000Codec.LosslessUid), new Jpeg2000.Jpeg2000Codec(Jpeg2000.Jpeg2000Codec.LossyUid),
        new Jpeg2000.Jpeg2000Codec(Jpeg2000.Jpeg2000Codec.HtLosslessUid), new Jpeg2000.Jpeg2000Codec(Jpeg2000.Jpeg2000Codec.HtRpclLosslessUid),
        new Jpeg2000.Jpeg2000Codec(Jpeg2000.Jpeg2000Codec.HtUid)]);

    /// <summary>The registered codecs.</summary>
    public IReadOnlyList<IDicomCodec> Codecs { get; }

    /// <summary>A registry with <paramref name="codec"/> added (it wins for the syntaxes it names).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="codec"/> is null.</exception>
    public DicomCodecRegistry With(IDicomCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new DicomCodecRegistry([.. Codecs, codec]);
    }

    /// <summary>The codec for a transfer syntax.</summary>
    /// <exception cref="DicomCodecException">No codec decodes this transfer syntax (the message names it).</exception>
    public IDicomCodec Get(string transferSyntaxUid) =>
        _codecs.TryGetValue(transferSyntaxUid, out IDicomCodec? codec)
            ? codec
            : throw new DicomCodecException(transferSyntaxUid, "no decoder for this transfer syntax is available in MedImaging yet");

    /// <summary>True when a codec is registered for the transfer syntax.</summary>
    public bool CanDecode(string transferSyntaxUid) => _codecs.ContainsKey(transferSyntaxUid);
}
