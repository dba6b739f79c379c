using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// What series discovery needs from one image file's header (read without its pixel data): identity, placement,
/// pixel format and the attributes that decide which images may be stacked together.
/// </summary>
public sealed record DicomImageHeader
{
    /// <summary>The file.</summary>
    public required string Path { get; init; }

    /// <summary>The header-only dataset, for any further attribute.</summary>
    public required DicomDataset Dataset { get; init; }

    /// <summary>SeriesInstanceUID (0020,000E); empty when absent.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>SeriesNumber (0020,0011), or null.</summary>
    public int? SeriesNumber { get; init; }

    /// <summary>SeriesDescription (0008,103E); empty when absent.</summary>
    public string SeriesDescription { get; init; } = string.Empty;

    /// <summary>Modality (0008,0060); empty when absent.</summary>
    public string Modality { get; init; } = string.Empty;

    /// <summary>ImageType (0008,0008) values, upper case.</summary>
    public IReadOnlyList<string> ImageType { get; init; } = [];

    /// <summary>Rows (0028,0010).</summary>
    public required int Rows { get; init; }

    /// <summary>Columns (0028,0011).</summary>
    public required int Columns { get; init; }

    /// <summary>NumberOfFrames (0028,0008), 1 when absent.</summary>
    public int NumberOfFrames { get; init; } = 1;

    /// <summary>BitsAllocated (0028,0100).</summary>
    public int BitsAllocated { get; init; }

    /// <summary>PixelRepresentation (0028,0103): 1 = signed.</summary>
    public int PixelRepresentation { get; init; }

    /// <summary>SamplesPerPixel (0028,0002), 1 when absent.</summary>
    public int SamplesPerPixel { get; init; } = 1;

    /// <summary>The slice's placement, or null when ImagePositionPatient/ImageOrientationPatient are absent or invalid.</summary>
    public SlicePlane? Plane { get; init; }

    /// <summary>InstanceNumber (0020,0013), or null.</summary>
    public int? InstanceNumber { get; init; }

    /// <summary>EchoNumbers (0018,0086) first value, or null.</summary>
    public int? EchoNumber { get; init; }

    /// <summary>EchoTime (0018,0081) in ms, or null.</summary>
    public double? EchoTime { get; init; }

    /// <summary>AcquisitionNumber (0020,0012), or null.</summary>
    public int? AcquisitionNumber { get; init; }

    /// <summary>TemporalPositionIdentifier (0020,0100), or null.</summary>
    public int? TemporalPositionIdentifier { get; init; }

    /// <summary>The frame of the file this header stands for (0-based; 0 for single-frame files).</summary>
    public int Frame { get; init; }

    /// <summary>Order of this frame among its file's frames (dimension index order); 0 for single-frame files.</summary>
    public int FrameOrder { get; init; }

    /// <summary>The frame's own rescale (Pixel Value Transformation functional group), or null to use the file's.</summary>
    public (double Slope, double Intercept)? FrameRescale { get; init; }

    /// <summary>Where the file's pixel data lies, found by the header-only read; null when unknown (the reader then parses the file).</summary>
    internal DicomPixelDataExtent? PixelDataExtent { get; init; }

    /// <summary>The rescale of this image: <see cref="FrameRescale"/>, else RescaleSlope/Intercept (1 and 0 when absent).</summary>
    public (double Slope, double Intercept) Rescale =>
        FrameRescale ?? (Dataset.GetDoubleOrDefault(DicomTag.RescaleSlope, 1), Dataset.GetDoubleOrDefault(DicomTag.RescaleIntercept, 0));

    /// <summary>True when ImageType marks a localizer/scout.</summary>
    public bool IsLocalizer => ImageType.Contains("LOCALIZER");

    /// <summary>
    /// Reads the header of an image file from its dataset. Returns null with a reason when the file holds no image
    /// (no Pixel Data, e.g. DICOMDIR, structured reports, Philips DIRFILE) or lacks Rows/Columns.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    public static DicomImageHeader? FromFile(DicomFile file, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomDataset ds = file.Dataset;
        if (ds.Contains(DicomTag.DirectoryRecordSequence))
        {
            reason = MediaDirectoryReason;
            return null;
        }

        if (file.PixelDataOffset < 0 && !ds.Contains(DicomTag.PixelData) && !ds.Contains(DicomTag.FloatPixelData) && !ds.Contains(DicomTag.DoubleFloatPixelData))
        {
            reason = ds.Contains(DicomTag.Rows) && ds.Contains(DicomTag.Columns)
                ? "an image header (Rows, Columns) without Pixel Data (7FE0,0010): the file ends before its pixels"
                : ds.Contains(DicomTag.SOPClassUid) ? NoPixelDataReason : "no SOP Class UID (0008,0016) and no Pixel Data (7FE0,0010): the file ends early or holds no dataset";
            return null;
        }

        if (!ds.TryGetInt32(DicomTag.Rows, out int rows) || !ds.TryGetInt32(DicomTag.Columns, out int columns) || rows < 1 || columns < 1)
        {
            reason = "Rows (0028,0010) or Columns (0028,0011) missing or not positive";
            return null;
        }

        if (ds.Contains(DicomTag.PixelSpacing) && !IsValidPixelSpacing(Doubles(ds, DicomTag.PixelSpacing)))
        {
            // A present but unreadable spacing must not silently become 1 mm: the geometry would be wrong without a word.
            string text = ds.TryGetString(DicomTag.PixelSpacing, out string? raw) ? raw : "(unreadable)";
            reason = $"PixelSpacing (0028,0030) '{text}' is not two positive decimal numbers of at most {MaxPixelSpacing} mm";
            return null;
        }

        if (RescaleProblem(ds) is string rescale)
        {
            reason = rescale;
            return null;
        }

        reason = null;
        return new DicomImageHeader
        {
            Path = file.Source,
            Dataset = ds,
            SeriesInstanceUid = ds.GetStringOrDefault(DicomTag.SeriesInstanceUid, string.Empty)!.Trim(),
            SeriesNumber = OptionalInt(ds, DicomTag.SeriesNumber),
            SeriesDescription = ds.GetStringOrDefault(DicomTag.SeriesDescription, string.Empty)!.Trim(),
            Modality = ds.GetStringOrDefault(DicomTag.Modality, string.Empty)!.Trim(),
            ImageType = ds.TryGetString(DicomTag.ImageType, out _) ? [.. ds.GetStrings(DicomTag.ImageType).Select(s => s.Trim().ToUpperInvariant())] : [],
            Rows = rows,
            Columns = columns,
            NumberOfFrames = Math.Max(1, ds.GetInt32OrDefault(DicomTag.NumberOfFrames, 1)),
            BitsAllocated = ds.GetInt32OrDefault(DicomTag.BitsAllocated, 0),
            PixelRepresentation = ds.GetInt32OrDefault(DicomTag.PixelRepresentation, 0),
            SamplesPerPixel = ds.GetInt32OrDefault(DicomTag.SamplesPerPixel, 1),
            Plane = CreatePlane(Doubles(ds, DicomTag.ImagePositionPatient), Doubles(ds, DicomTag.ImageOrientationPatient), Doubles(ds, DicomTag.PixelSpacing), rows, columns),
            InstanceNumber = OptionalInt(ds, DicomTag.InstanceNumber),
            EchoNumber = OptionalInt(ds, DicomTag.EchoNumbers),
            EchoTime = ds.TryGetDouble(DicomTag.EchoTime, out double te) ? te : null,
            AcquisitionNumber = OptionalInt(ds, DicomTag.AcquisitionNumber),
            TemporalPositionIdentifier = OptionalInt(ds, DicomTag.TemporalPositionIdentifier),
            PixelDataExtent = file.PixelDataExtent,
        };
    }

    private const string MediaDirectoryReason = "a media directory (DICOMDIR-like Directory Record Sequence), not an image";

    private const string NoPixelDataReason = "no Pixel Data (7FE0,0010): not an image";

    /// <summary>True for the reasons of <see cref="FromFile"/> that mean "not an image" rather than "a damaged image".</summary>
    internal static bool IsNotImageReason(string reason) => reason is MediaDirectoryReason or NoPixelDataReason;

    /// <summary>Why RescaleSlope/RescaleIntercept, when present, cannot be used (unreadable, not finite, slope 0), or null.</summary>
    private static string? RescaleProblem(DicomDataset ds)
    {
        foreach ((DicomTag tag, string name) in new[] { (DicomTag.RescaleSlope, "RescaleSlope (0028,1053)"), (DicomTag.RescaleIntercept, "RescaleIntercept (0028,1052)") })
        {
            if (ds.Contains(tag) && ds.TryGetString(tag, out string? text) && !string.IsNullOrWhiteSpace(text)
                && (!ds.TryGetDouble(tag, out double value) || !double.IsFinite(value) || (tag == DicomTag.RescaleSlope && value == 0)))
            {
                return $"{name} '{text.Trim()}' is not a finite decimal number{(tag == DicomTag.RescaleSlope ? " other than 0" : string.Empty)}";
            }
        }

        return null;
    }

    /// <summary>A short printable pixel format, e.g. "16s" (16 bits allocated, signed) or "8x3" (RGB).</summary>
    public string PixelFormat => string.Create(CultureInfo.InvariantCulture,
        $"{BitsAllocated}{(PixelRepresentation == 1 ? "s" : "u")}{(SamplesPerPixel > 1 ? $"x{SamplesPerPixel}" : string.Empty)}");

    /// <summary>Largest plausible pixel spacing, mm (a 10 m pixel is no medical image; larger values overflow geometry).</summary>
    private const double MaxPixelSpacing = 10_000;

    private static bool IsValidPixelSpacing(double[]? ps) =>
        ps is { Length: >= 2 } && ps[0] > 0 && ps[1] > 0 && ps[0] <= MaxPixelSpacing && ps[1] <= MaxPixelSpacing;

    private static int? OptionalInt(DicomDataset ds, DicomTag tag) => ds.TryGetInt32(tag, out int v) ? v : null;

    /// <summary>An attribute's numbers, or null when absent or unreadable.</summary>
    internal static double[]? Doubles(DicomDataset? ds, DicomTag tag) => ds is not null && ds.TryGetDoubles(tag, out double[]? v) ? v : null;

    /// <summary>
    /// The slice placement from ImagePositionPatient, ImageOrientationPatient and PixelSpacing values; null when a
    /// position or orientation is missing or the orientation is not two orthogonal directions.
    /// </summary>
    internal static SlicePlane? CreatePlane(double[]? ipp, double[]? iop, double[]? ps, int rows, int columns)
    {
        if (ipp is null || ipp.Length < 3 || iop is null || iop.Length < 6)
        {
            return null;
        }

        var row = new Vec3(iop[0], iop[1], iop[2]);
        var col = new Vec3(iop[3], iop[4], iop[5]);
        if (!(row.Length > 0.5) || !(col.Length > 0.5) || Math.Abs(Vec3.Dot(row.Normalize(), col.Normalize())) > 1e-3)
        {
            return null;
        }

        // PixelSpacing is row spacing (between rows), then column spacing; 1 mm when absent, as ITK/GDCM assume.
        double rowSpacing = 1, columnSpacing = 1;
        if (ps is not null && ps.Length >= 2 && ps[0] > 0 && ps[1] > 0)
        {
            rowSpacing = ps[0];
            columnSpacing = ps[1];
        }

        return new SlicePlane(new Vec3(ipp[0], ipp[1], ipp[2]), row.Normalize(), col.Normalize(), columnSpacing, rowSpacing, columns, rows);
    }
}
