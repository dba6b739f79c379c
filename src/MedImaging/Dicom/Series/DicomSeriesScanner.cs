namespace MedImaging.Dicom.Series;

/// <summary>Options of <see cref="DicomSeriesScanner.Scan"/>.</summary>
public sealed record DicomScanOptions
{
    /// <summary>Also scan sub-folders (default false, like ITK's GDCMSeriesFileNames).</summary>
    public bool Recursive { get; init; }
}

/// <summary>
/// Finds the DICOM image series in a folder: reads every file's header (never its pixel data) in parallel, skips
/// what is not a DICOM image with a reason, and splits the images into stackable series (<see cref="SeriesSplitter"/>).
/// DICOMDIR and other media-directory files are skipped as non-images; the images they point to are found by the
/// folder scan itself.
/// </summary>
public static class DicomSeriesScanner
{
    /// <summary>Scans <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static DicomScanResult Scan(string folder, DicomScanOptions? options = null, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"'{folder}': no such folder");
        }

        options ??= new DicomScanOptions();
        string[] files = Directory.GetFiles(folder, "*", options.Recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        var headers = new DicomImageHeader?[files.Length];
        var reasons = new string?[files.Length];
        Parallelism.For(files.Length, 16, execution, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                (headers[i], reasons[i]) = ReadHeader(files[i]);
            }
        });

        var skipped = new List<SkippedFile>();
        for (int i = 0; i < files.Length; i++)
        {
            if (headers[i] is null)
            {
                skipped.Add(new SkippedFile(files[i], reasons[i] ?? "unreadable"));
            }
        }

        return new DicomScanResult(SeriesSplitter.Split(headers.OfType<DicomImageHeader>()), skipped);
    }

    private static (DicomImageHeader? Header, string? Reason) ReadHeader(string path)
    {
        try
        {
            DicomFile file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            DicomImageHeader? header = DicomImageHeader.FromFile(file, out string? reason);
            return (header, reason);
        }
        catch (DicomFormatException ex)
        {
            return (null, $"not a readable DICOM file: {ex.Message}");
        }
        catch (IOException ex)
        {
            return (null, $"cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return (null, $"cannot be read: {ex.Message}");
        }
    }
}
