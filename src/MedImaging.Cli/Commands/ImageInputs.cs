using MedImaging.Dicom.Series;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>Reading the IN argument of the image verbs: an image file, or a folder of DICOM files.</summary>
internal static class ImageInputs
{
    /// <summary>What was read: the volume(s), the format's name and the reader's warnings.</summary>
    public sealed record Input(VolumeSeries Series, string Format, IReadOnlyList<string> Warnings);

    /// <summary>
    /// Reads an image file as a series (3-D files give one volume), or the largest series of a DICOM folder
    /// (<see cref="DicomSeriesReader.Read(string, DicomSeriesReadOptions?, ExecutionOptions?, DicomScanOptions?)"/>, irregular
    /// stacks resampled); sub-folders are scanned only when <paramref name="recursive"/> (as <c>dicom scan</c>).
    /// </summary>
    /// <exception cref="MedImagingException">A missing or broken file, or a folder without a readable series.</exception>
    public static Input Read(string path, ExecutionOptions execution, bool recursive = false)
    {
        if (Directory.Exists(path))
        {
            DicomSeriesReadResult dicom = DicomSeriesReader.Read(path, execution: execution, scanOptions: new DicomScanOptions { Recursive = recursive });
            return new Input(dicom.Volumes, "Dicom", dicom.Report.Warnings);
        }

        return new Input(ImageFile.ReadSeries(path), ImageFileFormats.FromPath(path)?.ToString() ?? "unknown", []);
    }

    /// <summary>Reads an image file, or the largest series of a DICOM folder, as a series (see <see cref="Read"/>).</summary>
    public static VolumeSeries ReadSeries(string path) => Read(path, new ExecutionOptions()).Series;
}
