using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Marks voxels whose value lies in [<paramref name="lowerThreshold"/>, <paramref name="upperThreshold"/>]
    /// (both inclusive) with <paramref name="insideValue"/> and all others with <paramref name="outsideValue"/>
    /// (SimpleITK <c>BinaryThreshold</c>, ITK <c>BinaryThresholdImageFilter</c>, same defaults); geometry is kept.
    /// </summary>
    /// <remarks>
    /// The thresholds are compared with the voxel values as real numbers: for an integer image the interval
    /// [0.5, 10.5] selects 1…10. (ITK first truncates the thresholds to the input type, which would select 0…10;
    /// integer thresholds — the usual case, e.g. HU — give identical results.) NaN voxels are outside.
    /// </remarks>
    /// <typeparam name="T">Input voxel type.</typeparam>
    /// <param name="image">Input volume (e.g. CT in HU).</param>
    /// <param name="lowerThreshold">Lowest value inside, in the image's units (default 0).</param>
    /// <param name="upperThreshold">Highest value inside, in the image's units (default 255).</param>
    /// <param name="insideValue">Output for voxels inside (default 1).</param>
    /// <param name="outsideValue">Output for voxels outside (default 0).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A uint8 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">A threshold is NaN or lower &gt; upper (ITK refuses this too).</exception>
    public static Volume<byte> BinaryThreshold<T>(Volume<T> image, double lowerThreshold = 0, double upperThreshold = 255,
        byte insideValue = 1, byte outsideValue = 0, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        SpanMap<T, byte> map = BinaryThresholdMap<T>(lowerThreshold, upperThreshold, insideValue, outsideValue);
        var output = Volume<byte>.CreateLike(image);
        FlatLoop.Map(image, output, execution, map);
        return output;
    }

    /// <summary>
    /// The voxels of <see cref="BinaryThreshold(Volume, double, double, byte, byte, ExecutionOptions?)"/> computed slab
    /// by slab, to be written with <see cref="IO.ImageFile.Write(VolumeSlabSource, string, bool, ExecutionOptions?)"/> without holding the
    /// whole mask.
    /// </summary>
    /// <param name="image">Input volume of any voxel type; it must stay unchanged until the slabs are consumed.</param>
    /// <param name="lowerThreshold">Lowest value inside (inclusive).</param>
    /// <param name="upperThreshold">Highest value inside (inclusive).</param>
    /// <param name="insideValue">Output for voxels inside.</param>
    /// <param name="outsideValue">Output for voxels outside.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A uint8 slab source on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">A threshold is NaN or lower &gt; upper.</exception>
    public static VolumeSlabSource BinaryThresholdSlabs(Volume image, double lowerThreshold = 0, double upperThreshold = 255,
        byte insideValue = 1, byte outsideValue = 0, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new BinaryThresholdSlabsVisitor(lowerThreshold, upperThreshold, insideValue, outsideValue, execution));

    /// <summary>The per-block operation of a binary threshold (a fill with the outside value when the range is empty).</summary>
    private static SpanMap<T, byte> BinaryThresholdMap<T>(double lowerThreshold, double upperThreshold, byte insideValue, byte outsideValue)
        where T : unmanaged, INumber<T>
    {
        var range = IntensityRange<T>.FromReal(lowerThreshold, upperThreshold, nameof(lowerThreshold), nameof(upperThreshold));
        if (range.IsEmpty)
        {
            return (_, destination) => destination.Fill(outsideValue);
        }

        return new BinaryThresholdKernel<T>(range.Lower, range.Upper, insideValue, outsideValue).Apply;
    }

    /// <summary>
    /// <see cref="BinaryThreshold{T}"/> for a volume of any voxel type (e.g. as read from a file).
    /// </summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="lowerThreshold">Lowest value inside (default 0).</param>
    /// <param name="upperThreshold">Highest value inside (default 255).</param>
    /// <param name="insideValue">Output for voxels inside (default 1).</param>
    /// <param name="outsideValue">Output for voxels outside (default 0).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A uint8 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static Volume<byte> BinaryThreshold(Volume image, double lowerThreshold = 0, double upperThreshold = 255,
        byte insideValue = 1, byte outsideValue = 0, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new BinaryThresholdVisitor(lowerThreshold, upperThreshold, insideValue, outsideValue, execution));

    private sealed class BinaryThresholdVisitor(double lower, double upper, byte inside, byte outside, ExecutionOptions? execution)
        : IVolumeVisitor<Volume<byte>>
    {
        public Volume<byte> Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => BinaryThreshold(volume, lower, upper, inside, outside, execution);
    }

    private sealed class BinaryThresholdSlabsVisitor(double lower, double upper, byte inside, byte outside, ExecutionOptions? execution)
        : IVolumeVisitor<VolumeSlabSource>
    {
        public VolumeSlabSource Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            new FlatMapSlabs<T, byte>(volume, execution, BinaryThresholdMap<T>(lower, upper, inside, outside));
    }
}
