using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Measurements;

namespace MedImaging.Clinical;

/// <summary>
/// A case as read: the image (first volume of a 4-D input), the optional label image as int32 (checked: integer labels ≥ 0, see <see cref="LabelImages.ToInt32"/>), and the input's
/// description for the report.
/// </summary>
internal sealed record ClinicalInput(Volume Image, Volume<int>? Labels, ReportInput Input, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Reads a DICOM folder (the series <see cref="PipelineOptions.Series"/> names, else the one with the most images;
    /// irregular stacks resampled; sub-folders when <see cref="PipelineOptions.Recursive"/>), one DICOM file, or an image
    /// file, and the label image.
    /// </summary>
    /// <exception cref="MedImagingException">A file is unreadable (the message names it).</exception>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <param name="input">A DICOM folder, a DICOM file or an image file.</param>
    /// <param name="labelsPath">The label image, or null.</param>
    /// <param name="options">The pipeline options (series choice, recursion).</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <param name="readOptions">How the DICOM series is read (bad files, irregular stacks); null for the defaults.</param>
    public static ClinicalInput Read(string input, string? labelsPath, PipelineOptions options, ExecutionOptions execution, DicomSeriesReadOptions? readOptions = null)
    {
        var warnings = new List<string>();
        VolumeSeries volumes;
        ReportInput description;
        bool imageFile = ImageFileFormats.FromPath(input) is not null && File.Exists(input);
        if (!imageFile)
        {
            (DicomSeriesReadResult read, DicomSeriesInfo series) = ReadDicom(input, options, readOptions, execution);
            volumes = read.Volumes;
            description = new ReportInput
            {
                Path = input,
                Kind = "dicom",
                Files = read.Report.Files,
                SeriesInstanceUid = series.SeriesInstanceUid,
                SeriesNumber = series.SeriesNumber,
                SeriesDescription = series.SeriesDescription,
                DicomModality = series.Modality,
                SeriesWarnings = read.Report.Warnings,
                Skipped = ReportSkippedFile.Of(read.Report.Skipped),
            };
        }
        else
        {
            volumes = ImageFile.ReadSeries(input);
            description = new ReportInput { Path = input, Kind = "file", Files = [input] };
        }

        if (volumes.Count > 1)
        {
            warnings.Add($"the input holds {volumes.Count} volumes; the first is processed");
        }

        Volume image = volumes[0];
        Volume<int>? labels = null;
        if (labelsPath is not null)
        {
            labels = LabelImages.ToInt32(ImageFile.Read(labelsPath), labelsPath, execution);
        }

        return new ClinicalInput(image, labels, description with { PixelType = image.PixelType.ToName(), Labels = labelsPath }, warnings);
    }

    /// <summary>The series of a DICOM folder, or one DICOM file.</summary>
    private static (DicomSeriesReadResult Read, DicomSeriesInfo Series) ReadDicom(string input, PipelineOptions options,
        DicomSeriesReadOptions? readOptions, ExecutionOptions execution)
    {
        if (Directory.Exists(input))
        {
            DicomScanResult scan = DicomSeriesScanner.Scan(input, new DicomScanOptions { Recursive = options.Recursive }, execution);
            return DicomSeriesReader.ReadSelected(scan, input, options.Series, readOptions, execution);
        }

        return File.Exists(input)
            ? DicomSeriesReader.ReadFile(input, readOptions, execution)
            : throw new FileNotFoundException($"'{input}': no such file or folder", input);
    }

    /// <summary>The read step's report parameters.</summary>
    public JsonObject Parameters() => new()
    {
        ["kind"] = Input.Kind,
        ["files"] = Input.Files.Count,
        ["pixel_type"] = Input.PixelType,
        ["labels"] = Input.Labels,
    };
}
