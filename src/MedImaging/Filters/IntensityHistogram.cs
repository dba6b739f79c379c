using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// The histogram ITK's threshold filters compute (<c>ImageToHistogramFilter</c> / <c>MaskedImageToHistogramFilter</c>
/// with automatic minimum and maximum): <see cref="BinCount"/> equal-width bins from the minimum voxel value to the
/// maximum plus (max − min)/(100 · bins) (ITK's marginal scale 100 for a double measurement type), bin edges
/// computed as ITK 5.2 does (a float bin width added to a double lower bound), a value falls in the bin with
/// <c>min ≤ v &lt; max</c>. NaN voxels are not counted.
/// </summary>
internal sealed class IntensityHistogram
{
    private const double MarginalScale = 100.0;
    private const int BlockSize = 1 << 20;

    private readonly double[] _binMin;
    private readonly double[] _binMax;

    private IntensityHistogram(double minimum, double maximum, int bins)
    {
        Minimum = minimum;
        Maximum = maximum;
        double margin = (maximum - minimum) / bins / MarginalScale;
        double upper = maximum + margin;
        float interval = ((float)upper - (float)minimum) / bins;
        _binMin = new double[bins];
        _binMax = new double[bins];
        for (int j = 0; j < bins; j++)
        {
            _binMin[j] = minimum + ((float)j * interval);
            _binMax[j] = minimum + ((float)(j + 1) * interval);
        }

        _binMax[bins - 1] = upper;
        Counts = new long[bins];
    }

    /// <summary>Smallest counted value.</summary>
    public double Minimum { get; }

    /// <summary>Largest counted value.</summary>
    public double Maximum { get; }

    /// <summary>Voxels per bin.</summary>
    public long[] Counts { get; }

    /// <summary>Number of bins.</summary>
    public int BinCount => Counts.Length;

    /// <summary>Sum of <see cref="Counts"/>.</summary>
    public long Total { get; private set; }

    /// <summary>Lower edge of bin <paramref name="bin"/>.</summary>
    public double BinMin(int bin) => _binMin[bin];

    /// <summary>Upper edge of bin <paramref name="bin"/> (ITK's <c>GetBinMax</c>).</summary>
    public double BinMax(int bin) => _binMax[bin];

    /// <summary>Bin centre (ITK's <c>GetMeasurement</c>): (min + max) / 2.</summary>
    public double BinCenter(int bin) => (_binMin[bin] + _binMax[bin]) / 2;

    /// <summary>The bin of <paramref name="value"/> (which lies in [Minimum, Maximum]).</summary>
    public int BinOf(double value)
    {
        int last = Counts.Length - 1;
        double width = (_binMax[last] - _binMin[0]) / Counts.Length;
        int j = width > 0 ? (int)Math.Clamp((value - _binMin[0]) / width, 0, last) : last;
        while (j > 0 && value < _binMin[j])
        {
            j--;
        }

        while (j < last && value >= _binMax[j])
        {
            j++;
        }

        return j;
    }

    /// <summary>
    /// ITK's <c>Histogram::GetIndex</c> with bins clipped at the ends: false below the first bin's minimum or at or
    /// above the last bin's maximum (unless almost equal to it, then the last bin).
    /// </summary>
    public bool TryGetIndex(double value, out int bin)
    {
        int last = Counts.Length - 1;
        bin = -1;
        if (!(value >= _binMin[0]))
        {
            return false;
        }

        if (value >= _binMax[last])
        {
            bool almostEqual = Math.Abs(value - _binMax[last]) <= 4 * Math.Max(Math.Abs(value), Math.Abs(_binMax[last])) * 2.220446049250313e-16;
            bin = almostEqual ? last : -1;
            return almostEqual;
        }

        bin = BinOf(value);
        return true;
    }

    /// <summary>ITK's <c>Histogram::Quantile(0, p)</c>: linear interpolation inside the bin where the cumulated frequency crosses p.</summary>
    public double Quantile(double p)
    {
        int size = Counts.Length;
        double cumulated = 0, previous = 0, current = 0, frequency = 0;
        if (p < 0.5)
        {
            int n = 0;
            do
            {
                frequency = Counts[n];
                cumulated += frequency;
                previous = current;
                current = cumulated / Total;
                n++;
            }
            while (n < size && current < p);
            return _binMin[n - 1] + ((p - previous) / (frequency / Total) * (_binMax[n - 1] - _binMin[n - 1]));
        }
        else
        {
            int n = size - 1, m = 0;
            current = 1;
            do
            {
                frequency = Counts[n];
                cumulated += frequency;
                previous = current;
                current = 1 - (cumulated / Total);
                n--;
                m++;
            }
            while (m < size && current > p);
            return _binMax[n + 1] - ((previous - p) / (frequency / Total) * (_binMax[n + 1] - _binMin[n + 1]));
        }
    }

    /// <summary>
    /// Builds the histogram of <paramref name="image"/>, restricted to voxels whose mask value equals
    /// <paramref name="maskValue"/> when a mask is given.
    /// </summary>
    /// <exception cref="MedImagingException">No voxel is selected (empty mask or all NaN).</exception>
    public static IntensityHistogram Compute<T>(Volume<T> image, int bins, Volume<byte>? mask, byte maskValue, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1, "numberOfHistogramBins"); // the public filters' parameter
        if (mask is not null)
        {
            image.Geometry.EnsureSameSpace(mask.Geometry, "the image and its mask");
        }

        bool small = typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(short) || typeof(T) == typeof(ushort);
        return small ? FromValueCounts(image, bins, mask, maskValue, execution) : FromVoxels(image, bins, mask, maskValue, execution);
    }

    private static IntensityHistogram FromValueCounts<T>(Volume<T> image, int bins, Volume<byte>? mask, byte maskValue, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        // Signed types are shifted so that every value indexes [0, 65536).
        int offset = typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) ? 32768 : 0;
        long[] valueCounts = Parallelism.Reduce(image.Voxels.Length, BlockSize, execution, (start, end) =>
        {
            long[] counts = new long[65536];
            ReadOnlySpan<T> voxels = image.Voxels.Slice((int)start, (int)(end - start));
            if (mask is null)
            {
                foreach (T v in voxels)
                {
                    counts[int.CreateTruncating(v) + offset]++;
                }
            }
            else
            {
                ReadOnlySpan<byte> m = mask.Voxels.Slice((int)start, (int)(end - start));
                for (int i = 0; i < voxels.Length; i++)
                {
                    if (m[i] == maskValue)
                    {
                        counts[int.CreateTruncating(voxels[i]) + offset]++;
                    }
                }
            }

            return counts;
        }, static (a, b) =>
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] += b[i];
            }

            return a;
        }, new long[65536]);

        int lo = Array.FindIndex(valueCounts, c => c != 0);
        if (lo < 0)
        {
            throw new MedImagingException("the histogram is empty: the mask selects no voxel");
        }

        int hi = Array.FindLastIndex(valueCounts, c => c != 0);
        var histogram = new IntensityHistogram(lo - offset, hi - offset, bins);
        for (int v = lo; v <= hi; v++)
        {
            if (valueCounts[v] != 0)
            {
                histogram.Counts[histogram.BinOf(v - offset)] += valueCounts[v];
                histogram.Total += valueCounts[v];
            }
        }

        return histogram;
    }

    private static IntensityHistogram FromVoxels<T>(Volume<T> image, int bins, Volume<byte>? mask, byte maskValue, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        (double min, double max) = Parallelism.Reduce(image.Voxels.Length, BlockSize, execution, (start, end) =>
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            ReadOnlySpan<T> voxels = image.Voxels.Slice((int)start, (int)(end - start));
            ReadOnlySpan<byte> m = mask is null ? default : mask.Voxels.Slice((int)start, (int)(end - start));
            for (int i = 0; i < voxels.Length; i++)
            {
                if (mask is null || m[i] == maskValue)
                {
                    double v = double.CreateTruncating(voxels[i]);
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }

            return (lo, hi);
        }, static (a, b) => (Math.Min(a.Item1, b.Item1), Math.Max(a.Item2, b.Item2)), (double.PositiveInfinity, double.NegativeInfinity));
        if (min > max)
        {
            throw new MedImagingException("the histogram is empty: the mask selects no voxel or every voxel is NaN");
        }

        var histogram = new IntensityHistogram(min, max, bins);
        long[] counts = Parallelism.Reduce(image.Voxels.Length, BlockSize, execution, (start, end) =>
        {
            long[] local = new long[bins];
            ReadOnlySpan<T> voxels = image.Voxels.Slice((int)start, (int)(end - start));
            ReadOnlySpan<byte> m = mask is null ? default : mask.Voxels.Slice((int)start, (int)(end - start));
            for (int i = 0; i < voxels.Length; i++)
            {
                double v = double.CreateTruncating(voxels[i]);
                if ((mask is null || m[i] == maskValue) && !double.IsNaN(v))
                {
                    local[histogram.BinOf(v)]++;
                }
            }

            return local;
        }, static (a, b) =>
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] += b[i];
            }

            return a;
        }, new long[bins]);
        Array.Copy(counts, histogram.Counts, bins);
        histogram.Total = counts.Sum();
        return histogram;
    }
}
