namespace MedImaging.Measurements;

/// <summary>
/// Intensity statistics of one label (SimpleITK's <c>LabelStatisticsImageFilter</c> and
/// <c>LabelIntensityStatisticsImageFilter</c> definitions). An empty label has Count 0 and every other field 0
/// (never NaN); a single voxel has Variance, Sigma, Skewness and Kurtosis 0.
/// </summary>
/// <param name="Label">The label value.</param>
/// <param name="Count">Voxels with this label.</param>
/// <param name="Sum">Σv (image units).</param>
/// <param name="Mean">Σv / n.</param>
/// <param name="Variance">Sample variance (Σv² − (Σv)²/n) / (n − 1).</param>
/// <param name="Sigma">√Variance (n − 1 denominator, as ITK).</param>
/// <param name="Minimum">Smallest value.</param>
/// <param name="Maximum">Largest value.</param>
/// <param name="Median">Exact median: the middle value, or the mean of the two middle values for an even count.</param>
/// <param name="Percentiles">Requested percentiles (p in [0, 100] → value), linear interpolation between order statistics (numpy's default).</param>
/// <param name="Skewness">ITK's ((Σv³ − 3μΣv²)/n + 2μ³) / σ³ with the sample σ.</param>
/// <param name="Kurtosis">ITK's excess kurtosis ((Σv⁴ − 4μΣv³ + 6μ²Σv²)/n − 3μ⁴) / σ⁴ − 3 with the sample σ.</param>
/// <param name="WeightedCentroid">Σ v·p / Σ v over the voxel centres p (LPS mm), ITK's CenterOfGravity; the plain centroid when Σv = 0.</param>
public sealed record LabelIntensityStatistics(int Label, long Count, double Sum, double Mean, double Variance, double Sigma,
    double Minimum, double Maximum, double Median, IReadOnlyDictionary<double, double> Percentiles, double Skewness, double Kurtosis,
    Vec3 WeightedCentroid)
{
    /// <summary>The statistics of a label with no voxel.</summary>
    public static LabelIntensityStatistics Empty(int label) =>
        new(label, 0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<double, double>(), 0, 0, Vec3.Zero);
}

/// <summary>The output of <see cref="ImageMeasurements.LabelStatistics{TImage, TLabel}"/>.</summary>
/// <param name="Labels">Every label present (0 included, as ITK's LabelStatisticsImageFilter), ascending.</param>
public sealed record LabelStatisticsResult(IReadOnlyDictionary<int, LabelIntensityStatistics> Labels)
{
    /// <summary>The statistics of <paramref name="label"/>; <see cref="LabelIntensityStatistics.Empty"/> when absent.</summary>
    public LabelIntensityStatistics Get(int label) => Labels.TryGetValue(label, out var s) ? s : LabelIntensityStatistics.Empty(label);
}
