using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Signed exact Euclidean distance map as SimpleITK's <c>SignedMaurerDistanceMap</c> (Maurer, Qi and Raghavan,
    /// IEEE PAMI 2003), linear time, parallel over lines. Object = voxels ≠ <paramref name="backgroundValue"/>.
    /// Each voxel gets the distance from its centre to the nearest centre of an object contour voxel (an object
    /// voxel with a background 26-neighbour inside the image), so contour voxels are 0 and interior voxels are
    /// measured to the contour, not to the background. Object voxels are negative unless
    /// <paramref name="insideIsPositive"/>. Defaults are SimpleITK's (squared distance, index units); ITK's own
    /// filter defaults to non-squared distances in mm. An image without any contour voxel gives +∞ everywhere.
    /// </summary>
    /// <param name="image">The binary (or label) image.</param>
    /// <param name="insideIsPositive">Positive distances inside the object (SimpleITK default false).</param>
    /// <param name="squaredDistance">Return squared distances (SimpleITK default true).</param>
    /// <param name="useImageSpacing">Distances in mm using the spacing (SimpleITK default false: voxel units).</param>
    /// <param name="backgroundValue">Voxel value of the background (default 0).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A float32 map on the same grid: mm (or mm² when squared) with spacing, voxels otherwise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static Volume<float> SignedMaurerDistanceMap<T>(Volume<T> image, bool insideIsPositive = false, bool squaredDistance = true,
        bool useImageSpacing = false, double backgroundValue = 0, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] isObject = ObjectIndicator(image, backgroundValue);
        double[] squared = ContourSquaredDistance(isObject, image.Geometry, useImageSpacing, execution);
        var output = Volume<float>.CreateLike(image);
        Span<float> voxels = output.Voxels;
        for (int i = 0; i < voxels.Length; i++)
        {
            double magnitude = squaredDistance ? squared[i] : Math.Sqrt(squared[i]);
            bool negative = (isObject[i] != 0) != insideIsPositive;
            voxels[i] = (float)(negative ? -magnitude : magnitude);
        }

        return output;
    }

    /// <summary>Squared distance (mm² or voxel²) of every voxel to the nearest object contour voxel, unsigned; +∞ without contour.</summary>
    internal static double[] ContourSquaredDistance(byte[] isObject, VolumeGeometry geometry, bool useImageSpacing, ExecutionOptions? execution)
    {
        byte[] contour = MaurerDistanceTransform.Contour(isObject, geometry.Size);
        Vec3 spacing = useImageSpacing ? geometry.Spacing : new Vec3(1, 1, 1);
        return MaurerDistanceTransform.SquaredDistance(contour, geometry.Size, spacing, execution);
    }

    /// <summary>1 where the voxel differs from <paramref name="backgroundValue"/>.</summary>
    internal static byte[] ObjectIndicator<T>(Volume<T> image, double backgroundValue)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> voxels = image.Voxels;
        byte[] result = new byte[voxels.Length];
        for (int i = 0; i < voxels.Length; i++)
        {
            result[i] = double.CreateTruncating(voxels[i]) != backgroundValue ? (byte)1 : (byte)0;
        }

        return result;
    }

    /// <summary><see cref="SignedMaurerDistanceMap{T}"/> for a binary or label image of any voxel type.</summary>
    /// <param name="image">The binary (or label) image, any voxel type.</param>
    /// <param name="insideIsPositive">Positive distances inside the object (SimpleITK default false).</param>
    /// <param name="squaredDistance">Return squared distances (SimpleITK default true).</param>
    /// <param name="useImageSpacing">Distances in mm using the spacing (SimpleITK default false: voxel units).</param>
    /// <param name="backgroundValue">Voxel value of the background (default 0).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A float32 map on the same grid: mm (or mm² when squared) with spacing, voxels otherwise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static Volume<float> SignedMaurerDistanceMap(Volume image, bool insideIsPositive = false, bool squaredDistance = true,
        bool useImageSpacing = false, double backgroundValue = 0, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new SignedMaurerDistanceMapVisitor(insideIsPositive, squaredDistance, useImageSpacing, backgroundValue, execution));

    private sealed class SignedMaurerDistanceMapVisitor(bool insideIsPositive, bool squaredDistance, bool useImageSpacing, double backgroundValue,
        ExecutionOptions? execution) : IVolumeVisitor<Volume<float>>
    {
        public Volume<float> Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            SignedMaurerDistanceMap(volume, insideIsPositive, squaredDistance, useImageSpacing, backgroundValue, execution);
    }
}
