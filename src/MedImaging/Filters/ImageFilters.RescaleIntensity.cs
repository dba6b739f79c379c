using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Maps the image's own [minimum, maximum] linearly onto [<paramref name="outputMinimum"/>,
    /// <paramref name="outputMaximum"/>]; the voxel type is kept (SimpleITK <c>RescaleIntensity</c>, ITK
    /// <c>RescaleIntensityImageFilter</c>, defaults 0 and 255).
    /// </summary>
    /// <remarks>
    /// ITK's rule: scale = (outMax − outMin) / (max − min); when max = min, scale = (outMax − outMin) / max, or 0 when
    /// max is 0 too; shift = outMin − min · scale; each voxel becomes (T)(x · scale + shift) in double (truncated for
    /// integer types), then clamped to [outMin, outMax]. Minimum and maximum ignore NaN voxels, which stay NaN.
    /// </remarks>
    /// <typeparam name="T">Voxel type of input and output.</typeparam>
    /// <param name="image">Input volume.</param>
    /// <param name="outputMinimum">Value of the image's minimum in the output (default 0).</param>
    /// <param name="outputMaximum">Value of the image's maximum in the output (default 255).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputMinimum"/> &gt; <paramref name="outputMaximum"/>
    /// (ITK refuses it too) or either is NaN.</exception>
    public static Volume<T> RescaleIntensity<T>(Volume<T> image, double outputMinimum = 0, double outputMaximum = 255,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(outputMinimum <= outputMaximum))
        {
            throw new ArgumentException("outputMinimum must not exceed outputMaximum, and neither may be NaN", nameof(outputMinimum));
        }

        StatisticsResult statistics = Statistics(image, execution);
        T min = T.CreateTruncating(statistics.Minimum);
        T max = T.CreateTruncating(statistics.Maximum);
        T outMin = T.CreateSaturating(outputMinimum);
        T outMax = T.CreateSaturating(outputMaximum);
        double range = double.CreateTruncating(outMax) - double.CreateTruncating(outMin);
        double scale = min != max ? range / (statistics.Maximum - statistics.Minimum)
            : max != T.Zero ? range / statistics.Maximum
            : 0;
        var kernel = new IntensityWindowingKernel<T, T>(min, max, outMin, outMax, clampOutput: true, scale);
        var output = Volume<T>.CreateLike(image);
        FlatLoop.Map<T, T>(image, output, execution, kernel.Apply);
        return output;
    }

    /// <summary><see cref="RescaleIntensity{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="outputMinimum">Value of the image's minimum in the output (default 0).</param>
    /// <param name="outputMaximum">Value of the image's maximum in the output (default 255).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume of the input's voxel type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputMinimum"/> &gt; <paramref name="outputMaximum"/>
    /// or either is NaN.</exception>
    public static Volume RescaleIntensity(Volume image, double outputMinimum = 0, double outputMaximum = 255, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new RescaleIntensityVisitor(outputMinimum, outputMaximum, execution));

    private sealed class RescaleIntensityVisitor(double outputMinimum, double outputMaximum, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => RescaleIntensity(volume, outputMinimum, outputMaximum, execution);
    }
}
