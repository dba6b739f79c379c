using System.Numerics;
using MedImaging.Filters;

namespace MedImaging.Measurements;

/// <summary>
/// The output of <see cref="ImageMeasurements.SurfaceDistances{T}"/>. Surface voxels of a mask are its contour
/// voxels (object voxels with a background voxel among their 26 neighbours inside the image, ITK's
/// BinaryContour with full connectivity); d(a, ∂B) is the distance in mm from the centre of surface voxel a to the
/// nearest surface-voxel centre of the other mask. Percentiles interpolate linearly between order statistics
/// (numpy's default).
/// </summary>
/// <param name="SurfaceVoxelCount1">|∂A|.</param>
/// <param name="SurfaceVoxelCount2">|∂B|.</param>
/// <param name="MaximumSurfaceDistance">max over both directions of d: the surface Hausdorff distance, mm.</param>
/// <param name="Hausdorff95">max(P95{d(a, ∂B)}, P95{d(b, ∂A)}), mm (MONAI's <c>compute_hausdorff_distance(percentile=95)</c>).</param>
/// <param name="MeanSurfaceDistance">Average symmetric surface distance (Σ d(a, ∂B) + Σ d(b, ∂A)) / (|∂A| + |∂B|), mm.</param>
/// <param name="MedianSurfaceDistance">Median of the pooled distances of both directions, mm.</param>
/// <param name="SurfaceDice">Surface Dice at <paramref name="Tolerance"/> (Nikolov et al. 2021, counting surface voxels instead of surface elements): (#{a: d(a, ∂B) ≤ τ} + #{b: d(b, ∂A) ≤ τ}) / (|∂A| + |∂B|).</param>
/// <param name="Tolerance">τ in mm.</param>
public sealed record SurfaceDistanceResult(long SurfaceVoxelCount1, long SurfaceVoxelCount2, double MaximumSurfaceDistance, double Hausdorff95,
    double MeanSurfaceDistance, double MedianSurfaceDistance, double SurfaceDice, double Tolerance);

public static partial class ImageMeasurements
{
    /// <summary>
    /// Surface-based distances between two masks (non-zero = object) on the same grid, in mm: HD95, mean and median
    /// surface distance, surface Dice at a tolerance. Definitions in <see cref="SurfaceDistanceResult"/>.
    /// </summary>
    /// <param name="image1">Mask A.</param>
    /// <param name="image2">Mask B on the same grid.</param>
    /// <param name="toleranceMm">Surface Dice tolerance τ in mm (default 1 mm).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image1"/> or <paramref name="image2"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The images are not on the same grid.</exception>
    /// <exception cref="MedImagingException">A mask is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toleranceMm"/> is negative.</exception>
    public static SurfaceDistanceResult SurfaceDistances<T>(Volume<T> image1, Volume<T> image2, double toleranceMm = 1.0, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(toleranceMm);
        var (object1, object2, box) = ObjectPair(image1, image2, "SurfaceDistances");
        byte[] surface1 = MaurerDistanceTransform.Contour(object1, box);
        byte[] surface2 = MaurerDistanceTransform.Contour(object2, box);
        double[] toSurface2 = MaurerDistanceTransform.SquaredDistance(surface2, box, image2.Geometry.Spacing, execution);
        double[] toSurface1 = MaurerDistanceTransform.SquaredDistance(surface1, box, image1.Geometry.Spacing, execution);
        double[] d12 = DistancesAt(surface1, toSurface2);
        double[] d21 = DistancesAt(surface2, toSurface1);
        double[] pooled = [.. d12, .. d21];
        Array.Sort(pooled);
        double sum = 0;
        long within = 0;
        foreach (double d in pooled)
        {
            sum += d;
            within += d <= toleranceMm ? 1 : 0;
        }

        return new SurfaceDistanceResult(d12.Length, d21.Length, pooled[^1], Math.Max(Percentile(d12, 0.95), Percentile(d21, 0.95)),
            sum / pooled.Length, Percentile(pooled, 0.5), (double)within / pooled.Length, toleranceMm);
    }

    /// <summary>Sorted distances (mm) at the voxels of <paramref name="surface"/>.</summary>
    private static double[] DistancesAt(byte[] surface, double[] squared)
    {
        var result = new List<double>();
        for (int i = 0; i < surface.Length; i++)
        {
            if (surface[i] != 0)
            {
                result.Add(Math.Sqrt(squared[i]));
            }
        }

        double[] sorted = [.. result];
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Linear-interpolation percentile of sorted values (numpy's default), p in [0, 1].</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        double position = (sorted.Length - 1) * p;
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + ((sorted[above] - sorted[below]) * fraction);
    }

    /// <summary><see cref="SurfaceDistances{T}"/> for two masks of one voxel type, whichever it is.</summary>
    /// <param name="image1">Mask A (non-zero = object), any voxel type.</param>
    /// <param name="image2">Mask B on the same grid, of the same voxel type as <paramref name="image1"/>.</param>
    /// <param name="toleranceMm">Surface Dice tolerance τ in mm (default 1 mm).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The surface distances, mm, and the surface Dice.</returns>
    /// <exception cref="ArgumentNullException">An image is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toleranceMm"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="image2"/>'s voxel type differs from <paramref name="image1"/>'s.</exception>
    /// <exception cref="GeometryMismatchException">The images are not on the same grid.</exception>
    /// <exception cref="MedImagingException">A mask is empty.</exception>
    public static SurfaceDistanceResult SurfaceDistances(Volume image1, Volume image2, double toleranceMm = 1.0, ExecutionOptions? execution = null) =>
        new SurfaceDistancesVisitor(toleranceMm, execution).Run(image1, image2);

    private sealed class SurfaceDistancesVisitor(double toleranceMm, ExecutionOptions? execution) : SameTypePairVisitor<SurfaceDistanceResult>
    {
        public override SurfaceDistanceResult Visit<T>(Volume<T> first, Volume<T> second) => SurfaceDistances(first, second, toleranceMm, execution);
    }
}
