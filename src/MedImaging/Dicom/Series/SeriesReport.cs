namespace MedImaging.Dicom.Series;

/// <summary>How a series became a volume: which files in which order, what was irregular, what was done about it.</summary>
public sealed record SeriesReport
{
    /// <summary>The series key (<see cref="DicomSeriesInfo.Key"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The files in stacking order (volume by volume, each along the slice normal).</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Each slice's ImagePositionPatient (LPS mm), same order as <see cref="Files"/>.</summary>
    public required IReadOnlyList<Vec3> SlicePositions { get; init; }

    /// <summary>Irregularities found in the positions.</summary>
    public required StackIrregularity Irregularities { get; init; }

    /// <summary>Warnings and findings in words (irregularities, fallbacks, what was done).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>True when the slices were resampled onto a regular grid.</summary>
    public bool Resampled { get; init; }

    /// <summary>Number of volumes (1 for 3-D; more for DWI, fMRI, dynamic series).</summary>
    public int VolumeCount { get; init; } = 1;

    /// <summary>Rescale slope and intercept per file (same order as <see cref="Files"/>).</summary>
    public required IReadOnlyList<(double Slope, double Intercept)> Rescale { get; init; }

    /// <summary>
    /// Files left out, each with the reason: files of the series that could not be used (corrupt, truncated, a second
    /// copy of a position, out of line with the others); from <see cref="DicomSeriesReader.ReadLargest"/> also the
    /// folder's files the scan skipped and the files split from the series read.
    /// </summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>Why the series was split from others with its SeriesInstanceUID.</summary>
    public IReadOnlyList<string> SplitReasons { get; init; } = [];
}

/// <summary>The result of reading a series: the volume(s) and the report.</summary>
/// <param name="Volume">The (first) volume, values after rescale (HU for CT), geometry in LPS.</param>
/// <param name="Volumes">All volumes when positions repeat (4-D), else one.</param>
/// <param name="Report">What was read and done.</param>
public sealed record DicomSeriesReadResult(Volume Volume, VolumeSeries Volumes, SeriesReport Report);
