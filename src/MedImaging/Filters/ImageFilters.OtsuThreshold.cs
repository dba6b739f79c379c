using System.Numerics;

namespace MedImaging.Filters;

/// <summary>The output of <see cref="ImageFilters.OtsuThreshold{T}"/>.</summary>
/// <param name="Mask">insideValue where voxel ≤ <paramref name="Threshold"/>, outsideValue above (0 outside the mask).</param>
/// <param name="Threshold">The threshold in the image's intensity units, already converted to the voxel type.</param>
public sealed record OtsuThresholdResult(Volume<byte> Mask, double Threshold);

/// <summary>Image-to-image filters with SimpleITK's procedural names and defaults.</summary>
public static partial class ImageFilters
{
    /// <summary>
    /// Otsu's threshold (Otsu 1979, IEEE SMC 9:62) as SimpleITK's <c>OtsuThreshold</c> / ITK's
    /// <c>OtsuThresholdImageFilter</c> (ITK 5 defaults, ReturnBinMidpoint false): a histogram of
    /// <paramref name="numberOfHistogramBins"/> equal bins from the minimum to max + (max − min)/(100 · bins) over the
    /// voxels (inside the mask when given); the bin maximising the between-class variance; threshold = that bin's
    /// upper edge converted to <typeparamref name="T"/> (truncated toward zero for integer types, as ITK's
    /// <c>static_cast</c>). Voxels ≤ threshold get <paramref name="insideValue"/>, others
    /// <paramref name="outsideValue"/>; with a mask, voxels where the mask is 0 get 0 (SimpleITK's MaskOutput).
    /// </summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="insideValue">Label of voxels at or below the threshold (SimpleITK default 1).</param>
    /// <param name="outsideValue">Label of voxels above the threshold (SimpleITK default 0).</param>
    /// <param name="numberOfHistogramBins">Histogram bins (SimpleITK default 128).</param>
    /// <param name="mask">Optional mask on the same grid: only voxels equal to <paramref name="maskValue"/> make the histogram.</param>
    /// <param name="maskValue">Mask label used for the histogram. Note: SimpleITK's default is 255; ours is 1 (masks here are 0/1).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The mask and the threshold (intensity units).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    /// <exception cref="MedImagingException">The mask selects no voxel.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfHistogramBins"/> is below 1.</exception>
    public static OtsuThresholdResult OtsuThreshold<T>(Volume<T> image, byte insideValue = 1, byte outsideValue = 0, int numberOfHistogramBins = 128,
        Volume<byte>? mask = null, byte maskValue = 1, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        var (output, threshold) = HistogramThreshold(image, numberOfHistogramBins, mask, maskValue, insideValue, outsideValue, OtsuBinMaximum, execution);
        return new OtsuThresholdResult(output, threshold);
    }

    /// <summary><see cref="OtsuThreshold{T}"/> for a volume of any voxel type.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="insideValue">Label at or below the threshold (SimpleITK default 1).</param>
    /// <param name="outsideValue">Label above the threshold (SimpleITK default 0).</param>
    /// <param name="numberOfHistogramBins">Histogram bins, ≥ 1 (SimpleITK default 128).</param>
    /// <param name="mask">Optional mask on the same grid; only voxels equal to <paramref name="maskValue"/> make the histogram.</param>
    /// <param name="maskValue">Mask label (ours 1; SimpleITK's default is 255).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The mask and the threshold (intensity units, converted to the image's voxel type).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfHistogramBins"/> is below 1.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    /// <exception cref="MedImagingException">The mask selects no voxel.</exception>
    public static OtsuThresholdResult OtsuThreshold(Volume image, byte insideValue = 1, byte outsideValue = 0, int numberOfHistogramBins = 128,
        Volume<byte>? mask = null, byte maskValue = 1, ExecutionOptions? execution = null)
    {
        var (output, threshold) = HistogramThreshold(image, numberOfHistogramBins, mask, maskValue, insideValue, outsideValue, OtsuBinMaximum, execution);
        return new OtsuThresholdResult(output, threshold);
    }

    /// <summary>Otsu's threshold of a histogram: the upper edge of the bin maximising the between-class variance.</summary>
    private static double OtsuBinMaximum(IntensityHistogram h) =>
        h.BinMax(h.BinCount == 1 ? 0 : OtsuCalculator.Compute(h, 1, valleyEmphasis: false)[0]);

    /// <summary>
    /// ITK's <c>HistogramThresholdImageFilter</c>: histogram (inside the mask), the calculator's threshold converted
    /// to <typeparamref name="T"/> (static_cast: truncation toward zero for integers), then
    /// <see cref="ThresholdAtOrBelow{T}"/>.
    /// </summary>
    private static (Volume<byte> Mask, double Threshold) HistogramThreshold<T>(Volume<T> image, int bins, Volume<byte>? mask, byte maskValue,
        byte insideValue, byte outsideValue, Func<IntensityHistogram, double> calculator, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        var histogram = IntensityHistogram.Compute(image, bins, mask, maskValue, execution);
        T threshold = T.CreateSaturating(calculator(histogram));
        return (ThresholdAtOrBelow(image, threshold, insideValue, outsideValue, mask, execution), double.CreateTruncating(threshold));
    }

    /// <summary><see cref="HistogramThreshold{T}"/> for a volume of any voxel type: the non-generic histogram threshold filters.</summary>
    private static (Volume<byte> Mask, double Threshold) HistogramThreshold(Volume image, int bins, Volume<byte>? mask, byte maskValue,
        byte insideValue, byte outsideValue, Func<IntensityHistogram, double> calculator, ExecutionOptions? execution) =>
        VolumeDispatch.Accept(image, new HistogramThresholdVisitor(bins, mask, maskValue, insideValue, outsideValue, calculator, execution));

    /// <summary>
    /// The labelling step of ITK's histogram threshold filters: inside where voxel ≤ threshold, outside above;
    /// where <paramref name="mask"/> is 0 the output is 0 (ITK's MaskImageFilter after thresholding).
    /// </summary>
    internal static Volume<byte> ThresholdAtOrBelow<T>(Volume<T> image, T threshold, byte insideValue, byte outsideValue, Volume<byte>? mask, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        var output = Volume<byte>.CreateLike(image);
        Parallelism.For(image.Voxels.Length, 1 << 20, execution, (start, end) =>
        {
            ReadOnlySpan<T> voxels = image.Voxels[start..end];
            Span<byte> labels = output.Voxels[start..end];
            for (int i = 0; i < voxels.Length; i++)
            {
                labels[i] = voxels[i] <= threshold ? insideValue : outsideValue;
            }

            if (mask is not null)
            {
                ReadOnlySpan<byte> m = mask.Voxels[start..end];
                for (int i = 0; i < m.Length; i++)
                {
                    labels[i] = m[i] == 0 ? (byte)0 : labels[i];
                }
            }
        });
        return output;
    }

    private sealed class HistogramThresholdVisitor(int bins, Volume<byte>? mask, byte maskValue, byte insideValue, byte outsideValue,
        Func<IntensityHistogram, double> calculator, ExecutionOptions? execution) : IVolumeVisitor<(Volume<byte> Mask, double Threshold)>
    {
        public (Volume<byte> Mask, double Threshold) Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => HistogramThreshold(volume, bins, mask, maskValue, insideValue, outsideValue, calculator, execution);
    }
}
