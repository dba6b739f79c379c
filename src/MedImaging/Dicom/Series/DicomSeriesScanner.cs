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
    /// <exception cref="ArgumentNullException"><paramref name="folder"/> is null.</exception>
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
        var damaged = new bool[files.Length];
        Parallelism.For(files.Length, 16, execution, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                (headers[i], reasons[i], damaged[i]) = ReadHeader(files[i]);
            }
        });

        var skipped = new List<SkippedFile>(selection.Skipped);
        for (int i = 0; i < files.Length; i++)
        {
            if (headers[i] is null)
            {
                skipped.Add(new SkippedFile(files[i], reasons[i] ?? "unreadable") { Damaged = damaged[i] });
            }
        }

        return new DicomScanResult(SeriesSplitter.Split(headers.OfType<DicomImageHeader>()), skipped)
        {
            DicomDirectoryPath = selection.DicomDirectory,
            Warnings = selection.Warnings,
            Recursive = options.Recursive || selection.DicomDirectory is not null,
        };
    }

    /// <summary>The header of one file, or null and why; a damaged file (one that starts like DICOM) is marked so.</summary>
    private static (DicomImageHeader? Header, string? Reason, bool Damaged) ReadHeader(string path)
    {
        try
        {
            // Empty files (and FIFOs, sockets, devices, which report no length) are never opened: opening a FIFO blocks.
            if (new FileInfo(path).Length == 0)
            {
                return (null, "empty file (0 bytes)", true);
            }

            DicomFile file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            DicomImageHeader? header = DicomImageHeader.FromFile(file, out string? reason);
            return (header, reason, header is null && reason is not null && !DicomImageHeader.IsNotImageReason(reason));
        }
        catch (DicomFormatException ex)
        {
            return (null, $"not a readable DICOM file: {ex.Message}", StartsLikeDicom(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {ex.Message}", true);
        }
        catch (Exception ex) when (BadSlicesException.IsFileFault(ex))
        {
            // Fault isolation: whatever a damaged header makes the parser throw, the file is left out, never the scan.
            return (null, $"not a readable DICOM file: {ex.GetType().Name}: {ex.Message}", true);
        }
    }

    /// <summary>True when the file has the PS3.10 preamble and "DICM" prefix, or starts with a group 0x0002 or 0x0008 tag.</summary>
    private static bool StartsLikeDicom(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[132];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M')
                || (n >= 4 && head[1] == 0 && head[0] is 0x02 or 0x08 && head[3] == 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
