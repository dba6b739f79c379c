using System.Buffers.Binary;
using System.Globalization;

namespace MedImaging.Dicom;

/// <content>Typed, VR-aware value access. Numbers are parsed with the invariant culture.</content>
public sealed partial class DicomDataset
{
    /// <summary>
    /// The element's value as one string: text VRs decoded with the character set and stripped of padding
    /// (trailing spaces and NULs; leading spaces too except for ST/LT/UT), binary VRs formatted invariantly and
    /// joined with backslashes.
    /// </summary>
    /// <exception cref="DicomFormatException">The element is absent or is a sequence.</exception>
    public string GetString(DicomTag tag) =>
        TryGetString(tag, out string? value) ? value : throw Error(tag, "required element is absent");

    /// <summary>Like <see cref="GetString"/>, or <paramref name="defaultValue"/> when the element is absent.</summary>
    public string? GetStringOrDefault(DicomTag tag, string? defaultValue = null) =>
        TryGetString(tag, out string? value) ? value : defaultValue;

    /// <summary>Like <see cref="GetString"/>; false when the element is absent or is a sequence.</summary>
    public bool TryGetString(DicomTag tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        DicomElement? element = GetElement(tag);
        if (element is null || element.Items is not null || element.Fragments is not null)
        {
            value = null;
            return false;
        }

        value = DicomCharacterSet.IsText(element.VR)
            ? CharacterSet.DecodeText(element.RawValue.Span, element.VR)
            : string.Join('\\', FormatBinary(element));
        return true;
    }

    /// <summary>The element's values (split at backslashes, except for ST/LT/UT/UR), each stripped of padding.</summary>
    /// <exception cref="DicomFormatException">The element is absent.</exception>
    public string[] GetStrings(DicomTag tag)
    {
        DicomElement element = Require(tag);
        return DicomCharacterSet.IsText(element.VR)
            ? CharacterSet.DecodeStrings(element.RawValue.Span, element.VR)
            : FormatBinary(element);
    }

    /// <summary>
    /// The element's numbers: DS/IS text (spaces, exponents and trailing NULs allowed) or FL/FD/US/SS/UL/SL/OF/OD
    /// binary values in the dataset's byte order. An empty element gives an empty array.
    /// </summary>
    /// <exception cref="DicomFormatException">The element is absent or a value is not a number.</exception>
    public double[] GetDoubles(DicomTag tag)
    {
        DicomElement element = Require(tag);
        if (DicomVRs.IsString(element.VR))
        {
            string[] parts = Default(element).DecodeStrings(element.RawValue.Span, element.VR);
            var values = new double[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                {
                    throw Error(tag, $"value {i} '{parts[i]}' is not a decimal number", element.Offset);
                }
            }

            return values;
        }

        return ReadBinary(element, static (span, vr, big) => ReadNumber(span, vr, big));
    }

    /// <summary>Like <see cref="GetDoubles"/>; false when the element is absent, empty or not numeric.</summary>
    public bool TryGetDoubles(DicomTag tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out double[]? values)
    {
        values = null;
        if (!Contains(tag))
        {
            return false;
        }

        try
        {
            values = GetDoubles(tag);
            return values.Length > 0;
        }
        catch (DicomFormatException)
        {
            values = null;
            return false;
        }
    }

    /// <summary>Value <paramref name="index"/> of <see cref="GetDoubles"/>.</summary>
    /// <exception cref="DicomFormatException">Absent, not numeric, or fewer values than needed.</exception>
    public double GetDouble(DicomTag tag, int index = 0)
    {
        double[] values = GetDoubles(tag);
        return index >= 0 && index < values.Length ? values[index] : throw Error(tag, $"value {index} requested but the element holds {values.Length}");
    }

    /// <summary>Value <paramref name="index"/> of <see cref="GetDoubles"/>; false when absent or not numeric.</summary>
    public bool TryGetDouble(DicomTag tag, out double value, int index = 0)
    {
        value = 0;
        if (TryGetDoubles(tag, out double[]? values) && index >= 0 && index < values.Length)
        {
            value = values[index];
            return true;
        }

        return false;
    }

    /// <summary>The first value of <see cref="GetDoubles"/>, or <paramref name="defaultValue"/> when absent or unreadable.</summary>
    public double GetDoubleOrDefault(DicomTag tag, double defaultValue) => TryGetDouble(tag, out double value) ? value : defaultValue;

    /// <summary>
    /// The element's integers: IS text (a value like "12.0" is accepted when it is integral) or US/SS/UL/SL binary values.
    /// </summary>
    /// <exception cref="DicomFormatException">Absent, not an integer, or out of the Int32 range.</exception>
    public int[] GetInt32s(DicomTag tag)
    {
        double[] values = GetDoubles(tag);
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
            {
                throw Error(tag, string.Create(CultureInfo.InvariantCulture, $"value {i} ({v}) is not a 32-bit integer"));
            }

            result[i] = (int)v;
        }

        return result;
    }

    /// <summary>Like <see cref="GetInt32s"/>; false when absent, empty or not integral.</summary>
    public bool TryGetInt32s(DicomTag tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out int[]? values)
    {
        values = null;
        if (!Contains(tag))
        {
            return false;
        }

        try
        {
            values = GetInt32s(tag);
            return values.Length > 0;
        }
        catch (DicomFormatException)
        {
            values = null;
            return false;
        }
    }

    /// <summary>Value <paramref name="index"/> of <see cref="GetInt32s"/>.</summary>
    /// <exception cref="DicomFormatException">Absent, not an integer, or fewer values than needed.</exception>
    public int GetInt32(DicomTag tag, int index = 0)
    {
        int[] values = GetInt32s(tag);
        return index >= 0 && index < values.Length ? values[index] : throw Error(tag, $"value {index} requested but the element holds {values.Length}");
    }

    /// <summary>Value <paramref name="index"/> of <see cref="GetInt32s"/>; false when absent or not an integer.</summary>
    public bool TryGetInt32(DicomTag tag, out int value, int index = 0)
    {
        value = 0;
        if (TryGetInt32s(tag, out int[]? values) && index >= 0 && index < values.Length)
        {
            value = values[index];
            return true;
        }

        return false;
    }

    /// <summary>The first value of <see cref="GetInt32s"/>, or <paramref name="defaultValue"/> when absent or unreadable.</summary>
    public int GetInt32OrDefault(DicomTag tag, int defaultValue) => TryGetInt32(tag, out int value) ? value : defaultValue;

    /// <summary>The items of a sequence element.</summary>
    /// <exception cref="DicomFormatException">The element is absent or not a sequence.</exception>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) =>
        TryGetSequence(tag, out IReadOnlyList<DicomDataset>? items) ? items : throw Error(tag, "sequence is absent");

    /// <summary>The items of a sequence element; false when absent or not a sequence.</summary>
    public bool TryGetSequence(DicomTag tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IReadOnlyList<DicomDataset>? items)
    {
        items = GetElement(tag)?.Items;
        return items is not null;
    }

    /// <summary>A DA value ("YYYYMMDD", or ACR-NEMA "YYYY.MM.DD"); false when absent or malformed.</summary>
    public bool TryGetDate(DicomTag tag, out DateOnly date)
    {
        date = default;
        return TryGetString(tag, out string? text)
            && DateOnly.TryParseExact(text.Replace(".", string.Empty, StringComparison.Ordinal), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A TM value ("HH", "HHMM", "HHMMSS" or "HHMMSS.FFFFFF", colons of ACR-NEMA allowed); false when absent or malformed.</summary>
    public bool TryGetTime(DicomTag tag, out TimeOnly time)
    {
        time = default;
        if (!TryGetString(tag, out string? text))
        {
            return false;
        }

        string t = text.Replace(":", string.Empty, StringComparison.Ordinal);
        string[] formats = ["HH", "HHmm", "HHmmss", "HHmmss.F", "HHmmss.FF", "HHmmss.FFF", "HHmmss.FFFF", "HHmmss.FFFFF", "HHmmss.FFFFFF"];
        return TimeOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>A PN value split into its components (first value; alphabetic, ideographic and phonetic groups).</summary>
    /// <exception cref="DicomFormatException">The element is absent.</exception>
    public DicomPersonName GetPersonName(DicomTag tag) => DicomPersonName.Parse(GetStrings(tag) is { Length: > 0 } values ? values[0] : string.Empty);

    private DicomElement Require(DicomTag tag) => GetElement(tag) ?? throw Error(tag, "required element is absent");

    private DicomCharacterSet Default(DicomElement element) =>
        DicomVRs.UsesCharacterSet(element.VR) ? CharacterSet : DicomCharacterSet.Default;

    private string[] FormatBinary(DicomElement element) =>
        element.VR == DicomVR.AT
            ? Array.ConvertAll(ReadBinary(element, static (span, _, big) => (double)ReadUInt32(span, big)), v => new DicomTag((uint)v).ToString())
            : Array.ConvertAll(ReadBinary(element, static (span, vr, big) => ReadNumber(span, vr, big)), v => v.ToString("R", CultureInfo.InvariantCulture));

    private double[] ReadBinary(DicomElement element, Func<ReadOnlySpan<byte>, DicomVR, bool, double> read)
    {
        DicomVR vr = element.VR is DicomVR.OB or DicomVR.UN ? DicomVR.OB : element.VR;
        int size = DicomVRs.ValueSize(vr);
        ReadOnlySpan<byte> bytes = element.RawValue.Span;
        if (element.Items is not null || element.Fragments is not null)
        {
            throw Error(element.Tag, $"a {element.VR} element has no numeric value", element.Offset);
        }

        var values = new double[bytes.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = read(bytes.Slice(i * size, size), vr, element.IsBigEndian);
        }

        return values;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> span, bool big) =>
        big ? ((uint)BinaryPrimitives.ReadUInt16BigEndian(span) << 16) | BinaryPrimitives.ReadUInt16BigEndian(span[2..])
            : ((uint)BinaryPrimitives.ReadUInt16LittleEndian(span) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);

    private static double ReadNumber(ReadOnlySpan<byte> s, DicomVR vr, bool big) => vr switch
    {
        DicomVR.US or DicomVR.OW => big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
        DicomVR.SS => big ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
        DicomVR.UL or DicomVR.OL => big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
        DicomVR.SL => big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
        DicomVR.FL or DicomVR.OF => big ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s),
        DicomVR.FD or DicomVR.OD => big ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s),
        DicomVR.SV => big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
        DicomVR.UV or DicomVR.OV => big ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
        _ => s[0],
    };
}
