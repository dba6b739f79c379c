namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Binary opening as SimpleITK's <c>BinaryMorphologicalOpening</c> (ITK
    /// <c>BinaryMorphologicalOpeningImageFilter</c>): erosion (outside counts as foreground) then dilation (outside
    /// counts as background) by the same kernel; foreground voxels removed become <paramref name="backgroundValue"/>,
    /// other values are kept.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1).</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="backgroundValue">Value of removed voxels (SimpleITK default 0).</param>
    /// <param name="foregroundValue">The value opened (SimpleITK default 1).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<byte> BinaryMorphologicalOpening(Volume<byte> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        byte backgroundValue = 0, byte foregroundValue = 1, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var element = StructuringElement.Create(kernelRadius ?? 1, kernelType);
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        byte[] eroded = BinaryMorphologyKernels.Erode(set, image.Size, element, boundaryToForeground: true, execution);
        byte[] opened = BinaryMorphologyKernels.Dilate(eroded, image.Size, element, outsideIsSet: false, execution);
        return Compose(image, opened, foregroundValue, backgroundValue);
    }
}
