using System.Numerics;
using MedImaging.Filters;

namespace MedImaging.Measurements;

/// <summary>The output of <see cref="ImageMeasurements.HausdorffDistance{T}"/>, distances in mm.</summary>
/// <param name="HausdorffDistance">max(h(1→2), h(2→1)).</param>
/// <param name="AverageHausdorffDistance">ITK's average: (mean(1→2) + mean(2→1)) / 2, each mean over all non-zero voxels.</param>
/// <param name="DirectedHausdorffDistance12">h(1→2): largest distance from a non-zero voxel of image 1 to image 2.</param>
/// <param name="DirectedHausdorffDistance21">h(2→1).</param>
/// <param name="MeanDistance12">Mean distance from the non-zero voxels of image 1 to image 2 (0 for voxels inside image 2).</param>
/// <param name="MeanDistance21">Mean distance from the non-zero voxels of image 2 to image 1.</param>
public sealed record HausdorffDistanceResult(double HausdorffDistance, double AverageHausdorffDistance,
    double DirectedHausdorffDistance12, double DirectedHausdorffDistance21, double MeanDistance12, double MeanDistance21);

public static partial class ImageMeasurements
{
    /// <summary>
    /// Hausdorff distance as SimpleITK's <c>HausdorffDistanceImageFilter</c> (with image spacing): for each
    /// direction, every non-zero voxel of one image gets the distance in mm from its centre to the nearest centre of a
    /// contour voxel of the other image's non-zero set (ITK's SignedMaurerDistanceMap, negative inside clamped to 0,
    /// so voxels inside the other set count 0). Hausdorff = the larger directed maximum; ITK's
    /// "average Hausdorff distance" = the mean of the two directed means over **all** non-zero voxels (interior
    /// voxels count 0), which is not a surface-to-surface distance (see <see cref="SurfaceDistances{T}"/>).
    /// </summary>
    /// <param name="image1">First mask or label image (non-zero = object).</param>
    /// <param name="image2">Second image on the same grid.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image1"/> or <paramref name="image2"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The images are not on the same grid.</exception>
    /// <exception cref="MedImagingException">An image has no non-zero voxel (ITK throws as well).</exception>
    public static HausdorffDistanceResult HausdorffDistance<T>(Volume<T> image1, Volume<T> image2, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        var (object1, object2, box) = ObjectPair(image1, image2, "HausdorffDistance");
        VolumeGeometry grid = image1.Geometry.WithSize(box);
        double[] toObject2 = ImageFilters.ContourSquaredDistance(object2, grid, useImageSpacing: true, execution);
        double[] toObject1 = ImageFilters.ContourSquaredDistance(object1, grid, useImageSpacing: true, execution);
        (double max12, double mean12) = Directed(object1, object2, toObject2, execution);
        (double max21, double mean21) = Directed(object2, object1, toObject1, execution);
        return new HausdorffDistanceResult(Math.Max(max12, max21), (mean12 + mean21) * 0.5, max12, max21, mean12, mean21);
    }

    /// <summary><see cref="HausdorffDistance{T}"/> for two masks or label images of one voxel type, whichever it is.</summary>
    /// <param name="image1">First mask or label image (non-zero = object), any voxel type.</param>
    /// <param name="image2">Second image on the same grid, of the same voxel type as <paramref name="image1"/>.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The directed, symmetric and average distances, mm.</returns>
    /// <exception cref="ArgumentNullException">An image is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image2"/>'s voxel type differs from <paramref name="image1"/>'s.</exception>
    /// <exception cref="GeometryMismatchException">The images are not on the same grid.</exception>
    /// <exception cref="MedImagingException">An image has no non-zero voxel (ITK throws as well).</exception>
    public static HausdorffDistanceResult HausdorffDistance(Volume image1, Volume image2, ExecutionOptions? execution = null) =>
        new HausdorffDistanceVisitor(execution).Run(image1, image2);

    private sealed class HausdorffDistanceVisitor(ExecutionOptions? execution) : SameTypePairVisitor<HausdorffDistanceResult>
    {
        public override HausdorffDistanceResult Visit<T>(Volume<T> first, Volume<T> second) => HausdorffDistance(first, second, execution);
    }

    /// <summary>
    /// Both object indicators after the grid and emptiness checks, cropped to the <see cref="ObjectBox"/> of both
    /// objects (whose size is returned): every distance between the objects is the same on that box.
    /// </summary>
    private static (byte[] Object1, byte[] Object2, Size3 Box) ObjectPair<T>(Volume<T> image1, Volume<T> image2, string what)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image1);
        ArgumentNullException.ThrowIfNull(image2);
        image1.Geometry.EnsureSameSpace(image2.Geometry, $"{what}: the two images");
        byte[] object1 = ImageFilters.ObjectIndicator(image1, 0);
        byte[] object2 = ImageFilters.ObjectIndicator(image2, 0);
        if (!object1.AsSpan().ContainsAnyExcept((byte)0) || !object2.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new MedImagingException($"{what}: both images need at least one non-zero voxel");
        }

        ObjectBox box = ObjectBox.Of(image1.Size, object1, object2)!.Value;
        return (box.Crop(object1, image1.Size), box.Crop(object2, image1.Size), box.Size);
    }

    /// <summary>Max and mean of the distance (mm) of the <paramref name="from"/> voxels to the other object.</summary>
    private static (double Max, double Mean) Directed(byte[] from, byte[] other, double[] squaredToOtherContour, ExecutionOptions? execution)
    {
        var (max, sum, count) = Parallelism.Reduce(from.Length, 1 << 20, execution, (start, end) =>
        {
            double localMax = 0;
            var localSum = new KahanSum();
            long localCount = 0;
            for (long i = start; i < end; i++)
            {
                if (from[i] == 0)
                {
                    continue;
                }

                double d = other[i] != 0 ? 0 : Math.Sqrt(squaredToOtherContour[i]);
                localMax = Math.Max(localMax, d);
                localSum.Add(d);
                localCount++;
            }

            return (localMax, localSum, localCount);
        }, static (a, b) => (Math.Max(a.Item1, b.Item1), a.Item2.Plus(b.Item2), a.Item3 + b.Item3), (0.0, new KahanSum(), 0L));
        return (max, sum.Value / count);
    }
}

/// <summary>Compensated (Kahan) summation, as ITK's <c>CompensatedSummation</c>.</summary>
internal struct KahanSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The sum so far.</summary>
    public readonly double Value => _sum;

    /// <summary>Adds one term.</summary>
    public void Add(double value)
    {
        double y = value - _compensation;
        double t = _sum + y;
        _compensation = (t - _sum) - y;
        _sum = t;
    }

    /// <summary>This sum plus another (the other's compensation is carried over).</summary>
    public readonly KahanSum Plus(KahanSum other)
    {
        KahanSum result = this;
        result.Add(other._sum);
        result.Add(-other._compensation);
        return result;
    }
}
