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
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="mask"/> is null.</exception>
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

    /// <summary>
    /// <see cref="Mask{T, TMask}"/> for an image and a mask of any voxel types; the image's voxel type and geometry are kept.
    /// </summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="mask">Mask of any voxel type on the same grid (ITK tolerances).</param>
    /// <param name="outsideValue">Value written where the mask equals <paramref name="maskingValue"/>, in the image's
    /// units (saturated to the voxel type; default 0).</param>
    /// <param name="maskingValue">Mask value marking the voxels to replace (default 0).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume of the image's voxel type on the image's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="mask"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    public static Volume Mask(Volume image, Volume mask, double outsideValue = 0, double maskingValue = 0, ExecutionOptions? execution = null) =>
        new MaskVisitor(outsideValue, maskingValue, execution).Run(image, mask);

    private sealed class MaskVisitor(double outsideValue, double maskingValue, ExecutionOptions? execution) : VolumePairVisitor<Volume>
    {
        public override Volume Visit<T, TMask>(Volume<T> image, Volume<TMask> mask) => Mask(image, mask, outsideValue, maskingValue, execution);
    }
}
