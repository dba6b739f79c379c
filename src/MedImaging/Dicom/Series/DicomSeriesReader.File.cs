namespace MedImaging.Dicom.Series;

public static partial class DicomSeriesReader
{
    /// <summary>
    /// Reads one DICOM image file as SimpleITK's <c>ReadImage(file)</c> does: a single-frame image as a volume one
    /// slice deep (slice spacing 1 mm), a multi-frame object (enhanced, or frames without functional groups) as the
    /// volume of its frames, a Siemens mosaic de-mosaicked.
    /// </summary>
    /// <param name="path">The DICOM file.</param>
    /// <param name="options">Irregular-stack policy (for multi-frame objects); null for defaults.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <returns>The volume(s), the report and the file's series as a scan would list it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DicomFormatException">The file is not DICOM, or is corrupt.</exception>
    /// <exception cref="SeriesInconsistentException">The file holds no image (the message says why).</exception>
    public static (DicomSeriesReadResult Result, DicomSeriesInfo Series) ReadFile(string path, DicomSeriesReadOptions? options = null, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        DicomFile file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
        DicomImageHeader header = DicomImageHeader.FromFile(file, out string? reason)
            ?? throw new SeriesInconsistentException(path, $"not a DICOM image: {reason}");
        DicomSeriesInfo series = SeriesSplitter.Split([header])[0];
        return (Read(series, options, execution), series);
    }
}
