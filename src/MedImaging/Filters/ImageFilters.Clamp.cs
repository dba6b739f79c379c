using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Limits every voxel to [<paramref name="lowerBound"/>, <paramref name="upperBound"/>]; the voxel type and
    /// geometry are kept (SimpleITK <c>Clamp</c>, ITK <c>ClampImageFilter</c>, whose bounds default to the type's
    /// range; here the defaults are unbounded, which is the same for integers and leaves float ±∞ alone).
    /// </summary>
    /// <remarks>
    /// The bounds are real numbers mapped to the nearest voxel values inside them (an integer image clamped to
    /// [0.5, 9.5] gets [1, 9]); bounds beyond the type's range are clipped to it. NaN voxels stay NaN.
    /// </remarks>
    /// <typeparam name="T">Voxel type.</typeparam>
    /// <param name="image">Input volume.</param>
    /// <param name="lowerBound">Lowest output value, in the image's units (default −∞: the type's minimum for integers; float ±∞ voxels are kept).</param>
    /// <param name="upperBound">Highest output value, in the image's units (default +∞: the type's maximum for integers).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">A bound is NaN, lower &gt; upper, or no value of type
    /// <typeparamref name="T"/> lies between them.</exception>
    public static Volume<T> Clamp<T>(Volume<T> image, double lowerBound = double.NegativeInfinity,
        double upperBound = double.PositiveInfinity, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        var range = IntensityRange<T>.FromReal(lowerBound, upperBound, nameof(lowerBound), nameof(upperBound));
        if (range.IsEmpty)
        {
            throw new ArgumentException($"no {PixelTypes.Of<T>().ToName()} value lies in [{lowerBound.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {upperBound.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", nameof(lowerBound));
        }

        var output = Volume<T>.CreateLike(image);
        var kernel = new ClampKernel<T>(range.Lower, range.Upper);
        FlatLoop.Map<T, T>(image, output, execution, kernel.Apply);
        return output;
    }

    /// <summary><see cref="Clamp{T}"/> for a volume of any voxel type; the voxel type and geometry are kept.</summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="lowerBound">Lowest output value, in the image's units (default −∞: the type's minimum for integers).</param>
    /// <param name="upperBound">Highest output value, in the image's units (default +∞: the type's maximum for integers).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume of the input's voxel type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">A bound is NaN, lower &gt; upper, or no value of the image's voxel type lies
    /// between them.</exception>
    public static Volume Clamp(Volume image, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity,
        ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new ClampVisitor(lowerBound, upperBound, execution));

    private sealed class ClampVisitor(double lowerBound, double upperBound, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Clamp(volume, lowerBound, upperBound, execution);
    }
}
