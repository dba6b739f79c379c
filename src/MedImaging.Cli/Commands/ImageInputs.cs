using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>
/// Reading the IN argument of the image verbs as SimpleITK's <c>ReadImage</c> would: an image file, one DICOM file
/// (a 2-D image one slice deep, or a multi-frame object as a volume), or a folder of DICOM files (one series of it).
/// </summary>
internal static class ImageInputs
{
    /// <summary>The help text of an image IN argument.</summary>
    public const string InDescription = "Image file (.nii, .nii.gz, .hdr/.img, .mha, .mhd, .nrrd, .nhdr), a DICOM file (any name), or a DICOM folder (its largest series, or the one --series names).";

    /// <summary>What was read: the volume(s), the format's name, the reader's warnings and notes, and the DICOM series when IN was DICOM.</summary>
    public sealed record Input(VolumeSeries Series, string Format, IReadOnlyList<string> Warnings)
    {
        /// <summary>The DICOM series read (its first image's dataset carries WindowCenter/Width, Modality, BodyPartExamined); null for an image file.</summary>
        public DicomSeriesInfo? Dicom { get; init; }

        /// <summary>Informational remarks of the reader (other series not read, a mosaic de-mosaicked): not problems.</summary>
        public IReadOnlyList<string> Notes { get; init; } = [];

        /// <summary>Files of a DICOM folder left out, with the reasons (empty for an image file).</summary>
        public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];
    }

    /// <summary>Prints one <c>warning:</c> line per skipped file (unless --quiet).</summary>
    public static void WarnSkipped(CliContext ctx, IEnumerable<SkippedFile> skipped, string? seriesKey = null)
    {
        foreach (SkippedFile s in skipped)
        {
            ctx.Warn($"{(seriesKey is null ? string.Empty : $"{seriesKey}: ")}skipped '{s.Path}': {s.Reason}");
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/>: an image file (3-D files give one volume); a DICOM file; or the series of a DICOM
    /// folder that <see cref="FolderChoice.Series"/> names, else its largest (<see cref="DicomSeriesReader.ReadSelected"/>,
    /// irregular stacks resampled), sub-folders scanned only when <see cref="FolderChoice.Recursive"/>.
    /// </summary>
    /// <exception cref="MedImagingException">A missing or broken file, or a folder without a readable series; the message says what to do.</exception>
    /// <exception cref="UsageException">--series or --recursive given for a file.</exception>
    public static Input Read(string path, ExecutionOptions execution, FolderChoice? choice = null)
    {
        choice ??= FolderChoice.None;
        if (Directory.Exists(path))
        {
            DicomScanResult scan = DicomSeriesScanner.Scan(path, new DicomScanOptions { Recursive = choice.Recursive }, execution);
            try
            {
                (DicomSeriesReadResult dicom, DicomSeriesInfo series) = DicomSeriesReader.ReadSelected(scan, path, choice.Series,
                    new DicomSeriesReadOptions { OnBadFile = choice.OnBadFile }, execution);
                return Split(new Input(dicom.Volumes, "Dicom", dicom.Report.Warnings) { Dicom = series, Skipped = dicom.Report.Skipped });
            }
            catch (MedImagingException ex) when (choice.Series is null && scan.Series.Count > 1)
            {
                // The largest series is not readable (e.g. colour); another may be what the user wants.
                throw new SeriesInconsistentException(path, $"{ex.Message}; the folder holds {scan.Series.Count} series: pick one with --series (medimg dicom scan lists them)");
            }
        }

        RequireExists(path);

        if (choice.Series is not null || choice.Recursive)
        {
            throw new UsageException("--series and --recursive apply to a DICOM folder IN only");
        }

        if (ImageFileFormats.FromPath(path) is ImageFileFormat format)
        {
            return new Input(ImageFile.ReadSeries(path), format.ToString(), []);
        }

        return Split(ReadDicomFile(path, execution));
    }

    /// <summary>Throws when <paramref name="path"/> is neither a file nor a folder.</summary>
    /// <exception cref="FileNotFoundException">It does not exist (the message says so, rather than blaming its extension).</exception>
    public static void RequireExists(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"'{path}': no such file or folder", path);
        }
    }

    /// <summary>Reads an image file, a DICOM file or a DICOM folder's largest series (see <see cref="Read"/>) as a series.</summary>
    public static VolumeSeries ReadSeries(string path, ExecutionOptions execution, FolderChoice? choice = null) => Read(path, execution, choice).Series;

    /// <summary>Reads one 3-D image (see <see cref="Read"/>).</summary>
    /// <exception cref="ImageFormatException">IN holds more than one volume.</exception>
    public static Volume ReadVolume(string path, ExecutionOptions execution, FolderChoice? choice = null)
    {
        VolumeSeries series = ReadSeries(path, execution, choice);
        return series.Count == 1
            ? series[0]
            : throw new ImageFormatException(path, "volumes", $"holds {series.Count} volumes; this command works on one 3-D image (medimg convert writes them as one 4-D file)");
    }

    /// <summary>The grid of <paramref name="path"/>: from the header alone for an image file, else from reading it (DICOM).</summary>
    public static VolumeGeometry ReadGeometry(string path, ExecutionOptions execution) =>
        File.Exists(path) && ImageFileFormats.FromPath(path) is not null ? ImageFile.ReadGeometry(path) : ReadSeries(path, execution).Geometry;

    private static Input ReadDicomFile(string path, ExecutionOptions execution)
    {
        try
        {
            (DicomSeriesReadResult dicom, DicomSeriesInfo series) = DicomSeriesReader.ReadFile(path, execution: execution);
            return new Input(dicom.Volumes, "Dicom", dicom.Report.Warnings) { Dicom = series };
        }
        catch (DicomFormatException ex)
        {
            throw new ImageFormatException(path, "format",
                $"neither an image file by its extension ({ImageFileFormats.SupportedExtensions}) nor a DICOM file ({ex.Message})");
        }
    }

    /// <summary>The reader's informational remarks moved from the warnings to the notes.</summary>
    private static Input Split(Input input) => input with
    {
        Warnings = [.. input.Warnings.Where(w => !Notes.IsInformational(w))],
        Notes = [.. input.Warnings.Where(Notes.IsInformational)],
    };
}
