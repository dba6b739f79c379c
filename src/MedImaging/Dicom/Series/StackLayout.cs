namespace MedImaging.Dicom.Series;

/// <summary>
/// The result of <see cref="StackAnalyzer.Analyze"/>: slices sorted along their normal, grouped into volumes when
/// positions repeat, with the regular grid they form or what keeps them from forming one.
/// </summary>
public sealed record StackLayout
{
    /// <summary>Unit slice normal (row × column direction), LPS.</summary>
    public required Vec3 Normal { get; init; }

    /// <summary>Distinct positions along the normal (mm, signed distance from the LPS origin), ascending.</summary>
    public required IReadOnlyList<double> Distances { get; init; }

    /// <summary>
    /// Input indices per volume: <c>Volumes[v][k]</c> is the slice at position k of volume v. One volume for a plain
    /// stack, several when every position repeats the same number of times (DWI, fMRI, dynamic).
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<int>> Volumes { get; init; }

    /// <summary>What is irregular; <see cref="StackIrregularity.None"/> for a regular grid.</summary>
    public required StackIrregularity Irregularities { get; init; }

    /// <summary>Slice spacing along the normal, mm: (last − first)/(n − 1) for a regular stack, the median step otherwise.</summary>
    public required double SliceSpacing { get; init; }

    /// <summary>Largest in-plane shift between a slice and the straight stack over the first slice, mm (0 without tilt).</summary>
    public required double MaxShear { get; init; }

    /// <summary>Shear angle from the normal estimated from the first and last positions, degrees (0 without tilt).</summary>
    public required double TiltAngleDegrees { get; init; }

    /// <summary>Largest distance between a slice position and where the regular grid puts it, mm.</summary>
    public required double MaxPositionError { get; init; }

    /// <summary>Human-readable findings, one per irregularity, for the series report.</summary>
    public required IReadOnlyList<string> Findings { get; init; }

    /// <summary>True when the slices form a regular orthogonal grid.</summary>
    public bool IsRegular => Irregularities == StackIrregularity.None;
}
