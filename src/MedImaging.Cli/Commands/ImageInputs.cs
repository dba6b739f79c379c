using System.CommandLine;
using MedImaging.Dicom.Series;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>Reading the IN argument of the image verbs: an image file, or a folder of DICOM files.</summary>
internal static class ImageInputs
{
    /// <summary>What was read: the volume(s), the format's name, the reader's warnings and the DICOM files left out.</summary>
    public sealed record Input(VolumeSeries Series, string Format, IReadOnlyList<string> Warnings)
    {
        /// <summary>Files of a DICOM folder left out, with the reasons (empty for an image file).</summary>
        public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];
    }

    /// <summary>The <c>--on-bad-file skip|error</c> option of the verbs that read DICOM folders.</summary>
    public static Option<string> OnBadFileOption()
    {
        var option = new Option<string>("--on-bad-file")
        {
            Description = "DICOM folder: a file that cannot be used (damaged, truncated, out of line with the others): skip (default; it is named "
                + "in skipped[] and on stderr, and its slice is treated as missing) or error (exit 1 naming it).",
            DefaultValueFactory = _ => "skip",
        };
        option.AcceptOnlyFromAmong("skip", "error");
        return option;
    }

    /// <summary>The policy named by <c>--on-bad-file</c>.</summary>
    public static BadFilePolicy ParseOnBadFile(string name) => name == "error" ? BadFilePolicy.Error : BadFilePolicy.Skip;

    /// <summary>Prints one <c>warning:</c> line per skipped file (unless --quiet).</summary>
    public static void WarnSkipped(CliContext ctx, IEnumerable<SkippedFile> skipped, string? seriesKey = null)
    {
        foreach (SkippedFile s in skipped)
        {
            ctx.Warn($"{(seriesKey is null ? string.Empty : $"{seriesKey}: ")}skipped '{s.Path}': {s.Reason}");
        }
    }

    /// <summary>
    /// Reads an image file as a series (3-D files give one volume), or the largest series of a DICOM folder
    /// (<see cref="DicomSeriesReader.Read(string, DicomSeriesReadOptions?, ExecutionOptions?, DicomScanOptions?)"/>, irregular
    /// stacks resampled); sub-folders are scanned only when <paramref name="recursive"/> (as <c>dicom scan</c>).
    /// </summary>
    /// <exception cref="MedImagingException">A missing or broken file, or a folder without a readable series.</exception>
    public static Input Read(string path, ExecutionOptions execution, bool recursive = false, BadFilePolicy onBadFile = BadFilePolicy.Skip)
    {
        if (Directory.Exists(path))
        {
            DicomScanResult scan = DicomSeriesScanner.Scan(path, new DicomScanOptions { Recursive = recursive }, execution);
            DicomSeriesReadResult dicom = DicomSeriesReader.ReadLargest(scan, path, new DicomSeriesReadOptions { OnBadFile = onBadFile }, execution).Result;
            return new Input(dicom.Volumes, "Dicom", dicom.Report.Warnings) { Skipped = dicom.Report.Skipped };
        }

        return new Input(ImageFile.ReadSeries(path), ImageFileFormats.FromPath(path)?.ToString() ?? "unknown", []);
    }

    /// <summary>Reads an image file, or the largest series of a DICOM folder, as a series (see <see cref="Read"/>).</summary>
    public static VolumeSeries ReadSeries(string path) => Read(path, new ExecutionOptions()).Series;
}
