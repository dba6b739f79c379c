using System.Numerics;

namespace MedImaging.Filters;

/// <summary>The output of <see cref="ImageFilters.RelabelComponent{T}"/>.</summary>
/// <param name="Labels">The relabelled image (same voxel type as the input).</param>
/// <param name="SizeOfObjectsInPixels">Voxels of output label 1, 2, … (index 0 = label 1).</param>
/// <param name="OriginalNumberOfObjects">Non-zero input labels before removing small objects.</param>
public sealed record RelabelComponentResult<T>(Volume<T> Labels, IReadOnlyList<long> SizeOfObjectsInPixels, int OriginalNumberOfObjects)
    where T : unmanaged, INumber<T>;

/// <summary>The output of the non-generic <see cref="ImageFilters.RelabelComponent(Volume, long, bool, ExecutionOptions?)"/>.</summary>
/// <param name="Labels">The relabelled image (same voxel type as the input).</param>
/// <param name="SizeOfObjectsInPixels">Voxels of output label 1, 2, … (index 0 = label 1).</param>
/// <param name="OriginalNumberOfObjects">Non-zero input labels before removing small objects.</param>
public sealed record RelabelComponentResult(Volume Labels, IReadOnlyList<long> SizeOfObjectsInPixels, int OriginalNumberOfObjects);

public static partial class ImageFilters
{
    /// <summary>
    /// Relabels as SimpleITK's <c>RelabelComponent</c> (ITK <c>RelabelComponentImageFilter</c>): non-zero labels
    /// are renumbered 1, 2, … by decreasing voxel count (ties: smaller input label first), or in input label order
    /// when <paramref name="sortByObjectSize"/> is false; objects with fewer than
    /// <paramref name="minimumObjectSize"/> voxels become background.
    /// </summary>
    /// <param name="image">Non-negative integer labels (e.g. from <see cref="ConnectedComponent{T}"/>).</param>
    /// <param name="minimumObjectSize">Smallest object kept, voxels (SimpleITK default 0: keep all).</param>
    /// <param name="sortByObjectSize">Sort by size (SimpleITK default true).</param>
    /// <param name="execution">Cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="MedImagingException">A voxel is not a non-negative integer label.</exception>
    public static RelabelComponentResult<T> RelabelComponent<T>(Volume<T> image, long minimumObjectSize = 0, bool sortByObjectSize = true,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        int maxLabel = Measurements.LabelCounts.MaxLabel(image, "label image", execution);
        long[] counts = new long[maxLabel + 1];
        foreach (T v in image.Voxels)
        {
            counts[int.CreateTruncating(v)]++;
        }

        var objects = Enumerable.Range(1, maxLabel).Where(l => counts[l] > 0).ToList();
        if (sortByObjectSize)
        {
            objects = [.. objects.OrderByDescending(l => counts[l]).ThenBy(l => l)];
        }

        T[] map = new T[maxLabel + 1];
        var sizes = new List<long>();
        foreach (int l in objects)
        {
            if (minimumObjectSize > 0 && counts[l] < minimumObjectSize)
            {
                continue;
            }

            sizes.Add(counts[l]);
            map[l] = T.CreateChecked(sizes.Count);
        }

        var output = Volume<T>.CreateLike(image);
        ReadOnlySpan<T> input = image.Voxels;
        Span<T> result = output.Voxels;
        for (int i = 0; i < input.Length; i++)
        {
            result[i] = map[int.CreateTruncating(input[i])];
        }

        return new RelabelComponentResult<T>(output, sizes, objects.Count);
    }

    /// <summary>
    /// The <paramref name="count"/> largest connected components of a mask (ties: the component whose first voxel
    /// comes first in raster order), as 0/1.
    /// </summary>
    /// <param name="mask">The mask; voxels ≠ 0 are foreground.</param>
    /// <param name="count">Components to keep (≥ 1).</param>
    /// <param name="fullyConnected">26-connectivity instead of 6.</param>
    /// <param name="minimumObjectSize">Drop components smaller than this many voxels first.</param>
    /// <param name="execution">Cancellation.</param>
    /// <returns>A 0/1 mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static Volume<byte> KeepLargestComponents<T>(Volume<T> mask, int count = 1, bool fullyConnected = false, long minimumObjectSize = 0,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var relabelled = RelabelComponent(ConnectedComponent(mask, fullyConnected, execution), minimumObjectSize, sortByObjectSize: true, execution).Labels;
        var output = Volume<byte>.CreateLike(mask);
        ReadOnlySpan<uint> labels = relabelled.Voxels;
        Span<byte> result = output.Voxels;
        for (int i = 0; i < labels.Length; i++)
        {
            result[i] = labels[i] != 0 && labels[i] <= (uint)count ? (byte)1 : (byte)0;
        }

        return output;
    }

    /// <summary><see cref="RelabelComponent{T}"/> for a label image of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">Non-negative integer labels of any voxel type (e.g. from <see cref="ConnectedComponent(Volume, bool, ExecutionOptions?)"/>).</param>
    /// <param name="minimumObjectSize">Smallest object kept, voxels (SimpleITK default 0: keep all).</param>
    /// <param name="sortByObjectSize">Sort by size (SimpleITK default true).</param>
    /// <param name="execution">Cancellation.</param>
    /// <returns>The relabelled image in the input's voxel type, the object sizes and the original object count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="MedImagingException">A voxel is not a non-negative integer label.</exception>
    public static RelabelComponentResult RelabelComponent(Volume image, long minimumObjectSize = 0, bool sortByObjectSize = true,
        ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new RelabelComponentVisitor(minimumObjectSize, sortByObjectSize, execution));

    /// <summary><see cref="KeepLargestComponents{T}"/> for a mask of any voxel type.</summary>
    /// <param name="mask">The mask, any voxel type; voxels ≠ 0 are foreground.</param>
    /// <param name="count">Components to keep (≥ 1).</param>
    /// <param name="fullyConnected">26-connectivity instead of 6.</param>
    /// <param name="minimumObjectSize">Drop components smaller than this many voxels first.</param>
    /// <param name="execution">Cancellation.</param>
    /// <returns>A 0/1 mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static Volume<byte> KeepLargestComponents(Volume mask, int count = 1, bool fullyConnected = false, long minimumObjectSize = 0,
        ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(mask, new KeepLargestComponentsVisitor(count, fullyConnected, minimumObjectSize, execution));

    private sealed class RelabelComponentVisitor(long minimumObjectSize, bool sortByObjectSize, ExecutionOptions? execution)
        : IVolumeVisitor<RelabelComponentResult>
    {
        public RelabelComponentResult Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            RelabelComponentResult<T> result = RelabelComponent(volume, minimumObjectSize, sortByObjectSize, execution);
            return new RelabelComponentResult(result.Labels, result.SizeOfObjectsInPixels, result.OriginalNumberOfObjects);
        }
    }

    private sealed class KeepLargestComponentsVisitor(int count, bool fullyConnected, long minimumObjectSize, ExecutionOptions? execution)
        : IVolumeVisitor<Volume<byte>>
    {
        public Volume<byte> Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => KeepLargestComponents(volume, count, fullyConnected, minimumObjectSize, execution);
    }
}
