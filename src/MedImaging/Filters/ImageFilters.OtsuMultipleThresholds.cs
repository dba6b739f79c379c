using System.Numerics;

namespace MedImaging.Filters;

/// <summary>The output of <see cref="ImageFilters.OtsuMultipleThresholds{T}"/>.</summary>
/// <param name="Labels">labelOffset + the number of thresholds below each voxel (a voxel equal to a threshold belongs to the lower class).</param>
/// <param name="Thresholds">The thresholds, ascending, intensity units (not converted to the voxel type, as ITK).</param>
public sealed record OtsuMultipleThresholdsResult(Volume<byte> Labels, IReadOnlyList<double> Thresholds);

public static partial class ImageFilters
{
    /// <summary>
    /// Multi-level Otsu as SimpleITK's <c>OtsuMultipleThresholds</c> (ITK <c>OtsuMultipleThresholdsImageFilter</c>,
    /// Liao, Chen and Chung 2001): every placement of the thresholds on the histogram bins is tried and the one
    /// maximising the between-class variance wins (first found on ties); each threshold is its bin's upper edge, or
    /// its centre with <paramref name="returnBinMidpoint"/>. Cost grows as bins^thresholds: keep both small.
    /// </summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="numberOfThresholds">Thresholds (SimpleITK default 1).</param>
    /// <param name="labelOffset">Added to every output label (SimpleITK default 0).</param>
    /// <param name="numberOfHistogramBins">Histogram bins (SimpleITK default 128).</param>
    /// <param name="valleyEmphasis">Ng's valley-emphasis weighting (SimpleITK default false).</param>
    /// <param name="returnBinMidpoint">Bin centres instead of upper edges (SimpleITK default false).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The class labels (uint8) and the thresholds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 bin, or <paramref name="numberOfThresholds"/> not 1 to bins − 1.</exception>
    /// <exception cref="MedImagingException">Every voxel is NaN.</exception>
    public static OtsuMultipleThresholdsResult OtsuMultipleThresholds<T>(Volume<T> image, int numberOfThresholds = 1, byte labelOffset = 0,
        int numberOfHistogramBins = 128, bool valleyEmphasis = false, bool returnBinMidpoint = false, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        var histogram = IntensityHistogram.Compute(image, numberOfHistogramBins, mask: null, maskValue: 0, execution);
        int[] bins = OtsuCalculator.Compute(histogram, numberOfThresholds, valleyEmphasis);
        double[] thresholds = [.. bins.Select(b => returnBinMidpoint ? histogram.BinCenter(b) : histogram.BinMax(b))];
        var labels = Volume<byte>.CreateLike(image);
        Parallelism.For(image.Voxels.Length, 1 << 20, execution, (start, end) =>
        {
            ReadOnlySpan<T> voxels = image.Voxels[start..end];
            Span<byte> output = labels.Voxels[start..end];
            for (int i = 0; i < voxels.Length; i++)
            {
                double v = double.CreateTruncating(voxels[i]);
                int below = 0;
                while (below < thresholds.Length && v > thresholds[below])
                {
                    below++;
                }

                output[i] = (byte)(labelOffset + below);
            }
        });
        return new OtsuMultipleThresholdsResult(labels, thresholds);
    }

    /// <summary><see cref="OtsuMultipleThresholds{T}"/> for a volume of any voxel type.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="numberOfThresholds">Thresholds, ≥ 1 (SimpleITK default 1).</param>
    /// <param name="labelOffset">Added to every output label (SimpleITK default 0).</param>
    /// <param name="numberOfHistogramBins">Histogram bins, ≥ 1 (SimpleITK default 128).</param>
    /// <param name="valleyEmphasis">Ng's valley-emphasis weighting (SimpleITK default false).</param>
    /// <param name="returnBinMidpoint">Bin centres instead of upper edges (SimpleITK default false).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The class labels (uint8) and the thresholds (intensity units).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 bin, or <paramref name="numberOfThresholds"/> not 1 to bins − 1.</exception>
    /// <exception cref="MedImagingException">Every voxel is NaN.</exception>
    public static OtsuMultipleThresholdsResult OtsuMultipleThresholds(Volume image, int numberOfThresholds = 1, byte labelOffset = 0,
        int numberOfHistogramBins = 128, bool valleyEmphasis = false, bool returnBinMidpoint = false, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new OtsuMultipleThresholdsVisitor(numberOfThresholds, labelOffset, numberOfHistogramBins, valleyEmphasis,
            returnBinMidpoint, execution));

    private sealed class OtsuMultipleThresholdsVisitor(int numberOfThresholds, byte labelOffset, int numberOfHistogramBins, bool valleyEmphasis,
        bool returnBinMidpoint, ExecutionOptions? execution) : IVolumeVisitor<OtsuMultipleThresholdsResult>
    {
        public OtsuMultipleThresholdsResult Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            OtsuMultipleThresholds(volume, numberOfThresholds, labelOffset, numberOfHistogramBins, valleyEmphasis, returnBinMidpoint, execution);
    }
}
