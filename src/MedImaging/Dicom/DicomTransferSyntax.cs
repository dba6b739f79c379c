using System.Collections.Frozen;

namespace MedImaging.Dicom;

/// <summary>A transfer syntax: how a dataset is encoded (VR explicit or not, byte order, deflate) and how pixel data is compressed.</summary>
/// <param name="Uid">The transfer syntax UID.</param>
/// <param name="Name">The PS3.6 name.</param>
/// <param name="IsExplicitVR">True when elements carry their VR.</param>
/// <param name="IsBigEndian">True for the retired Explicit VR Big Endian.</param>
/// <param name="IsDeflated">True when everything after the file meta is one deflate (RFC 1951) stream.</param>
/// <param name="IsEncapsulated">True when pixel data is stored as fragments of a compressed codestream.</param>
public sealed record DicomTransferSyntax(string Uid, string Name, bool IsExplicitVR, bool IsBigEndian, bool IsDeflated, bool IsEncapsulated)
{
    /// <summary>Implicit VR Little Endian (1.2.840.10008.1.2), the default.</summary>
    public static DicomTransferSyntax ImplicitVRLittleEndian { get; } = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);

    /// <summary>Explicit VR Little Endian (1.2.840.10008.1.2.1).</summary>
    public static DicomTransferSyntax ExplicitVRLittleEndian { get; } = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);

    /// <summary>Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99).</summary>
    public static DicomTransferSyntax DeflatedExplicitVRLittleEndian { get; } = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);

    /// <summary>Explicit VR Big Endian (1.2.840.10008.1.2.2, retired).</summary>
    public static DicomTransferSyntax ExplicitVRBigEndian { get; } = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);

    private static readonly FrozenDictionary<string, DicomTransferSyntax> Known = BuildKnown();

    /// <summary>
    /// The transfer syntax for a UID: the four uncompressed ones, the registered compressed ones, and any other
    /// UID as an explicit VR little endian encapsulated syntax (PS3.5 A.4: every compressed syntax is encoded so).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="uid"/> is null.</exception>
    public static DicomTransferSyntax Lookup(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        string trimmed = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(trimmed, out DicomTransferSyntax? ts)
            ? ts
            : new DicomTransferSyntax(trimmed, "Unknown transfer syntax", true, false, false, true);
    }

    /// <summary>"Name (uid)" for messages.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="uid"/> is null.</exception>
    public static string Describe(string uid) => $"{Lookup(uid).Name} ({uid})";

    /// <summary>True for the four uncompressed syntaxes whose pixel data is native.</summary>
    public bool IsNative => !IsEncapsulated;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Uid})";

    private static FrozenDictionary<string, DicomTransferSyntax> BuildKnown()
    {
        DicomTransferSyntax Encapsulated(string uid, string name) => new(uid, name, true, false, false, true);
        DicomTransferSyntax[] all =
        [
            ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian,
            Encapsulated("1.2.840.10008.1.2.5", "RLE Lossless"),
            Encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)"),
            Encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)"),
            Encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
            Encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
            Encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
            Encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
            Encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
            Encapsulated("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression"),
            Encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian"),
        ];
        return all.ToFrozenDictionary(t => t.Uid, StringComparer.Ordinal);
    }
}
