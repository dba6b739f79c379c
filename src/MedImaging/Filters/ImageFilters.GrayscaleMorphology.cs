using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Grayscale dilation as SimpleITK's <c>GrayscaleDilate</c>: each voxel becomes the maximum under the flat
    /// kernel; voxels beyond the image are ignored.
    /// </summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default, ITK's ball) or box.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<T> GrayscaleDilate<T>(Volume<T> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> => Grayscale(image, kernelRadius, kernelType, [true], safeBorder: false, execution);

    /// <summary>Grayscale erosion as SimpleITK's <c>GrayscaleErode</c>: the minimum under the kernel; outside ignored.</summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<T> GrayscaleErode<T>(Volume<T> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> => Grayscale(image, kernelRadius, kernelType, [false], safeBorder: false, execution);

    /// <summary>
    /// Grayscale closing as SimpleITK's <c>GrayscaleMorphologicalClosing</c>: dilation then erosion; with
    /// <paramref name="safeBorder"/> (SimpleITK default true) the image is padded by the radius first so the
    /// border behaves as if the image went on.
    /// </summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="safeBorder">Pad before closing (SimpleITK default true).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<T> GrayscaleMorphologicalClosing<T>(Volume<T> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        bool safeBorder = true, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> => Grayscale(image, kernelRadius, kernelType, [true, false], safeBorder, execution);

    /// <summary>
    /// Grayscale opening as SimpleITK's <c>GrayscaleMorphologicalOpening</c>: erosion then dilation, with the same
    /// SafeBorder padding (SimpleITK default true).
    /// </summary>
    /// <param name="image">The image (any voxel type).</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="safeBorder">Pad before opening (SimpleITK default true).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<T> GrayscaleMorphologicalOpening<T>(Volume<T> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        bool safeBorder = true, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> => Grayscale(image, kernelRadius, kernelType, [false, true], safeBorder, execution);

    /// <summary><see cref="GrayscaleDilate{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default, ITK's ball) or box.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image of the input's voxel type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume GrayscaleDilate(Volume image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new GrayscaleVisitor(kernelRadius, kernelType, [true], safeBorder: false, execution));

    /// <summary><see cref="GrayscaleErode{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image of the input's voxel type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume GrayscaleErode(Volume image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new GrayscaleVisitor(kernelRadius, kernelType, [false], safeBorder: false, execution));

    /// <summary><see cref="GrayscaleMorphologicalClosing{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="safeBorder">Pad before closing (SimpleITK default true).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image of the input's voxel type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume GrayscaleMorphologicalClosing(Volume image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        bool safeBorder = true, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new GrayscaleVisitor(kernelRadius, kernelType, [true, false], safeBorder, execution));

    /// <summary><see cref="GrayscaleMorphologicalOpening{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The image, any voxel type.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="safeBorder">Pad before opening (SimpleITK default true).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new image of the input's voxel type on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume GrayscaleMorphologicalOpening(Volume image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        bool safeBorder = true, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new GrayscaleVisitor(kernelRadius, kernelType, [false, true], safeBorder, execution));

    /// <summary>Runs dilations (true) and erosions (false) in order, on a grid padded by the radius when asked.</summary>
    private static Volume<T> Grayscale<T>(Volume<T> image, KernelRadius? kernelRadius, KernelType kernelType, bool[] steps, bool safeBorder, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        KernelRadius radius = kernelRadius ?? 1;
        var element = StructuringElement.Create(radius, kernelType);
        Size3 size = image.Size;
        T[] data = image.Voxels.ToArray();
        KernelRadius pad = safeBorder ? radius : new KernelRadius(0, 0, 0);
        // Padding with the first step's neutral value (minimum before a dilation, maximum before an erosion)
        // leaves that step unchanged inside the image and lets the second step see the first's result beyond it.
        T fill = T.CreateSaturating(steps[0] ? PixelTypes.Of<T>().MinValue() : PixelTypes.Of<T>().MaxValue());
        Size3 grid = new(size.X + (2 * pad.X), size.Y + (2 * pad.Y), size.Z + (2 * pad.Z));
        T[] work = safeBorder ? Padded(data, size, pad, grid, fill) : data;
        foreach (bool dilate in steps)
        {
            work = GrayscaleMorphologyKernels.Apply(work, grid, element, dilate, execution);
        }

        var output = Volume<T>.CreateLike(image);
        for (int z = 0; z < size.Z; z++)
        {
            for (int y = 0; y < size.Y; y++)
            {
                work.AsSpan(((((z + pad.Z) * grid.Y) + y + pad.Y) * grid.X) + pad.X, size.X).CopyTo(output.GetRow(y, z));
            }
        }

        return output;
    }

    private static T[] Padded<T>(T[] data, Size3 size, KernelRadius pad, Size3 grid, T fill)
        where T : unmanaged, INumber<T>
    {
        T[] padded = new T[grid.VoxelCount];
        padded.AsSpan().Fill(fill);
        for (int z = 0; z < size.Z; z++)
        {
            for (int y = 0; y < size.Y; y++)
            {
                data.AsSpan(((z * size.Y) + y) * size.X, size.X).CopyTo(padded.AsSpan(((((z + pad.Z) * grid.Y) + y + pad.Y) * grid.X) + pad.X));
            }
        }

        return padded;
    }

    /// <summary>Dilations (true) and erosions (false) in order, as <see cref="Grayscale{T}"/>, for any voxel type.</summary>
    private sealed class GrayscaleVisitor(KernelRadius? kernelRadius, KernelType kernelType, bool[] steps, bool safeBorder,
        ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Grayscale(volume, kernelRadius, kernelType, steps, safeBorder, execution);
    }
}
