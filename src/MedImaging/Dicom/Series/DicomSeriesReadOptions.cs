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
    public double? DefaultValue { get; init; }
}
