using System.Text;

namespace MedImaging.Dicom;

/// <summary>
/// A dataset's Specific Character Set (0008,0005): single-byte ISO 8859 parts, UTF-8, GB18030/GBK, and ISO 2022
/// code extensions switched by escape sequences (IR 13/87/159 Japanese, IR 149 Korean, IR 58 Chinese), PS3.3 C.12.1.1.2.
/// Encodings come from <see cref="CodePagesEncodingProvider"/> without registering it globally.
/// </summary>
public sealed class DicomCharacterSet
{
    private const byte Escape = 0x1B;
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private readonly Encoding _initial;

    private DicomCharacterSet(IReadOnlyList<string> terms, Encoding initial)
    {
        Terms = terms;
        _initial = initial;
        UsesCodeExtensions = terms.Count > 1 || (terms.Count == 1 && terms[0].StartsWith("ISO 2022", StringComparison.Ordinal));
    }

    /// <summary>The default repertoire (ISO_IR 6). Bytes above 0x7F, which it does not define, are read as ISO 8859-1 like pydicom does.</summary>
    public static DicomCharacterSet Default { get; } = new([], Latin1);

    /// <summary>The defined terms, as in (0008,0005).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>True when ISO 2022 escape sequences may switch character sets inside a value.</summary>
    public bool UsesCodeExtensions { get; }

    /// <summary>The character set for the defined terms of (0008,0005); unknown terms fall back to the default repertoire.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="terms"/> holds a null term.</exception>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Contains(null!))
        {
            throw new ArgumentException("a defined term is null", nameof(terms));
        }

        if (terms.Count == 0 || (terms.Count == 1 && terms[0].Length == 0))
        {
            return Default;
        }

        return new DicomCharacterSet([.. terms], ForTerm(terms[0]) ?? Latin1);
    }

    /// <summary>The .NET encoding for one defined term ("ISO_IR 100", "ISO 2022 IR 149", "GB18030", ...), or null when unknown.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="term"/> is null.</exception>
    public static Encoding? ForTerm(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        string t = term.Trim();
        if (t.Length == 0 || t is "ISO_IR 6" or "ISO 2022 IR 6")
        {
            return Latin1;
        }

        if (t == "ISO_IR 192")
        {
            return Encoding.UTF8;
        }

        string number = t.StartsWith("ISO 2022 IR ", StringComparison.Ordinal) ? t[12..] : t.StartsWith("ISO_IR ", StringComparison.Ordinal) ? t[7..] : t;
        int codePage = number switch
        {
            "100" => 28591,
            "101" => 28592,
            "109" => 28593,
            "110" => 28594,
            "144" => 28595,
            "127" => 28596,
            "126" => 28597,
            "138" => 28598,
            "148" => 28599,
            "166" => 874,
            "13" => 932,
            "87" or "159" => 20932,
            "149" => 949,
            "58" or "GBK" => 936,
            "GB18030" => 54936,
            _ => 0,
        };
        return codePage == 0 ? null : CodePage(codePage);
    }

    /// <summary>True for the VRs typed accessors decode as text (all string VRs).</summary>
    public static bool IsText(DicomVR vr) => DicomVRs.IsString(vr);

    /// <summary>Decodes a text value and strips its padding (trailing spaces/NULs; leading spaces except for ST/LT/UT/UR).</summary>
    public string DecodeText(ReadOnlySpan<byte> bytes, DicomVR vr) => Trim(Decode(bytes, vr), vr);

    /// <summary>Decodes a text value and splits it at backslashes (not for ST/LT/UT/UR), each part stripped of padding.</summary>
    public string[] DecodeStrings(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        string text = Decode(bytes, vr);
        if (DicomVRs.IsSingleValuedText(vr))
        {
            string single = Trim(text, vr);
            return single.Length == 0 ? [] : [single];
        }

        if (Trim(text, vr).Length == 0)
        {
            return [];
        }

        string[] parts = text.Split('\\');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Trim(parts[i], vr);
        }

        return parts;
    }

    /// <summary>Decodes raw text bytes with this character set (character-set VRs only; others are ASCII) without trimming.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (!DicomVRs.UsesCharacterSet(vr))
        {
            return Latin1.GetString(bytes);
        }

        return UsesCodeExtensions && bytes.Contains(Escape) ? DecodeWithEscapes(bytes) : _initial.GetString(bytes);
    }

    /// <summary>Encodes text with the initial character set (no code extensions are generated).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public byte[] Encode(string text, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DicomVRs.UsesCharacterSet(vr) ? _initial.GetBytes(text) : Latin1.GetBytes(text);
    }

    private static Encoding CodePage(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage);

    private static string Trim(string text, DicomVR vr) =>
        DicomVRs.IsSingleValuedText(vr) ? text.TrimEnd(' ', '\0') : text.Trim(' ', '\0');

    private string DecodeWithEscapes(ReadOnlySpan<byte> bytes)
    {
        var result = new StringBuilder(bytes.Length);
        Segment mode = new(_initial, JisPlane.None);
        int start = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] != Escape)
            {
                i++;
                continue;
            }

            result.Append(mode.Decode(bytes[start..i]));
            int length = EscapeLength(bytes[i..]);
            mode = length > 0 ? FromEscape(bytes.Slice(i + 1, length - 1)) ?? mode : mode;
            i += Math.Max(length, 1);
            start = i;
        }

        result.Append(mode.Decode(bytes[start..]));
        return result.ToString();
    }

    private static int EscapeLength(ReadOnlySpan<byte> s) =>
        s.Length >= 4 && s[1] == (byte)'$' && s[2] is (byte)'(' or (byte)')' ? 4 : s.Length >= 3 ? 3 : 0;

    private static Segment? FromEscape(ReadOnlySpan<byte> e)
    {
        string code = Latin1.GetString(e);
        return code switch
        {
            "(B" or "(J" => new Segment(Latin1, JisPlane.None),
            ")I" => new Segment(CodePage(932), JisPlane.None),
            "$B" or "$@" => new Segment(CodePage(20932), JisPlane.Jis0208),
            "$(D" => new Segment(CodePage(20932), JisPlane.Jis0212),
            "$)C" => new Segment(CodePage(949), JisPlane.None),
            "$)A" => new Segment(CodePage(936), JisPlane.None),
            "-A" => new Segment(CodePage(28591), JisPlane.None),
            "-B" => new Segment(CodePage(28592), JisPlane.None),
            "-C" => new Segment(CodePage(28593), JisPlane.None),
            "-D" => new Segment(CodePage(28594), JisPlane.None),
            "-L" => new Segment(CodePage(28595), JisPlane.None),
            "-G" => new Segment(CodePage(28596), JisPlane.None),
            "-F" => new Segment(CodePage(28597), JisPlane.None),
            "-H" => new Segment(CodePage(28598), JisPlane.None),
            "-M" => new Segment(CodePage(28599), JisPlane.None),
            "-T" => new Segment(CodePage(874), JisPlane.None),
            _ => null,
        };
    }

    private enum JisPlane
    {
        None,
        Jis0208,
        Jis0212,
    }

    /// <summary>One run of bytes between escape sequences and how to decode it.</summary>
    private readonly record struct Segment(Encoding Encoding, JisPlane Plane)
    {
        public string Decode(ReadOnlySpan<byte> bytes)
        {
            if (Plane == JisPlane.None || bytes.IsEmpty)
            {
                return Encoding.GetString(bytes);
            }

            // JIS X 0208/0212 in G0 arrive as 7-bit byte pairs; EUC-JP (code page 20932) holds the same planes with
            // the high bit set (0212 behind the single-shift 0x8F), so translate and decode with it.
            var euc = new List<byte>(bytes.Length * 3 / 2);
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                bool pair = b > 0x20 && b < 0x7F && i + 1 < bytes.Length;
                if (!pair)
                {
                    euc.Add(b);
                    continue;
                }

                if (Plane == JisPlane.Jis0212)
                {
                    euc.Add(0x8F);
                }

                euc.Add((byte)(b | 0x80));
                euc.Add((byte)(bytes[++i] | 0x80));
            }

            return Encoding.GetString([.. euc]);
        }
    }
}
