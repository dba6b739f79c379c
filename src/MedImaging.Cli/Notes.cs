using MedImaging.Dicom.Series;

namespace MedImaging.Cli;

/// <summary>
/// Which of the DICOM reader's remarks are informational (printed as <c>note:</c>, listed under <c>notes</c>) rather
/// than warnings about the data: what was read when a folder holds several series, a mosaic unpacked as it should be,
/// a file that is not an image by design (DICOMDIR, a Philips DIRFILE, a report).
/// </summary>
internal static class Notes
{
    private static readonly string[] InformationalPhrases =
    [
        DicomSeriesReader.OtherSeriesNote,
        "Siemens mosaic:",
        "a media directory",
        "no Pixel Data",
    ];

    /// <summary>True when <paramref name="remark"/> (a report warning or a skip reason, possibly after a prefix naming the series or file) is informational.</summary>
    public static bool IsInformational(string remark) =>
        InformationalPhrases.Any(start => remark.Contains(start, StringComparison.Ordinal));
}
