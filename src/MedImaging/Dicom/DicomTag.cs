using System.Globalization;

namespace MedImaging.Dicom;

/// <summary>
/// A DICOM attribute tag (group, element), e.g. <c>(0020,0032)</c>. Every PS3.6 keyword is a static member
/// (<see cref="ImagePositionPatient"/>, <see cref="SeriesInstanceUid"/>; "UID" is spelt "Uid").
/// </summary>
/// <param name="group">The group number (0x0000–0xFFFF).</param>
/// <param name="element">The element number (0x0000–0xFFFF).</param>
public readonly partial struct DicomTag(ushort group, ushort element) : IEquatable<DicomTag>, IComparable<DicomTag>
{
    /// <summary>Creates a tag from its 32-bit value <c>gggg_eeee</c>.</summary>
    public DicomTag(uint value)
        : this((ushort)(value >> 16), (ushort)value)
    {
    }

    /// <summary>The group number.</summary>
    public ushort Group { get; } = group;

    /// <summary>The element number.</summary>
    public ushort Element { get; } = element;

    /// <summary>The tag as one number, group in the high 16 bits (the order tags sort in a dataset).</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for private tags (odd group numbers other than 1, 3, 5, 7 and FFFF).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 7 && Group != 0xFFFF;

    /// <summary>The PS3.6 keyword ("ImagePositionPatient"), or null for private and unknown tags.</summary>
    public string? Keyword => DicomDictionary.Lookup(this)?.Keyword;

    /// <summary>Parses "(0020,0032)", "0020,0032" or "00200032" (hexadecimal).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a tag.</exception>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string digits = text.Trim().Trim('(', ')').Replace(",", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 8 || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
        {
            throw new FormatException($"'{text}' is not a DICOM tag like (0020,0032)");
        }

        return new DicomTag(value);
    }

    /// <summary>Equality operator.</summary>
    public static bool operator ==(DicomTag left, DicomTag right) => left.Value == right.Value;

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(DicomTag left, DicomTag right) => left.Value != right.Value;

    /// <summary>Ordering operator (dataset order).</summary>
    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    /// <summary>Ordering operator (dataset order).</summary>
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    /// <summary>Ordering operator (dataset order).</summary>
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    /// <summary>Ordering operator (dataset order).</summary>
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <inheritdoc/>
    public bool Equals(DicomTag other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DicomTag other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Value;

    /// <inheritdoc/>
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>"(gggg,eeee)" in upper-case hexadecimal.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    /// <summary>"(gggg,eeee) Keyword", or just the tag when it has no keyword.</summary>
    public string ToDisplayString() => Keyword is { } keyword ? $"{this} {keyword}" : ToString();
}
