using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Li threshold as SimpleITK's <c>LiThreshold</c> (ITK <c>LiThresholdImageFilter</c>, a histogram threshold
    /// filter): Li and Tam (Pattern Recognit Lett 19:771, 1998), iterative minimum cross entropy: the centre of the bin where the iteration settles. The histogram and the masking follow <see cref="OtsuThreshold{T}"/>'s rules
    /// (range min to max + (max − min)/(100 · bins)); the threshold is converted to <typeparamref name="T"/>
    /// (truncated for integers). Voxels ≤ threshold get <paramref name="insideValue"/>, others
    /// <paramref name="outsideValue"/>, 0 where the mask is 0.
    /// </summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="insideValue">Label at or below the threshold (SimpleITK default 1).</param>
    /// <param name="outsideValue">Label above the threshold (SimpleITK default 0).</param>
    /// <param name="numberOfHistogramBins">Histogram bins (SimpleITK default 256).</param>
    /// <param name="mask">Optional mask on the same grid; only voxels equal to <paramref name="maskValue"/> make the histogram.</param>
    /// <param name="maskValue">Mask label (ours 1; SimpleITK's default is 255).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The mask and the threshold (intensity units).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    /// <exception cref="MedImagingException">The mask selects no voxel.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfHistogramBins"/> is below 1.</exception>
    public static HistogramThresholdResult LiThreshold<T>(Volume<T> image, byte insideValue = 1, byte outsideValue = 0, int numberOfHistogramBins = 256,
        Volume<byte>? mask = null, byte maskValue = 1, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        var (output, threshold) = HistogramThreshold(image, numberOfHistogramBins, mask, maskValue, insideValue, outsideValue, HistogramThresholdCalculators.Li, execution);
        return new HistogramThresholdResult(output, threshold);
    }

    /// <summary><see cref="LiThreshold{T}"/> for a volume of any voxel type.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="insideValue">Label at or below the threshold (SimpleITK default 1).</param>
    /// <param name="outsideValue">Label above the threshold (SimpleITK default 0).</param>
    /// <param name="numberOfHistogramBins">Histogram bins, ≥ 1 (SimpleITK default 256).</param>
    /// <param name="mask">Optional mask on the same grid; only voxels equal to <paramref name="maskValue"/> make the histogram.</param>
    /// <param name="maskValue">Mask label (ours 1; SimpleITK's default is 255).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The mask and the threshold (intensity units, converted to the image's voxel type).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfHistogramBins"/> is below 1.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    /// <exception cref="MedImagingException">The mask selects no voxel.</exception>
    public static HistogramThresholdResult LiThreshold(Volume image, byte insideValue = 1, byte outsideValue = 0, int numberOfHistogramBins = 256,
        Volume<byte>? mask = null, byte maskValue = 1, ExecutionOptions? execution = null)
    {
        var (output, threshold) = HistogramThreshold(image, numberOfHistogramBins, mask, maskValue, insideValue, outsideValue, HistogramThresholdCalculators.Li, execution);
        return new HistogramThresholdResult(output, threshold);
    }
}
