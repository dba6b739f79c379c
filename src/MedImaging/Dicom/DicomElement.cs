namespace MedImaging.Dicom;

/// <summary>
/// One data element as read: its tag, VR and value bytes exactly as stored (a slice of the file's buffer, never
/// copied), or its items (SQ), or its fragments (encapsulated pixel data). Values are decoded on demand through
/// <see cref="DicomDataset"/>'s typed accessors.
/// </summary>
public sealed class DicomElement
{
    /// <summary>Creates a primitive element from its stored bytes.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="vr">The VR.</param>
    /// <param name="value">The value bytes in the dataset's byte order (even length for well-formed data).</param>
    /// <param name="isBigEndian">True when binary values are big endian (Explicit VR Big Endian).</param>
    /// <param name="offset">Byte offset of the value in its file, or -1 for elements made in memory.</param>
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, bool isBigEndian = false, long offset = -1)
    {
        Tag = tag;
        VR = vr;
        RawValue = value;
        IsBigEndian = isBigEndian;
        Offset = offset;
    }

    /// <summary>Creates a sequence element.</summary>
    public DicomElement(DicomTag tag, IReadOnlyList<DicomDataset> items, long offset = -1)
    {
        Tag = tag;
        VR = DicomVR.SQ;
        Items = items;
        Offset = offset;
    }

    /// <summary>Creates an encapsulated pixel data element.</summary>
    public DicomElement(DicomTag tag, DicomVR vr, DicomFragments fragments, long offset = -1)
    {
        Tag = tag;
        VR = vr;
        Fragments = fragments;
        Offset = offset;
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The VR (from the file for explicit VR, from the dictionary for implicit VR).</summary>
    public DicomVR VR { get; }

    /// <summary>The stored value bytes (empty for sequences and encapsulated pixel data).</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>True when <see cref="RawValue"/>'s binary numbers are big endian.</summary>
    public bool IsBigEndian { get; }

    /// <summary>Byte offset of the value in the file (in the inflated stream for deflated files), or -1.</summary>
    public long Offset { get; }

    /// <summary>The items of a sequence (SQ), else null.</summary>
    public IReadOnlyList<DicomDataset>? Items { get; }

    /// <summary>The fragments of encapsulated pixel data, else null.</summary>
    public DicomFragments? Fragments { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Tag.ToDisplayString()} {VR}";
}

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item and the fragments that follow it, each a slice
/// of the file's buffer.
/// </summary>
/// <param name="BasicOffsetTable">The first item's bytes (empty when the table is absent).</param>
/// <param name="Items">The fragments after the offset table, in file order.</param>
public sealed record DicomFragments(ReadOnlyMemory<byte> BasicOffsetTable, IReadOnlyList<ReadOnlyMemory<byte>> Items);
