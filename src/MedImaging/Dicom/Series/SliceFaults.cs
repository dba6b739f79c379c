using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Slices whose header places them out of line with the rest of their series: a normal that is not parallel to the
/// others', or a position so far away that the regular grid covering it would be many times the slices' own size
/// (a damaged ImagePositionPatient must not cost gigabytes of resampled background).
/// </summary>
internal static class SliceFaults
{
    /// <summary>A resampled grid may hold at most this many times the voxels of the slices it is made from.</summary>
    /// <remarks>A gap of a few slices or a 30° gantry tilt needs well under 2×; a header gone wrong needs far more.</remarks>
    public const double MaxGridGrowth = 3;

    /// <summary>Throws for the slices whose normal is not parallel to the largest group of parallel slices.</summary>
    /// <exception cref="BadSlicesException">Some slices are not parallel to the others.</exception>
    public static void ThrowIfNotParallel(DicomImageHeader[] images)
    {
        List<List<int>> groups = ParallelGroups(images);
        if (groups.Count == 1)
        {
            return;
        }

        List<int> kept = groups.MaxBy(g => g.Count)!;
        Vec3 reference = images[kept[0]].Plane!.Normal;
        SkippedFile[] bad = [.. groups.Where(g => g != kept).SelectMany(g => g).Order().Select(i => new SkippedFile(images[i].Path, Format(
            $"ImageOrientationPatient gives a slice normal {Angle(reference, images[i].Plane!.Normal):G4} deg away from that of the other {kept.Count} slices")) { Damaged = true })];
        throw new BadSlicesException(bad);
    }

    /// <summary>The slices (indices) in groups of parallel normals, in order of first appearance; every slice has a plane.</summary>
    public static List<List<int>> ParallelGroups(DicomImageHeader[] images)
    {
        var groups = new List<List<int>>();
        for (int i = 0; i < images.Length; i++)
        {
            Vec3 normal = images[i].Plane!.Normal;
            List<int>? group = groups.Find(g => Parallel(images[g[0]].Plane!.Normal, normal));
            if (group is null)
            {
                groups.Add([i]);
            }
            else
            {
                group.Add(i);
            }
        }

        return groups;
    }

    /// <summary>
    /// Throws for the slice whose position makes the grid covering the stack larger than <see cref="MaxGridGrowth"/>
    /// times the slices' voxels: of the first, the last and the most sideways slice, the one without which the grid is smallest.
    /// </summary>
    /// <param name="images">The slices of one volume sorted along the normal.</param>
    /// <param name="sliceSpacing">The grid's spacing along the normal, mm.</param>
    /// <exception cref="BadSlicesException">The grid would be too large.</exception>
    public static void ThrowIfGridTooLarge(IReadOnlyList<DicomImageHeader> images, double sliceSpacing)
    {
        SlicePlane[] planes = [.. images.Select(h => h.Plane!)];
        double own = (double)planes.Length * planes[0].Rows * planes[0].Columns;
        double grid = StackRegularizer.EstimateVoxelCount(planes, sliceSpacing);
        if (grid <= MaxGridGrowth * own || planes.Length < 3)
        {
            return;
        }

        Vec3 start = planes[0].Position, normal = planes[0].Normal;
        int sideways = Enumerable.Range(0, planes.Length).MaxBy(k =>
        {
            Vec3 offset = planes[k].Position - start;
            return (offset - normal * Vec3.Dot(offset, normal)).Length;
        });
        int culprit = new[] { 0, planes.Length - 1, sideways }.MinBy(k =>
            StackRegularizer.EstimateVoxelCount([.. planes.Where((_, i) => i != k)], sliceSpacing));
        Vec3 p = planes[culprit].Position;
        throw new BadSlicesException([new SkippedFile(images[culprit].Path, Format(
            $"ImagePositionPatient ({p.X:G6}, {p.Y:G6}, {p.Z:G6}) lies far from the other slices: a regular grid covering it would hold {grid / own:G3} times the slices' voxels"))
        { Damaged = true }]);
    }

    private static bool Parallel(Vec3 a, Vec3 b) => 1 - Math.Abs(Vec3.Dot(a, b)) <= StackAnalyzer.NormalTolerance;

    private static double Angle(Vec3 a, Vec3 b) => Math.Acos(Math.Clamp(Math.Abs(Vec3.Dot(a, b)), 0, 1)) * 180 / Math.PI;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
