namespace MedImaging.Dicom.Series;

/// <summary>What to do with a stack whose slices do not form a regular orthogonal grid.</summary>
public enum IrregularStackPolicy
{
    /// <summary>Throw <see cref="SeriesInconsistentException"/> naming the irregularity.</summary>
    Error,

    /// <summary>Return the slices stacked at their mean spacing as if regular, with a warning in the report. The
    /// volume's geometry then disagrees with some slices' ImagePositionPatient: only for callers who asked for it.</summary>
    Warn,

    /// <summary>Resample onto a regular orthogonal grid covering every slice (default); recorded in the report.</summary>
    Resample,

    /// <summary>Return one volume per run of regularly spaced, unsheared slices.</summary>
    Split,
}

/// <summary>What to do with a file of a series that cannot be used (corrupt, truncated, unreadable, out of line with the others).</summary>
public enum BadFilePolicy
{
    /// <summary>
    /// Leave the file out, name it with the reason in <see cref="SeriesReport.Skipped"/>, and stack the other slices
    /// as if its slice were missing (the irregular-stack policy then decides about the gap). Default.
    /// </summary>
    Skip,

    /// <summary>Throw a <see cref="DicomFormatException"/> naming the file and the reason.</summary>
    Error,
}

/// <summary>Options of <see cref="DicomSeriesReader"/>.</summary>
public sealed record DicomSeriesReadOptions
{
    /// <summary>Irregular stacks: <see cref="IrregularStackPolicy.Resample"/> by default.</summary>
    public IrregularStackPolicy Irregular { get; init; } = IrregularStackPolicy.Resample;

    /// <summary>How far (mm) a slice may sit from its place on a regular grid and still count as regular.</summary>
    public double PositionTolerance { get; init; } = StackAnalyzer.DefaultPositionTolerance;

    /// <summary>
    /// Value of voxels that no slice covers after resampling an irregular stack, in output units (HU for CT);
    /// null (default) uses the lowest value found in the slices.
    /// </summary>
    public double? DefaultPixelValue { get; init; }

    /// <summary>Files that cannot be used: <see cref="BadFilePolicy.Skip"/> (default) or <see cref="BadFilePolicy.Error"/>.</summary>
    public BadFilePolicy OnBadFile { get; init; } = BadFilePolicy.Skip;
}
