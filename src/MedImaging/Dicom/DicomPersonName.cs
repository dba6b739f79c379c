namespace MedImaging.Dicom;

/// <summary>
/// A person name (PN, PS3.5 §6.2.1): up to three component groups (alphabetic, ideographic, phonetic) separated by
/// '=', each with five components separated by '^' (family, given, middle, prefix, suffix). Components are those of
/// the alphabetic group.
/// </summary>
/// <param name="FamilyName">Family name complex.</param>
/// <param name="GivenName">Given name complex.</param>
/// <param name="MiddleName">Middle name.</param>
/// <param name="Prefix">Name prefix.</param>
/// <param name="Suffix">Name suffix.</param>
/// <param name="Ideographic">The ideographic group as written (may be empty).</param>
/// <param name="Phonetic">The phonetic group as written (may be empty).</param>
public sealed record DicomPersonName(string FamilyName, string GivenName, string MiddleName, string Prefix, string Suffix, string Ideographic, string Phonetic)
{
    /// <summary>Splits a PN value into groups and components (missing ones are empty strings).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static DicomPersonName Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] groups = value.Split('=');
        string[] c = groups[0].Split('^');
        string Part(string[] parts, int i) => i < parts.Length ? parts[i].Trim() : string.Empty;
        return new DicomPersonName(Part(c, 0), Part(c, 1), Part(c, 2), Part(c, 3), Part(c, 4), Part(groups, 1), Part(groups, 2));
    }
}
