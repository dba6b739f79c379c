using System.Numerics;

namespace MedImaging.Measurements;

/// <summary>
/// Overlap of one label (or of all non-zero labels together) between a source S and a target T, with ITK's
/// <c>LabelOverlapMeasuresImageFilter</c> definitions. Ratios whose denominator is 0 are defined, never NaN: with
/// both sets empty Dice = Jaccard = TargetOverlap = 1 and the rest 0; FalseNegativeError = 0 when T is empty,
/// FalsePositiveError = 0 when S is empty.
/// </summary>
/// <param name="SourceCount">|S| in voxels.</param>
/// <param name="TargetCount">|T| in voxels.</param>
/// <param name="IntersectionCount">|S ∩ T| in voxels.</param>
/// <param name="UnionCount">|S ∪ T| in voxels.</param>
public sealed record OverlapMeasures(long SourceCount, long TargetCount, long IntersectionCount, long UnionCount)
{
    /// <summary>Dice (ITK's MeanOverlap) 2|S∩T| / (|S| + |T|).</summary>
    public double Dice => Ratio(2.0 * IntersectionCount, SourceCount + TargetCount, 1);

    /// <summary>Jaccard (ITK's UnionOverlap) |S∩T| / |S∪T|.</summary>
    public double Jaccard => Ratio(IntersectionCount, UnionCount, 1);

    /// <summary>Volume similarity 2(|S| − |T|) / (|S| + |T|), signed (positive when the source is larger).</summary>
    public double VolumeSimilarity => Ratio(2.0 * (SourceCount - TargetCount), SourceCount + TargetCount, 0);

    /// <summary>False negative error |T∖S| / |T|.</summary>
    public double FalseNegativeError => Ratio(TargetCount - IntersectionCount, TargetCount, 0);

    /// <summary>False positive error |S∖T| / |S|.</summary>
    public double FalsePositiveError => Ratio(SourceCount - IntersectionCount, SourceCount, 0);

    /// <summary>Target overlap (ITK's TotalOverlap, sensitivity) |S∩T| / |T|.</summary>
    public double TargetOverlap => Ratio(IntersectionCount, TargetCount, SourceCount == 0 ? 1 : 0);

    private static double Ratio(double numerator, double denominator, double whenEmpty) => denominator == 0 ? whenEmpty : numerator / denominator;
}

/// <summary>The output of <see cref="ImageMeasurements.LabelOverlapMeasures{T}"/>.</summary>
/// <param name="Total">All non-zero labels pooled (ITK's getters without a label): sums of the per-label counts.</param>
/// <param name="PerLabel">Every non-zero label present in either image, ascending.</param>
public sealed record LabelOverlapMeasuresResult(OverlapMeasures Total, IReadOnlyDictionary<int, OverlapMeasures> PerLabel);

/// <summary>Measurements on images and label images, with SimpleITK's names and definitions.</summary>
public static partial class ImageMeasurements
{
    /// <summary>
    /// Label overlap as SimpleITK's <c>LabelOverlapMeasuresImageFilter</c>: for every label l, S_l = source voxels
    /// equal to l and T_l = target voxels equal to l; the totals sum the counts of the non-zero labels (so Dice of
    /// the totals is 2Σ|S∩T| / Σ(|S|+|T|)). Label volumes hold non-negative integers (any voxel type).
    /// </summary>
    /// <param name="source">The segmentation under test (ITK's source image).</param>
    /// <param name="target">The reference (ITK's target image).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The images are not on the same grid (ITK's tolerance).</exception>
    /// <exception cref="MedImagingException">A voxel is not a label.</exception>
    public static LabelOverlapMeasuresResult LabelOverlapMeasures<T>(Volume<T> source, Volume<T> target, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        source.Geometry.EnsureSameSpace(target.Geometry, "the source and target label images");
        int labels = Math.Max(LabelCounts.MaxLabel(source, "source", execution), LabelCounts.MaxLabel(target, "target", execution)) + 1;
        // One counter table per block; with many labels a single block keeps memory to one table.
        long blockSize = labels > LabelCounts.ManyLabels ? Math.Max(1, source.Voxels.Length) : 1 << 20;
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(
            ((source.Voxels.Length + blockSize - 1) / blockSize + 1) * 3L * labels * sizeof(long), "label overlap counters");
        long[] counts = Parallelism.Reduce(source.Voxels.Length, blockSize, execution, (start, end) =>
        {
            // Per label: [0] source, [1] target, [2] intersection.
            long[] local = new long[3 * labels];
            ReadOnlySpan<T> s = source.Voxels.Slice((int)start, (int)(end - start));
            ReadOnlySpan<T> t = target.Voxels.Slice((int)start, (int)(end - start));
            for (int i = 0; i < s.Length; i++)
            {
                int a = int.CreateTruncating(s[i]);
                int b = int.CreateTruncating(t[i]);
                local[3 * a]++;
                local[(3 * b) + 1]++;
                if (a == b)
                {
                    local[(3 * a) + 2]++;
                }
            }

            return local;
        }, static (x, y) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] += y[i];
            }

            return x;
        }, new long[3 * labels]);

        var perLabel = new SortedDictionary<int, OverlapMeasures>();
        long sourceTotal = 0, targetTotal = 0, intersectionTotal = 0, unionTotal = 0;
        for (int l = 1; l < labels; l++)
        {
            long s = counts[3 * l], t = counts[(3 * l) + 1], both = counts[(3 * l) + 2];
            if (s == 0 && t == 0)
            {
                continue;
            }

            perLabel[l] = new OverlapMeasures(s, t, both, s + t - both);
            sourceTotal += s;
            targetTotal += t;
            intersectionTotal += both;
            unionTotal += s + t - both;
        }

        return new LabelOverlapMeasuresResult(new OverlapMeasures(sourceTotal, targetTotal, intersectionTotal, unionTotal), perLabel);
    }

    /// <summary><see cref="LabelOverlapMeasures{T}"/> for two label images of one voxel type, whichever it is.</summary>
    /// <param name="source">The segmentation under test (ITK's source image), any voxel type.</param>
    /// <param name="target">The reference (ITK's target image), of the same voxel type as <paramref name="source"/>.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>The pooled and per-label overlap measures.</returns>
    /// <exception cref="ArgumentNullException">An image is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/>'s voxel type differs from <paramref name="source"/>'s.</exception>
    /// <exception cref="GeometryMismatchException">The images are not on the same grid (ITK's tolerance).</exception>
    /// <exception cref="MedImagingException">A voxel is not a label.</exception>
    public static LabelOverlapMeasuresResult LabelOverlapMeasures(Volume source, Volume target, ExecutionOptions? execution = null) =>
        new LabelOverlapMeasuresVisitor(execution).Run(source, target);

    private sealed class LabelOverlapMeasuresVisitor(ExecutionOptions? execution) : SameTypePairVisitor<LabelOverlapMeasuresResult>
    {
        public override LabelOverlapMeasuresResult Visit<T>(Volume<T> first, Volume<T> second) => LabelOverlapMeasures(first, second, execution);
    }
}
