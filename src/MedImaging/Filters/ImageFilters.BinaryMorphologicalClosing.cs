namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Binary closing as SimpleITK's <c>BinaryMorphologicalClosing</c> (ITK
    /// <c>BinaryMorphologicalClosingImageFilter</c>): dilation then erosion by the same kernel, then every voxel that
    /// is not foreground after the erosion takes its input value back (closing never removes foreground). With
    /// <paramref name="safeBorder"/> (default) the image is padded by the kernel radius with background first, so
    /// objects touching the border close as if the image went on; without it the erosion treats the outside as
    /// foreground (ITK's BinaryErode default).
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1), whatever the spacing.</param>
    /// <param name="kernelType">Ball (default) or box.</param>
    /// <param name="foregroundValue">The value closed (SimpleITK default 1).</param>
    /// <param name="safeBorder">Pad before closing (SimpleITK default true).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<byte> BinaryMorphologicalClosing(Volume<byte> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        byte foregroundValue = 1, bool safeBorder = true, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        KernelRadius radius = kernelRadius ?? 1;
        var element = StructuringElement.Create(radius, kernelType);
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        byte[] closed = set;
        if (safeBorder)
        {
            StreamedClosing.CloseInPlace(set, image.Size, element, execution);
        }
        else
        {
            byte[] dilated = BinaryMorphologyKernels.Dilate(set, image.Size, element, outsideIsSet: false, execution);
            closed = BinaryMorphologyKernels.Erode(dilated, image.Size, element, boundaryToForeground: true, execution);
        }

        return Compose(image, closed, foregroundValue, erodedValue: null);
    }

    /// <summary>
    /// <see cref="BinaryMorphologicalClosing"/> with SafeBorder of a 0/1 mask in place (foreground 1): no second
    /// full-size volume is allocated (see <see cref="StreamedClosing"/>).
    /// </summary>
    internal static void BinaryMorphologicalClosingInPlace(Volume<byte> mask, KernelRadius kernelRadius, KernelType kernelType, ExecutionOptions? execution)
    {
        var element = StructuringElement.Create(kernelRadius, kernelType);
        StreamedClosing.CloseInPlace(mask.Memory, mask.Size, element, execution);
    }
}
