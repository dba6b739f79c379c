namespace MedImaging.Dicom;

/// <summary>A DICOM value representation (PS3.5 §6.2), named by its two letters.</summary>
public enum DicomVR : byte
{
    /// <summary>No VR (items and delimiters, which carry none).</summary>
    None = 0,

    /// <summary>Application Entity.</summary>
    AE,

    /// <summary>Age String.</summary>
    AS,

    /// <summary>Attribute Tag.</summary>
    AT,

    /// <summary>Code String.</summary>
    CS,

    /// <summary>Date.</summary>
    DA,

    /// <summary>Decimal String.</summary>
    DS,

    /// <summary>Date Time.</summary>
    DT,

    /// <summary>Floating Point Single.</summary>
    FL,

    /// <summary>Floating Point Double.</summary>
    FD,

    /// <summary>Integer String.</summary>
    IS,

    /// <summary>Long String.</summary>
    LO,

    /// <summary>Long Text.</summary>
    LT,

    /// <summary>Other Byte.</summary>
    OB,

    /// <summary>Other Double.</summary>
    OD,

    /// <summary>Other Float.</summary>
    OF,

    /// <summary>Other Long.</summary>
    OL,

    /// <summary>Other 64-bit Very Long.</summary>
    OV,

    /// <summary>Other Word.</summary>
    OW,

    /// <summary>Person Name.</summary>
    PN,

    /// <summary>Short String.</summary>
    SH,

    /// <summary>Signed Long.</summary>
    SL,

    /// <summary>Sequence of Items.</summary>
    SQ,

    /// <summary>Signed Short.</summary>
    SS,

    /// <summary>Short Text.</summary>
    ST,

    /// <summary>Signed 64-bit Very Long.</summary>
    SV,

    /// <summary>Time.</summary>
    TM,

    /// <summary>Unlimited Characters.</summary>
    UC,

    /// <summary>Unique Identifier.</summary>
    UI,

    /// <summary>Unsigned Long.</summary>
    UL,

    /// <summary>Unknown.</summary>
    UN,

    /// <summary>Universal Resource Identifier.</summary>
    UR,

    /// <summary>Unsigned Short.</summary>
    US,

    /// <summary>Unlimited Text.</summary>
    UT,

    /// <summary>Unsigned 64-bit Very Long.</summary>
    UV,
}

/// <summary>Facts about VRs the parser and the typed accessors need.</summary>
public static class DicomVRs
{
    private static readonly DicomVR[] ByCode = BuildCodeTable();

    /// <summary>The VR spelt by two ASCII letters, or null when they are not a VR.</summary>
    public static DicomVR? FromCode(byte first, byte second)
    {
        if (first is < (byte)'A' or > (byte)'Z' || second is < (byte)'A' or > (byte)'Z')
        {
            return null;
        }

        DicomVR vr = ByCode[((first - 'A') * 26) + (second - 'A')];
        return vr == DicomVR.None ? null : vr;
    }

    /// <summary>True when explicit-VR encoding gives this VR a 2-byte reserved field and a 32-bit length.</summary>
    public static bool HasLongLength(DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV
        or DicomVR.OW or DicomVR.SQ or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.SV or DicomVR.UV;

    /// <summary>True for the VRs whose value is text in the dataset's character set (SH, LO, ST, LT, UC, UT, PN).</summary>
    public static bool UsesCharacterSet(DicomVR vr) => vr is DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT
        or DicomVR.UC or DicomVR.UT or DicomVR.PN;

    /// <summary>True for the VRs whose value is text (any string VR).</summary>
    public static bool IsString(DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS
        or DicomVR.DT or DicomVR.IS or DicomVR.TM or DicomVR.UI or DicomVR.UR || UsesCharacterSet(vr);

    /// <summary>True for text VRs that hold one value (backslash is not a separator): ST, LT, UT, UR.</summary>
    public static bool IsSingleValuedText(DicomVR vr) => vr is DicomVR.ST or DicomVR.LT or DicomVR.UT or DicomVR.UR;

    /// <summary>The size in bytes of one binary value (2 for US/SS/OW, 4 for UL/SL/FL/OF/OL/AT, 8 for FD/OD/SV/UV/OV), else 1.</summary>
    public static int ValueSize(DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.AT => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 1,
    };

    /// <summary>The byte used to pad an odd-length value to even length: NUL for UI and binary VRs, space for text.</summary>
    public static byte PaddingByte(DicomVR vr) => IsString(vr) && vr != DicomVR.UI ? (byte)' ' : (byte)0;

    private static DicomVR[] BuildCodeTable()
    {
        var table = new DicomVR[26 * 26];
        foreach (DicomVR vr in Enum.GetValues<DicomVR>())
        {
            if (vr != DicomVR.None)
            {
                string name = vr.ToString();
                table[((name[0] - 'A') * 26) + (name[1] - 'A')] = vr;
            }
        }

        return table;
    }
}
