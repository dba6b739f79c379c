using System.Globalization;
using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Counts voxels in <paramref name="numberOfBins"/> equal bins spanning [<paramref name="minimum"/>,
    /// <paramref name="maximum"/>] (ITK's histogram convention: bin i holds
    /// min + i·w ≤ x &lt; min + (i + 1)·w with w = (max − min) / bins, and the last bin also holds x = max).
    /// </summary>
    /// <remarks>
    /// A voxel's bin is floor((x − min) · (bins / (max − min))) computed in double. Voxels outside [min, max], NaN
    /// voxels and voxels where <paramref name="mask"/> is 0 are not counted. Counts are exact and do not depend on
    /// the thread count.
    /// </remarks>
    /// <typeparam name="T">Voxel type.</typeparam>
    /// <param name="image">Input volume; bounds in its units (e.g. HU).</param>
    /// <param name="numberOfBins">Number of bins, ≥ 1.</param>
    /// <param name="minimum">Lower edge of the first bin.</param>
    /// <param name="maximum">Upper edge of the last bin (inclusive), &gt; <paramref name="minimum"/>.</param>
    /// <param name="mask">Optional uint8 mask on the same grid: only voxels where it is non-zero are counted.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>The count of each bin, length <paramref name="numberOfBins"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">Bins &lt; 1, bounds not finite or not increasing.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    public static long[] Histogram<T>(Volume<T> image, int numberOfBins, double minimum, double maximum,
        Volume<byte>? mask = null, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfBins, 1);
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum) || !(minimum < maximum))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"histogram bounds [{minimum}, {maximum}] must be finite with minimum < maximum"), nameof(minimum));
        }

        mask?.Geometry.EnsureSameSpace(image.Geometry, "histogram mask and image");
        double scale = numberOfBins / (maximum - minimum);
        return Parallelism.Reduce(image.Voxels.Length, FlatLoop.BlockSize, execution, (start, end) =>
        {
            var counts = new long[numberOfBins];
            ReadOnlySpan<T> voxels = image.Voxels[(int)start..(int)end];
            ReadOnlySpan<byte> inside = mask is null ? default : mask.Voxels[(int)start..(int)end];
            for (int i = 0; i < voxels.Length; i++)
            {
                double x = double.CreateTruncating(voxels[i]);
                if (x >= minimum && x <= maximum && (mask is null || inside[i] != 0))
                {
                    counts[Math.Min(numberOfBins - 1, (int)((x - minimum) * scale))]++;
                }
            }

            return counts;
        }, AddCounts, new long[numberOfBins]);
    }

    private static long[] AddCounts(long[] total, long[] block)
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] += block[i];
        }

        return total;
    }

    /// <summary><see cref="Histogram{T}"/> for a volume of any voxel type.</summary>
    /// <param name="image">Input volume of any voxel type; bounds in its units (e.g. HU).</param>
    /// <param name="numberOfBins">Number of bins, ≥ 1.</param>
    /// <param name="minimum">Lower edge of the first bin.</param>
    /// <param name="maximum">Upper edge of the last bin (inclusive), &gt; <paramref name="minimum"/>.</param>
    /// <param name="mask">Optional uint8 mask on the same grid: only voxels where it is non-zero are counted.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>The count of each bin, length <paramref name="numberOfBins"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">Bins &lt; 1, bounds not finite or not increasing.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    public static long[] Histogram(Volume image, int numberOfBins, double minimum, double maximum,
        Volume<byte>? mask = null, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new HistogramVisitor(numberOfBins, minimum, maximum, mask, execution));

    private sealed class HistogramVisitor(int numberOfBins, double minimum, double maximum, Volume<byte>? mask, ExecutionOptions? execution)
        : IVolumeVisitor<long[]>
    {
        public long[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Histogram(volume, numberOfBins, minimum, maximum, mask, execution);
    }
}
