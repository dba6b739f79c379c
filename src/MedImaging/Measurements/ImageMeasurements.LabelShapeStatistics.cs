using System.Numerics;

namespace MedImaging.Measurements;

public static partial class ImageMeasurements
{
    /// <summary>
    /// Shape statistics per non-zero label as SimpleITK's <c>LabelShapeStatisticsImageFilter</c> (definitions in
    /// <see cref="LabelShapeStatistics"/>). Moments are accumulated exactly in index space and mapped to LPS with the
    /// direction and spacing; the Feret diameter and the oriented bounding box use only each row's first and last
    /// voxel of the label (every extreme of a linear function or of a distance lies on them).
    /// </summary>
    /// <param name="labels">Non-negative integer labels.</param>
    /// <param name="computeFeretDiameter">Compute the Feret diameter (SimpleITK default false: it is costly).</param>
    /// <param name="computeOrientedBoundingBox">Compute the oriented bounding box (SimpleITK default false).</param>
    /// <param name="computePerimeter">Compute Perimeter, PerimeterOnBorder and Roundness (SimpleITK default true).</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null.</exception>
    /// <exception cref="MedImagingException">A voxel is not a non-negative integer.</exception>
    public static LabelShapeStatisticsResult LabelShapeStatistics<TLabel>(Volume<TLabel> labels, bool computeFeretDiameter = false,
        bool computeOrientedBoundingBox = false, bool computePerimeter = true, ExecutionOptions? execution = null)
        where TLabel : unmanaged, INumber<TLabel>
    {
        ArgumentNullException.ThrowIfNull(labels);
        var accumulators = LabelAccumulator.Run<byte, TLabel>(null, labels, computeFeretDiameter || computeOrientedBoundingBox, wanted: null,
            skipBackground: true, execution);
        var present = accumulators.Skip(1).OfType<LabelAccumulator>().ToArray();
        var perimeters = computePerimeter && present.Length > 0
            ? LabelPerimeter.Compute(labels, (present.Min(a => a.MinX), present.Min(a => a.MinY), present.Min(a => a.MinZ)),
                (present.Max(a => a.MaxX), present.Max(a => a.MaxY), present.Max(a => a.MaxZ)), execution)
            : null;
        var result = new SortedDictionary<int, LabelShapeStatistics>();
        for (int label = 1; label < accumulators.Length; label++)
        {
            if (accumulators[label] is { } a)
            {
                var shape = Shape(label, a, labels.Geometry, computeFeretDiameter, computeOrientedBoundingBox);
                result[label] = perimeters is null ? shape
                    : shape with { Perimeter = perimeters[label].Perimeter, PerimeterOnBorder = perimeters[label].OnBorder };
            }
        }

        return new LabelShapeStatisticsResult(result);
    }

    private static LabelShapeStatistics Shape(int label, LabelAccumulator a, VolumeGeometry geometry, bool feret, bool orientedBox)
    {
        long n = a.Count;
        double physicalSize = n * geometry.VoxelVolume;
        var meanIndex = new Vec3(a.SumX, a.SumY, a.SumZ) / n;
        Vec3 centroid = geometry.TransformContinuousIndexToPhysicalPoint(meanIndex);

        // Index covariance from exact integer sums, then C_phys = M C M^T with M = direction · diag(spacing).
        double cxx = ((double)a.SumXX / n) - (meanIndex.X * meanIndex.X);
        double cyy = ((double)a.SumYY / n) - (meanIndex.Y * meanIndex.Y);
        double czz = ((double)a.SumZZ / n) - (meanIndex.Z * meanIndex.Z);
        double cxy = ((double)a.SumXY / n) - (meanIndex.X * meanIndex.Y);
        double cxz = ((double)a.SumXZ / n) - (meanIndex.X * meanIndex.Z);
        double cyz = ((double)a.SumYZ / n) - (meanIndex.Y * meanIndex.Z);
        Mat3 m = geometry.IndexToPhysicalMatrix;
        Mat3 covariance = m * new Mat3(cxx, cxy, cxz, cxy, cyy, cyz, cxz, cyz, czz) * m.Transpose();
        (Vec3 moments, Mat3 axes) = PrincipalAxes(covariance);

        double radius = Math.Cbrt(physicalSize * 3.0 / (4.0 * Math.PI));
        double perimeter = 4.0 * Math.PI * radius * radius;
        double elongation = moments.Y != 0 && moments.Z / moments.Y > 0 ? Math.Sqrt(moments.Z / moments.Y) : 0;
        double flatness = moments.X != 0 && moments.Y / moments.X > 0 ? Math.Sqrt(moments.Y / moments.X) : 0;
        double edet = Math.Cbrt(moments.X * moments.Y * moments.Z);
        Vec3 ellipsoid = new(EllipsoidDiameter(moments.X, edet, radius), EllipsoidDiameter(moments.Y, edet, radius), EllipsoidDiameter(moments.Z, edet, radius));

        var (boxMin, boxMax) = geometry.WithOrigin(geometry.TransformIndexToPhysicalPoint(a.MinX, a.MinY, a.MinZ))
            .WithSize(new Size3(a.MaxX - a.MinX + 1, a.MaxY - a.MinY + 1, a.MaxZ - a.MinZ + 1)).BoundingBox();
        return new LabelShapeStatistics(label, n, physicalSize, (a.MinX, a.MinY, a.MinZ),
            new Size3(a.MaxX - a.MinX + 1, a.MaxY - a.MinY + 1, a.MaxZ - a.MinZ + 1), boxMin, boxMax, centroid, radius, perimeter,
            moments, axes, elongation, flatness, ellipsoid,
            feret ? FeretDiameter(a.RowExtremes, geometry) : null,
            orientedBox ? OrientedBox(a.RowExtremes, geometry, centroid, axes) : null);
    }

    private static double EllipsoidDiameter(double moment, double edet, double radius) =>
        edet != 0 && moment / edet > 0 ? 2.0 * radius * Math.Sqrt(moment / edet) : 0;

    /// <summary>Ascending eigenvalues and the eigenvectors as rows, signs fixed as documented.</summary>
    private static (Vec3 Moments, Mat3 Axes) PrincipalAxes(Mat3 covariance)
    {
        (double[] values, double[,] vectors) = SymmetricEigen3.Decompose(covariance);
        var order = Enumerable.Range(0, 3).OrderBy(i => values[i]).ToArray();
        var rows = new Vec3[3];
        for (int k = 0; k < 3; k++)
        {
            var axis = new Vec3(vectors[0, order[k]], vectors[1, order[k]], vectors[2, order[k]]);
            double largest = Math.Abs(axis.X) >= Math.Abs(axis.Y) && Math.Abs(axis.X) >= Math.Abs(axis.Z) ? axis.X
                : Math.Abs(axis.Y) >= Math.Abs(axis.Z) ? axis.Y : axis.Z;
            rows[k] = largest < 0 ? -axis : axis;
        }

        if (Vec3.Dot(Vec3.Cross(rows[0], rows[1]), rows[2]) < 0)
        {
            rows[2] = -rows[2];
        }

        var moments = new Vec3(values[order[0]], values[order[1]], values[order[2]]);
        return (moments, new Mat3(rows[0].X, rows[0].Y, rows[0].Z, rows[1].X, rows[1].Y, rows[1].Z, rows[2].X, rows[2].Y, rows[2].Z));
    }

    /// <summary>
    /// Largest distance (mm) between two of the points (the row extremes hold the object's convex hull vertices).
    /// A few farthest-point sweeps give a lower bound L; a pair longer than L needs both ends at least L − Rmax from
    /// the points' centre (Rmax = largest such distance), so only those points are compared pairwise — exact, and
    /// few points remain for compact objects.
    /// </summary>
    private static double FeretDiameter(List<(int X, int Y, int Z)> points, VolumeGeometry geometry)
    {
        var p = points.Select(q => geometry.TransformIndexToPhysicalPoint(q.X, q.Y, q.Z)).ToArray();
        Vec3 centre = p.Aggregate(Vec3.Zero, (sum, q) => sum + q) / p.Length;
        double[] radius = [.. p.Select(q => (q - centre).Length)];
        double largestRadius = radius.Max();
        int from = Array.IndexOf(radius, largestRadius);
        double bound = 0;
        for (int sweep = 0; sweep < 3; sweep++)
        {
            int farthest = from;
            double best = -1;
            for (int i = 0; i < p.Length; i++)
            {
                double d = (p[i] - p[from]).Length;
                if (d > best)
                {
                    (best, farthest) = (d, i);
                }
            }

            bound = Math.Max(bound, best);
            from = farthest;
        }

        Vec3[] candidates = [.. p.Where((_, i) => radius[i] >= bound - largestRadius - 1e-9)];
        double longest = bound * bound;
        for (int i = 0; i < candidates.Length; i++)
        {
            for (int j = i + 1; j < candidates.Length; j++)
            {
                Vec3 d = candidates[i] - candidates[j];
                longest = Math.Max(longest, Vec3.Dot(d, d));
            }
        }

        return Math.Sqrt(longest);
    }

    /// <summary>ITK's oriented bounding box: extremes of the voxel centres along the axes, grown by the voxel corners.</summary>
    private static OrientedBoundingBox OrientedBox(List<(int X, int Y, int Z)> points, VolumeGeometry geometry, Vec3 centroid, Mat3 axes)
    {
        var min = new Vec3(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
        var max = -min;
        foreach (var q in points)
        {
            Vec3 projected = axes * (geometry.TransformIndexToPhysicalPoint(q.X, q.Y, q.Z) - centroid);
            min = new Vec3(Math.Min(min.X, projected.X), Math.Min(min.Y, projected.Y), Math.Min(min.Z, projected.Z));
            max = new Vec3(Math.Max(max.X, projected.X), Math.Max(max.Y, projected.Y), Math.Max(max.Z, projected.Z));
        }

        // Half a voxel toward every corner, projected on the axes: |offset| summed per axis.
        Mat3 halfVoxel = axes * geometry.IndexToPhysicalMatrix;
        var grow = new Vec3(
            0.5 * (Math.Abs(halfVoxel[0, 0]) + Math.Abs(halfVoxel[0, 1]) + Math.Abs(halfVoxel[0, 2])),
            0.5 * (Math.Abs(halfVoxel[1, 0]) + Math.Abs(halfVoxel[1, 1]) + Math.Abs(halfVoxel[1, 2])),
            0.5 * (Math.Abs(halfVoxel[2, 0]) + Math.Abs(halfVoxel[2, 1]) + Math.Abs(halfVoxel[2, 2])));
        min -= grow;
        max += grow;
        Mat3 direction = axes.Transpose();
        return new OrientedBoundingBox(centroid + (direction * min), max - min, direction);
    }

    /// <summary><see cref="LabelShapeStatistics{TLabel}"/> for a label image of any voxel type.</summary>
    /// <param name="labels">Non-negative integer labels, any voxel type.</param>
    /// <param name="computeFeretDiameter">Compute the Feret diameter (SimpleITK default false: it is costly).</param>
    /// <param name="computeOrientedBoundingBox">Compute the oriented bounding box (SimpleITK default false).</param>
    /// <param name="computePerimeter">Compute Perimeter, PerimeterOnBorder and Roundness (SimpleITK default true).</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <returns>The shape statistics of every non-zero label.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null.</exception>
    /// <exception cref="MedImagingException">A voxel is not a non-negative integer.</exception>
    public static LabelShapeStatisticsResult LabelShapeStatistics(Volume labels, bool computeFeretDiameter = false,
        bool computeOrientedBoundingBox = false, bool computePerimeter = true, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(labels, new LabelShapeStatisticsVisitor(computeFeretDiameter, computeOrientedBoundingBox, computePerimeter, execution));

    private sealed class LabelShapeStatisticsVisitor(bool computeFeretDiameter, bool computeOrientedBoundingBox, bool computePerimeter,
        ExecutionOptions? execution) : IVolumeVisitor<LabelShapeStatisticsResult>
    {
        public LabelShapeStatisticsResult Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            LabelShapeStatistics(volume, computeFeretDiameter, computeOrientedBoundingBox, computePerimeter, execution);
    }
}
