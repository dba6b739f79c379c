using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedImaging.Clinical;

/// <summary>
/// The JSON report of one <see cref="ClinicalPipeline"/> run (<c>report.json</c>), described by
/// <c>docs/report.schema.json</c> (JSON Schema draft 2020-12). Field names are snake_case; positions are LPS
/// millimetres; intensities are in <see cref="IntensityUnit"/>. A report is written only after every output file,
/// so <see cref="Status"/> "complete" means the case finished.
/// </summary>
public sealed record ClinicalReport
{
    /// <summary>The schema version this build writes; a change of the major number breaks readers.</summary>
    public const string CurrentSchemaVersion = "1.0.0";

    /// <summary>The value of <see cref="Status"/> for a finished run.</summary>
    public const string CompleteStatus = "complete";

    /// <summary>Schema version of this report (<see cref="CurrentSchemaVersion"/> when written by this build).</summary>
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>"complete" when every step ran and every output was written.</summary>
    public string Status { get; init; } = CompleteStatus;

    /// <summary>The program that wrote the report.</summary>
    public ReportTool Tool { get; init; } = ReportTool.Current;

    /// <summary>When the report was written, UTC, ISO 8601.</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>What was read.</summary>
    public ReportInput Input { get; init; } = new();

    /// <summary>"CT" or "MR": the branch that ran.</summary>
    public string Modality { get; init; } = "";

    /// <summary>Where <see cref="Modality"/> came from: "config", "dicom" (the Modality attribute) or "intensity" (the value range).</summary>
    public string ModalitySource { get; init; } = "";

    /// <summary>"HU" for CT, "arbitrary" for MR: the unit of every intensity statistic.</summary>
    public string IntensityUnit { get; init; } = "";

    /// <summary>The input image's grid.</summary>
    public ReportGeometry GeometryBefore { get; init; } = new();

    /// <summary>The grid every statistic and output image is on (after resampling).</summary>
    public ReportGeometry GeometryAfter { get; init; } = new();

    /// <summary>Every step in the order it ran, with its wall time and parameters.</summary>
    public IReadOnlyList<ReportStep> Steps { get; init; } = [];

    /// <summary>Per-structure statistics: the masks made by the pipeline, then the labels of the label image.</summary>
    public IReadOnlyList<StructureResult> Structures { get; init; } = [];

    /// <summary>Findings a reader should know about (series irregularities, labels lost by resampling, …).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Quality-control pictures written into the output folder.</summary>
    public IReadOnlyList<QcPicture> Qc { get; init; } = [];

    /// <summary>Image files written into the output folder (names relative to it).</summary>
    public IReadOnlyList<ReportOutput> Outputs { get; init; } = [];

    /// <summary>Wall time of the whole run, ms.</summary>
    public double TotalMs { get; init; }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ClinicalJsonContext.Readable.ClinicalReport);

    /// <summary>Parses a report.</summary>
    /// <exception cref="MedImagingException">The text is not a report (the message names <paramref name="source"/> and the JSON path).</exception>
    public static ClinicalReport Parse(string json, string source = "report")
    {
        try
        {
            return JsonSerializer.Deserialize(json, ClinicalJsonContext.Default.ClinicalReport)
                ?? throw new MedImagingException($"'{source}': the JSON is null, expected a report object");
        }
        catch (JsonException ex)
        {
            throw new MedImagingException($"'{source}': at '{ex.Path}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> holds a complete report of this schema version whose output files all exist
    /// beside it (what <see cref="BatchRunner"/>'s resume relies on); false for a missing, partial or unreadable report.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The report exists but cannot be read (only unparsable content gives false).</exception>
    /// <exception cref="UnauthorizedAccessException">The report exists but may not be read.</exception>
    public static bool IsComplete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return false;
        }

        ClinicalReport report;
        try
        {
            report = Parse(File.ReadAllText(path), path);
        }
        catch (MedImagingException)
        {
            return false;
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // A field missing from the JSON deserialises as null (source generation, dotnet/runtime#84484): not complete.
        IReadOnlyList<ReportOutput>? outputs = report.Outputs;
        IReadOnlyList<QcPicture>? qc = report.Qc;
        return report.Status == CompleteStatus && report.SchemaVersion == CurrentSchemaVersion && outputs is not null && qc is not null
            && outputs.All(o => File.Exists(Path.Combine(folder, o.File)))
            && qc.All(q => File.Exists(Path.Combine(folder, q.File)));
    }
}

/// <summary>The program that wrote a report.</summary>
/// <param name="Name">"MedImaging".</param>
/// <param name="Version">The library's informational version.</param>
public sealed record ReportTool(string Name, string Version)
{
    /// <summary>This build.</summary>
    public static ReportTool Current { get; } = new("MedImaging",
        typeof(ReportTool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
}

/// <summary>What the pipeline read.</summary>
public sealed record ReportInput
{
    /// <summary>The input as given: a DICOM folder or an image file.</summary>
    public string Path { get; init; } = "";

    /// <summary>"dicom" (a folder) or "file".</summary>
    public string Kind { get; init; } = "";

    /// <summary>The files read, in slice order for DICOM.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The voxel type read, e.g. "int16".</summary>
    public string PixelType { get; init; } = "";

    /// <summary>SeriesInstanceUID (DICOM only).</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>SeriesNumber (DICOM only, when present).</summary>
    public int? SeriesNumber { get; init; }

    /// <summary>SeriesDescription (DICOM only).</summary>
    public string? SeriesDescription { get; init; }

    /// <summary>The DICOM Modality attribute (DICOM only), e.g. "CT".</summary>
    public string? DicomModality { get; init; }

    /// <summary>The series reader's warnings (irregular stacks, other series in the folder, …).</summary>
    public IReadOnlyList<string> SeriesWarnings { get; init; } = [];

    /// <summary>Files of the DICOM folder left out, each with the reason (damaged, a second copy of a position, not an image, …).</summary>
    public IReadOnlyList<ReportSkippedFile> Skipped { get; init; } = [];

    /// <summary>The label image, when one was given.</summary>
    public string? Labels { get; init; }
}

/// <summary>A file of the input left out, and why.</summary>
/// <param name="File">The file.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record ReportSkippedFile(string File, string Reason)
{
    /// <summary>The entries of <paramref name="skipped"/>.</summary>
    internal static IReadOnlyList<ReportSkippedFile> Of(IEnumerable<Dicom.Series.SkippedFile> skipped) => [.. skipped.Select(s => new ReportSkippedFile(s.Path, s.Reason))];
}

/// <summary>A grid in the CLI's layout: LPS millimetres, direction row-major (direction[3·i + j] = component i of index axis j).</summary>
public sealed record ReportGeometry
{
    /// <summary>Voxels along x, y, z.</summary>
    public IReadOnlyList<int> Size { get; init; } = [];

    /// <summary>Voxel spacing, mm.</summary>
    public IReadOnlyList<double> Spacing { get; init; } = [];

    /// <summary>LPS centre of voxel (0, 0, 0), mm.</summary>
    public IReadOnlyList<double> Origin { get; init; } = [];

    /// <summary>Direction cosines, row-major.</summary>
    public IReadOnlyList<double> Direction { get; init; } = [];

    /// <summary>
    /// How oblique the grid is: the largest angle between an index axis and the patient axis nearest to it, degrees
    /// (0 for an axial, coronal or sagittal stack). The pipeline keeps the direction whatever this is.
    /// </summary>
    public double ObliqueDegrees { get; init; }

    /// <summary>Above this many degrees a grid is called oblique (direction cosines written with 6 decimals differ by ~10⁻⁴°).</summary>
    public const double ObliqueToleranceDegrees = 1e-3;

    /// <summary>The report form of <paramref name="geometry"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    public static ReportGeometry From(VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return new ReportGeometry
        {
            Size = geometry.Size.ToArray(),
            Spacing = geometry.Spacing.ToArray(),
            Origin = geometry.Origin.ToArray(),
            Direction = geometry.Direction.ToRowMajorArray(),
            ObliqueDegrees = Obliquity(geometry.Direction),
        };
    }

    /// <summary>max over index axes j of acos(max |component| of column j), degrees, rounded to 1e-6.</summary>
    private static double Obliquity(Mat3 direction)
    {
        double worst = 0;
        for (int j = 0; j < 3; j++)
        {
            Vec3 axis = direction.Column(j);
            double nearest = Math.Max(Math.Abs(axis.X), Math.Max(Math.Abs(axis.Y), Math.Abs(axis.Z))) / axis.Length;
            worst = Math.Max(worst, Math.Acos(Math.Min(1, nearest)) * 180 / Math.PI);
        }

        return Math.Round(worst, 6);
    }
}

/// <summary>One pipeline step.</summary>
/// <param name="Name">The step, e.g. "resample".</param>
/// <param name="Ms">Wall time, ms.</param>
/// <param name="Parameters">The parameters used and the numbers found (e.g. the Otsu threshold).</param>
public sealed record ReportStep(string Name, double Ms, JsonObject Parameters);

/// <summary>A quality-control picture written into the output folder.</summary>
/// <param name="File">File name relative to the output folder, e.g. "qc_axial.png".</param>
/// <param name="Plane">"axial", "coronal" or "sagittal".</param>
/// <param name="Description">What the picture shows.</param>
public sealed record QcPicture(string File, string Plane, string Description);

/// <summary>An image written into the output folder.</summary>
/// <param name="File">File name relative to the output folder.</param>
/// <param name="Kind">"image", "mask" or "labels".</param>
/// <param name="Description">What it holds.</param>
public sealed record ReportOutput(string File, string Kind, string Description);

/// <summary>
/// Statistics of one structure on the working grid (<see cref="ClinicalReport.GeometryAfter"/>). Intensities are
/// in the report's intensity unit (HU for CT); the intensity fields are null when the structure has no voxel.
/// </summary>
public sealed record StructureResult
{
    /// <summary>The structure's name ("body", "bone", "foreground", or the label's name).</summary>
    public string Name { get; init; } = "";

    /// <summary>"mask" (made by the pipeline) or "labels" (from the label image).</summary>
    public string Source { get; init; } = "";

    /// <summary>The voxel value of the structure in <see cref="File"/> (1 for masks).</summary>
    public int Label { get; init; }

    /// <summary>The image in the output folder that holds the structure, or null when masks are not written.</summary>
    public string? File { get; init; }

    /// <summary>Voxels of the structure.</summary>
    public long Voxels { get; init; }

    /// <summary>Voxels × voxel volume, millilitres.</summary>
    public double VolumeMl { get; init; }

    /// <summary>Mean intensity.</summary>
    public double? Mean { get; init; }

    /// <summary>Sample standard deviation (n − 1), as ITK.</summary>
    public double? Sd { get; init; }

    /// <summary>Smallest intensity.</summary>
    public double? Min { get; init; }

    /// <summary>Largest intensity.</summary>
    public double? Max { get; init; }

    /// <summary>Exact median intensity.</summary>
    public double? Median { get; init; }

    /// <summary>Mean LPS position of the voxel centres, mm.</summary>
    public IReadOnlyList<double>? CentroidLps { get; init; }

    /// <summary>First index of the index-space bounding box.</summary>
    public IReadOnlyList<int>? BboxIndex { get; init; }

    /// <summary>Size of the index-space bounding box, voxels.</summary>
    public IReadOnlyList<int>? BboxSize { get; init; }

    /// <summary>Smallest LPS coordinates of the bounding box's corner voxel centres, mm.</summary>
    public IReadOnlyList<double>? BboxMinLps { get; init; }

    /// <summary>Largest LPS coordinates of the bounding box's corner voxel centres, mm.</summary>
    public IReadOnlyList<double>? BboxMaxLps { get; init; }
}
