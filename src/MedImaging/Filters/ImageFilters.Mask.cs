using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Keeps the image where the mask differs from <paramref name="maskingValue"/> and writes
    /// <paramref name="outsideValue"/> where the mask equals it (SimpleITK <c>Mask</c>, ITK <c>MaskImageFilter</c>,
    /// same defaults: a 0 mask voxel gives 0). The voxel type and geometry of <paramref name="image"/> are kept.
    /// </summary>
    /// <typeparam name="T">Voxel type of the image.</typeparam>
    /// <typeparam name="TMask">Voxel type of the mask (usually byte).</typeparam>
    /// <param name="image">Input volume.</param>
    /// <param name="mask">Mask on the same grid (ITK tolerances).</param>
    /// <param name="outsideValue">Value written where the mask equals <paramref name="maskingValue"/>, in the image's
    /// units (saturated to the voxel type; default 0).</param>
    /// <param name="maskingValue">Mask value marking the voxels to replace (default 0).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the image's grid.</returns>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    public static Volume<T> Mask<T, TMask>(Volume<T> image, Volume<TMask> mask, double outsideValue = 0,
        double maskingValue = 0, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
        where TMask : unmanaged, INumber<TMask>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mask);
        image.Geometry.EnsureSameSpace(mask.Geometry, "image and mask");
        var output = image.Clone();
        TMask masking = TMask.CreateSaturating(maskingValue);
        if (double.CreateTruncating(masking) != maskingValue)
        {
            return output; // no mask voxel can equal a value its type cannot hold
        }

        T outside = T.CreateSaturating(outsideValue);
        Parallelism.For(output.Voxels.Length, FlatLoop.BlockSize, execution, (start, end) =>
        {
            Span<T> voxels = output.Voxels[start..end];
            ReadOnlySpan<TMask> marks = mask.Voxels[start..end];
            for (int i = 0; i < voxels.Length; i++)
            {
                if (marks[i] == masking)
                {
                    voxels[i] = outside;
                }
            }
        });
        return output;
    }
}
