namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Binary dilation as SimpleITK's <c>BinaryDilate</c> (ITK <c>BinaryDilateImageFilter</c>): every voxel within
    /// the kernel of a voxel equal to <paramref name="foregroundValue"/> becomes <paramref name="foregroundValue"/>;
    /// other voxels keep their value.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="kernelRadius">Kernel radius in voxels per index axis (SimpleITK default 1), whatever the spacing.</param>
    /// <param name="kernelType">Ball (default, ITK's ball shape) or box.</param>
    /// <param name="foregroundValue">The value dilated (SimpleITK default 1).</param>
    /// <param name="boundaryToForeground">Whether voxels beyond the image count as foreground (SimpleITK default false).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is outside 0 to 254 voxels.</exception>
    public static Volume<byte> BinaryDilate(Volume<byte> image, KernelRadius? kernelRadius = null, KernelType kernelType = KernelType.Ball,
        byte foregroundValue = 1, bool boundaryToForeground = false, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var element = StructuringElement.Create(kernelRadius ?? 1, kernelType);
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        byte[] dilated = BinaryMorphologyKernels.Dilate(set, image.Size, element, boundaryToForeground, execution);
        return Compose(image, dilated, foregroundValue, erodedValue: null);
    }

    /// <summary>
    /// Output voxel = <paramref name="foregroundValue"/> where <paramref name="set"/> is 1; elsewhere the input
    /// voxel, except input foreground voxels, which become <paramref name="erodedValue"/> when one is given.
    /// </summary>
    private static Volume<byte> Compose(Volume<byte> image, byte[] set, byte foregroundValue, byte? erodedValue)
    {
        var output = Volume<byte>.CreateLike(image);
        ReadOnlySpan<byte> input = image.Voxels;
        Span<byte> result = output.Voxels;
        for (int i = 0; i < result.Length; i++)
        {
            byte value = input[i];
            if (set[i] != 0)
            {
                value = foregroundValue;
            }
            else if (erodedValue is byte eroded && value == foregroundValue)
            {
                value = eroded;
            }

            result[i] = value;
        }

        return output;
    }
}
