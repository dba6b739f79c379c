using System.Numerics;

namespace MedImaging.Measurements;

public static partial class ImageMeasurements
{
    /// <summary>
    /// Intensity statistics of <paramref name="image"/> per label of <paramref name="labels"/>: count, sum, mean,
    /// sample sd, min, max, exact median, percentiles, skewness, kurtosis, weighted centroid (definitions in
    /// <see cref="LabelIntensityStatistics"/>). One pass over the voxels; 8- and 16-bit images keep a value histogram
    /// per label (exact order statistics without sorting), other types keep the values.
    /// </summary>
    /// <param name="image">The intensities (any voxel type).</param>
    /// <param name="labels">Non-negative integer labels on the same grid.</param>
    /// <param name="percentiles">Percentiles to report, each in [0, 100] (default none).</param>
    /// <param name="onlyLabels">Measure only these labels (default: every label present, 0 included, as ITK); skipping the
    /// background saves most of the work when one small label is wanted.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The label image is on another grid (ITK's tolerance).</exception>
    /// <exception cref="MedImagingException">A label voxel is not a non-negative integer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentile is outside [0, 100].</exception>
    public static LabelStatisticsResult LabelStatistics<TImage, TLabel>(Volume<TImage> image, Volume<TLabel> labels,
        IReadOnlyList<double>? percentiles = null, IReadOnlyCollection<int>? onlyLabels = null, ExecutionOptions? execution = null)
        where TImage : unmanaged, INumber<TImage>
        where TLabel : unmanaged, INumber<TLabel>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        image.Geometry.EnsureSameSpace(labels.Geometry, "the image and its label image");
        foreach (double p in percentiles ?? [])
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(p, 0, nameof(percentiles));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100, nameof(percentiles));
        }

        int offset = typeof(TImage) == typeof(short) || typeof(TImage) == typeof(sbyte) ? 32768 : 0;
        bool[]? wanted = null;
        if (onlyLabels is not null)
        {
            wanted = new bool[LabelCounts.MaxLabel(labels, "label image", execution) + 1];
            foreach (int l in onlyLabels.Where(l => l >= 0 && l < wanted.Length))
            {
                wanted[l] = true;
            }
        }

        var accumulators = LabelAccumulator.Run(image, labels, rowExtremes: false, wanted, skipBackground: false, execution);
        var result = new SortedDictionary<int, LabelIntensityStatistics>();
        for (int label = 0; label < accumulators.Length; label++)
        {
            if (accumulators[label] is { } a)
            {
                result[label] = Intensity(label, a, image.Geometry, offset, percentiles ?? []);
            }
        }

        return new LabelStatisticsResult(result);
    }

    /// <summary><see cref="LabelStatistics{TImage, TLabel}"/> for an image and a label image of any voxel types.</summary>
    /// <param name="image">The intensities, any voxel type.</param>
    /// <param name="labels">Non-negative integer labels of any voxel type on the same grid.</param>
    /// <param name="percentiles">Percentiles to report, each in [0, 100] (default none).</param>
    /// <param name="onlyLabels">Measure only these labels (default: every label present, 0 included, as ITK).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The intensity statistics of every measured label.</returns>
    /// <exception cref="ArgumentNullException">An image is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentile is outside [0, 100].</exception>
    /// <exception cref="GeometryMismatchException">The label image is on another grid (ITK's tolerance).</exception>
    /// <exception cref="MedImagingException">A label voxel is not a non-negative integer.</exception>
    public static LabelStatisticsResult LabelStatistics(Volume image, Volume labels, IReadOnlyList<double>? percentiles = null,
        IReadOnlyCollection<int>? onlyLabels = null, ExecutionOptions? execution = null) =>
        new LabelStatisticsVisitor(percentiles, onlyLabels, execution).Run(image, labels);

    private static LabelIntensityStatistics Intensity(int label, LabelAccumulator a, VolumeGeometry geometry, int offset, IReadOnlyList<double> percentiles)
    {
        long n = a.Count;
        var (s1, s2, s3, s4, min, max) = a.PowerSums(offset);
        double mean = s1 / n;
        double variance = n > 1 ? (s2 - (s1 * s1 / n)) / (n - 1) : 0;
        double sigma = Math.Sqrt(variance);
        double mean2 = mean * mean;
        double skewness = Math.Abs(variance * sigma) > double.Epsilon ? (((s3 - (3.0 * mean * s2)) / n) + (2.0 * mean * mean2)) / (variance * sigma) : 0;
        double kurtosis = Math.Abs(variance) > double.Epsilon
            ? ((((s4 - (4.0 * mean * s3) + (6.0 * mean2 * s2)) / n) - (3.0 * mean2 * mean2)) / (variance * variance)) - 3.0
            : 0;
        double[]? sorted = null;
        double median = n % 2 == 1
            ? a.ValueAtRank(n / 2, offset, ref sorted)
            : (a.ValueAtRank((n / 2) - 1, offset, ref sorted) + a.ValueAtRank(n / 2, offset, ref sorted)) / 2;
        var table = new SortedDictionary<double, double>();
        foreach (double p in percentiles)
        {
            double position = (n - 1) * p / 100.0;
            long below = (long)Math.Floor(position);
            double low = a.ValueAtRank(below, offset, ref sorted);
            double high = a.ValueAtRank(Math.Min(below + 1, n - 1), offset, ref sorted);
            table[p] = low + ((high - low) * (position - below));
        }

        Vec3 weighted = a.WeightSum != 0
            ? new Vec3(a.WeightedX, a.WeightedY, a.WeightedZ) / a.WeightSum
            : new Vec3(a.SumX, a.SumY, a.SumZ) / n;
        return new LabelIntensityStatistics(label, n, s1, mean, variance, sigma, min, max, median, table, skewness, kurtosis,
            geometry.TransformContinuousIndexToPhysicalPoint(weighted));
    }

    private sealed class LabelStatisticsVisitor(IReadOnlyList<double>? percentiles, IReadOnlyCollection<int>? onlyLabels, ExecutionOptions? execution)
        : VolumePairVisitor<LabelStatisticsResult>
    {
        public override LabelStatisticsResult Visit<TImage, TLabel>(Volume<TImage> image, Volume<TLabel> labels) =>
            LabelStatistics(image, labels, percentiles, onlyLabels, execution);
    }
}
