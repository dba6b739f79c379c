namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Binary erosion as SimpleITK's <c>BinaryErode</c> (ITK <c>BinaryErodeImageFilter</c>): a voxel equal to
    /// <paramref name="foregroundValue"/> stays only when every voxel under the kernel is foreground; removed voxels
    /// become <paramref name="backgroundValue"/>; other voxels keep their value.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="backgroundValue">Value of eroded voxels (SimpleITK default 0).</param>
    /// <param name="foregroundValue">The value eroded (SimpleITK default 1).</param>
    /// <param name="boundaryToForeground">Whether voxels beyond the image count as foreground (SimpleITK default true).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<byte> BinaryErode(Volume<byte> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        byte backgroundValue = 0, byte foregroundValue = 1, bool boundaryToForeground = true, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var element = StructuringElement.Create(kernelRadius ?? 1, kernelType);
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        byte[] eroded = BinaryMorphologyKernels.Erode(set, image.Size, element, boundaryToForeground, execution);
        return Compose(image, eroded, foregroundValue, backgroundValue);
    }
}
