using System.Globalization;

namespace MedImaging.Dicom;

/// <summary>
/// A DICOM file is malformed or lacks what was asked for. The message names the file, the byte offset, the tag
/// and what was expected, e.g. "value length 4294967290 of (7FE0,0010) PixelData at offset 0x184 in 'IM1.dcm'
/// exceeds the 1,932 bytes remaining".
/// </summary>
public class DicomFormatException : MedImagingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file (or a description of the buffer).</param>
    /// <param name="offset">Byte offset in the file (in the inflated stream for deflated files), or -1 when not applicable.</param>
    /// <param name="tag">The element at fault, if known.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DicomFormatException(string path, long offset, DicomTag? tag, string problem, Exception? innerException = null)
        : base(Format(path, offset, tag, problem), innerException)
    {
        FilePath = path;
        Offset = offset;
        Tag = tag;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The byte offset of the problem, or -1.</summary>
    public long Offset { get; }

    /// <summary>The element at fault, if known.</summary>
    public DicomTag? Tag { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Format(string path, long offset, DicomTag? tag, string problem)
    {
        string where = tag is DicomTag t ? $" at {t.ToDisplayString()}" : string.Empty;
        string at = offset >= 0 ? string.Create(CultureInfo.InvariantCulture, $" (offset 0x{offset:X})") : string.Empty;
        return $"'{path}'{where}{at}: {problem}";
    }
}

/// <summary>The pixel data uses a transfer syntax no registered codec decodes, or its codestream is corrupt.</summary>
public class DicomCodecException : MedImagingException
{
    /// <summary>Creates the exception; the message names the transfer syntax UID and name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transferSyntaxUid"/> is null (the exception names
    /// <c>uid</c>).</exception>
    public DicomCodecException(string transferSyntaxUid, string problem, Exception? innerException = null)
        : base($"{DicomTransferSyntax.Describe(transferSyntaxUid)}: {problem}", innerException)
    {
        TransferSyntaxUid = transferSyntaxUid;
    }

    /// <summary>The transfer syntax UID at fault.</summary>
    public string TransferSyntaxUid { get; }
}
