using System.Globalization;
using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Maps the intensity window [<paramref name="windowMinimum"/>, <paramref name="windowMaximum"/>] linearly onto
    /// [<paramref name="outputMinimum"/>, <paramref name="outputMaximum"/>]; voxels below the window get
    /// <paramref name="outputMinimum"/>, voxels above it <paramref name="outputMaximum"/>. The output keeps the
    /// input's voxel type, as in SimpleITK <c>IntensityWindowing</c> (ITK <c>IntensityWindowingImageFilter</c>);
    /// use <see cref="IntensityWindowing{TIn, TOut}"/> for another output type (e.g. float32).
    /// </summary>
    /// <remarks>
    /// ITK's arithmetic, bit for bit: the window bounds are converted to the input type and the output bounds to the
    /// output type first (truncation toward zero, saturating here where ITK's cast would overflow); then
    /// factor = (outMax − outMin) / (winMax − winMin), offset = outMin − winMin · factor, and a voxel x inside the window
    /// becomes (TOut)(x · factor + offset) computed in double — truncated toward zero for integer outputs (a CT
    /// window [−100, 300] → [0, 255] maps −20 HU to 50, not 51, because the offset 63.75 is 63.74999999999999 in
    /// double and −20 · 0.6375 + 63.74999999999999 = 50.99999999999999). NaN voxels give NaN (float output) or 0 (integer output).
    /// </remarks>
    /// <typeparam name="T">Voxel type of input and output.</typeparam>
    /// <param name="image">Input volume (e.g. CT in HU).</param>
    /// <param name="windowMinimum">Lower end of the window, in the image's units.</param>
    /// <param name="windowMaximum">Upper end of the window, in the image's units.</param>
    /// <param name="outputMinimum">Value for the window's lower end and below (default 0).</param>
    /// <param name="outputMaximum">Value for the window's upper end and above (default 255).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">The window is empty after conversion to <typeparamref name="T"/>
    /// (windowMinimum ≥ windowMaximum) or a bound is NaN.</exception>
    public static Volume<T> IntensityWindowing<T>(Volume<T> image, double windowMinimum, double windowMaximum,
        double outputMinimum = 0, double outputMaximum = 255, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> =>
        IntensityWindowing<T, T>(image, windowMinimum, windowMaximum, outputMinimum, outputMaximum, execution);

    /// <summary>
    /// <see cref="IntensityWindowing{T}"/> with an explicit output voxel type, e.g.
    /// <c>IntensityWindowing&lt;short, float&gt;(ct, -160, 240, 0, 1)</c> for a [0, 1] float display window.
    /// </summary>
    /// <typeparam name="TIn">Input voxel type.</typeparam>
    /// <typeparam name="TOut">Output voxel type.</typeparam>
    /// <param name="image">Input volume.</param>
    /// <param name="windowMinimum">Lower end of the window, in the image's units.</param>
    /// <param name="windowMaximum">Upper end of the window, in the image's units.</param>
    /// <param name="outputMinimum">Value for the window's lower end and below (default 0).</param>
    /// <param name="outputMaximum">Value for the window's upper end and above (default 255).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">The window is empty after conversion or a bound is NaN.</exception>
    public static Volume<TOut> IntensityWindowing<TIn, TOut>(Volume<TIn> image, double windowMinimum, double windowMaximum,
        double outputMinimum = 0, double outputMaximum = 255, ExecutionOptions? execution = null)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(image);
        SpanMap<TIn, TOut> map = IntensityWindowingMap<TIn, TOut>(windowMinimum, windowMaximum, outputMinimum, outputMaximum);
        var output = Volume<TOut>.CreateLike(image);
        FlatLoop.Map(image, output, execution, map);
        return output;
    }

    /// <summary>
    /// The voxels of <see cref="IntensityWindowing(Volume, double, double, double, double, ExecutionOptions?)"/>
    /// computed slab by slab, to be written with <see cref="IO.ImageFile.Write(VolumeSlabSource, string, bool, ExecutionOptions?)"/>
    /// without holding the whole output.
    /// </summary>
    /// <param name="image">Input volume of any voxel type; it must stay unchanged until the slabs are consumed.</param>
    /// <param name="windowMinimum">Lower end of the window, in the image's units.</param>
    /// <param name="windowMaximum">Upper end of the window, in the image's units.</param>
    /// <param name="outputMinimum">Value for the window's lower end and below (default 0).</param>
    /// <param name="outputMaximum">Value for the window's upper end and above (default 255).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A slab source of the input's type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">The window is empty after conversion or a bound is NaN.</exception>
    public static VolumeSlabSource IntensityWindowingSlabs(Volume image, double windowMinimum, double windowMaximum,
        double outputMinimum = 0, double outputMaximum = 255, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new IntensityWindowingSlabsVisitor(windowMinimum, windowMaximum, outputMinimum, outputMaximum, execution));

    /// <summary>The per-block operation of an intensity window, its bounds checked and converted as ITK does.</summary>
    private static SpanMap<TIn, TOut> IntensityWindowingMap<TIn, TOut>(double windowMinimum, double windowMaximum,
        double outputMinimum, double outputMaximum)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        if (double.IsNaN(outputMinimum) || double.IsNaN(outputMaximum))
        {
            throw new ArgumentException("outputMinimum and outputMaximum must not be NaN", nameof(outputMinimum));
        }

        TIn low = TIn.CreateSaturating(windowMinimum);
        TIn high = TIn.CreateSaturating(windowMaximum);
        if (!(low < high))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the window [{windowMinimum}, {windowMaximum}] is empty as {PixelTypes.Of<TIn>().ToName()} values ([{low}, {high}]); windowMinimum must be below windowMaximum"), nameof(windowMinimum));
        }

        TOut outMin = TOut.CreateSaturating(outputMinimum);
        TOut outMax = TOut.CreateSaturating(outputMaximum);
        return new IntensityWindowingKernel<TIn, TOut>(low, high, outMin, outMax, clampOutput: false).Apply;
    }

    /// <summary>
    /// <see cref="IntensityWindowing{T}"/> for a volume of any voxel type; the output keeps that type.
    /// </summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="windowMinimum">Lower end of the window, in the image's units.</param>
    /// <param name="windowMaximum">Upper end of the window, in the image's units.</param>
    /// <param name="outputMinimum">Value for the window's lower end and below (default 0).</param>
    /// <param name="outputMaximum">Value for the window's upper end and above (default 255).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume of the input's type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">The window is empty after conversion to the image's voxel type, or a bound is NaN.</exception>
    public static Volume IntensityWindowing(Volume image, double windowMinimum, double windowMaximum,
        double outputMinimum = 0, double outputMaximum = 255, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new IntensityWindowingVisitor(windowMinimum, windowMaximum, outputMinimum, outputMaximum, execution));

    private sealed class IntensityWindowingVisitor(double windowMinimum, double windowMaximum, double outputMinimum,
        double outputMaximum, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            IntensityWindowing(volume, windowMinimum, windowMaximum, outputMinimum, outputMaximum, execution);
    }

    private sealed class IntensityWindowingSlabsVisitor(double windowMinimum, double windowMaximum, double outputMinimum,
        double outputMaximum, ExecutionOptions? execution) : IVolumeVisitor<VolumeSlabSource>
    {
        public VolumeSlabSource Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            new FlatMapSlabs<T, T>(volume, execution, IntensityWindowingMap<T, T>(windowMinimum, windowMaximum, outputMinimum, outputMaximum));
    }
}
