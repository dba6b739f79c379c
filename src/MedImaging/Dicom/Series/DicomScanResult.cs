namespace MedImaging.Dicom.Series;

/// <summary>What <see cref="DicomSeriesScanner.Scan"/> found in a folder.</summary>
/// <param name="Series">The image series after splitting, ordered by SeriesNumber, then key.</param>
/// <param name="Skipped">Files that are not images of any series, each with the reason.</param>
public sealed record DicomScanResult(IReadOnlyList<DicomSeriesInfo> Series, IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>The DICOMDIR whose file list was scanned, or null when the folder's files were.</summary>
    public string? DicomDirectoryPath { get; init; }

    /// <summary>What the DICOMDIR reader read leniently (sequence-order fallback, orphaned records).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when sub-folders were scanned too (<see cref="DicomScanOptions.Recursive"/>, or a DICOMDIR's list).</summary>
    public bool Recursive { get; init; }
}

/// <summary>A file the scan or the reader did not use.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, e.g. "not DICOM: …" or "no Pixel Data".</param>
public sealed record SkippedFile(string Path, string Reason)
{
    /// <summary>
    /// True when the file is a damaged DICOM file (it starts like one, or is an image of the series, but cannot be
    /// used); false for files that are simply not DICOM images (a README, a DICOMDIR, a structured report).
    /// <see cref="BadFilePolicy.Error"/> fails on damaged files only.
    /// </summary>
    public bool Damaged { get; init; }
}

/// <summary>One stackable series: files that share identity, orientation, size and pixel format.</summary>
public sealed record DicomSeriesInfo
{
    /// <summary>A stable, printable key: the SeriesInstanceUID, plus suffixes for each split made inside it.</summary>
    public required string Key { get; init; }

    /// <summary>SeriesInstanceUID.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>SeriesNumber, or null.</summary>
    public int? SeriesNumber { get; init; }

    /// <summary>SeriesDescription.</summary>
    public string SeriesDescription { get; init; } = string.Empty;

    /// <summary>Modality.</summary>
    public string Modality { get; init; } = string.Empty;

    /// <summary>The image headers, in file-name order (sorting in space is the reader's job).</summary>
    public required IReadOnlyList<DicomImageHeader> Images { get; init; }

    /// <summary>Why this series was split from others sharing its SeriesInstanceUID (empty when it was not).</summary>
    public IReadOnlyList<string> SplitReasons { get; init; } = [];
}
