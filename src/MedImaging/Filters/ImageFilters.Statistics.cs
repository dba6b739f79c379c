using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Minimum, maximum, mean, sample standard deviation, variance, sum and count of all voxels (SimpleITK
    /// <c>StatisticsImageFilter</c>'s measurements and names).
    /// </summary>
    /// <remarks>
    /// Integer images: minimum, maximum, sum and sum of squares are exact (64/128-bit integers), so Sum is the exact
    /// sum rounded once to double and Variance = (n·Σx² − (Σx)²) / (n(n − 1)) is computed from exact integers.
    /// Float images: sums are accumulated in double over fixed 64 Ki-voxel blocks in a fixed lane order and added in
    /// block order, so the result is identical for any thread count and with or without SIMD hardware; Variance uses
    /// ITK's (Σx² − (Σx)²/n) / (n − 1), floored at 0 against rounding. NaN voxels behave as in ITK: they are counted,
    /// make Sum, Mean, Variance and Sigma NaN, and are skipped by Minimum and Maximum. One voxel gives Variance NaN
    /// (0/0, as ITK).
    /// </remarks>
    /// <typeparam name="T">Voxel type.</typeparam>
    /// <param name="image">Input volume; values in its units (e.g. HU).</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>The statistics record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static StatisticsResult Statistics<T>(Volume<T> image, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        var accumulator = new StatisticsAccumulator(execution);
        accumulator.Add(image);
        return accumulator.Result();
    }

    /// <summary><see cref="Statistics{T}"/> for a volume of any voxel type.</summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>The statistics record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static StatisticsResult Statistics(Volume image, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new StatisticsVisitor(execution));

    private sealed class StatisticsVisitor(ExecutionOptions? execution) : IVolumeVisitor<StatisticsResult>
    {
        public StatisticsResult Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Statistics(volume, execution);
    }
}
