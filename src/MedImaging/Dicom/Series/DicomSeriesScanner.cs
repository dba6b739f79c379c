namespace MedImaging.Dicom.Series;

/// <summary>Options of <see cref="DicomSeriesScanner.Scan"/>.</summary>
public sealed record DicomScanOptions
{
    /// <summary>Also scan sub-folders (default false, like ITK's GDCMSeriesFileNames). Ignored when a DICOMDIR is used.</summary>
    public bool Recursive { get; init; }

    /// <summary>
    /// When the folder holds a DICOMDIR, scan the files it lists (wherever they lie below the folder) instead of the
    /// folder's files (default true). An unreadable DICOMDIR falls back to the folder scan and is reported as skipped.
    /// </summary>
    public bool UseDicomDirectory { get; init; } = true;
}

/// <summary>
/// Finds the DICOM image series in a folder: reads every file's header (never its pixel data) in parallel, skips
/// what is not a DICOM image with a reason, and splits the images into stackable series (<see cref="SeriesSplitter"/>).
/// When the folder holds a DICOMDIR (<see cref="DicomDirectory"/>), the files it lists are read instead of the
/// folder's (see <see cref="DicomScanOptions.UseDicomDirectory"/>); listed files that are missing are skipped with the
/// reason.
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
        ScanFileList.Selection selection = ScanFileList.Select(folder, options);
        string[] files = selection.Files;
        var headers = new DicomImageHeader?[files.Length];
        var reasons = new string?[files.Length];
        Parallelism.For(files.Length, 16, execution, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                (headers[i], reasons[i]) = ReadHeader(files[i]);
            }
        });

        var skipped = new List<SkippedFile>(selection.Skipped);
        for (int i = 0; i < files.Length; i++)
        {
            if (headers[i] is null)
            {
                skipped.Add(new SkippedFile(files[i], reasons[i] ?? "unreadable"));
            }
        }

        return new DicomScanResult(SeriesSplitter.Split(headers.OfType<DicomImageHeader>()), skipped)
        {
            DicomDirectoryPath = selection.DicomDirectory,
            Warnings = selection.Warnings,
            Recursive = options.Recursive || selection.DicomDirectory is not null,
        };
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
