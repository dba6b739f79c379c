using System.Numerics;

namespace MedImaging.Measurements;

/// <summary>
/// Sums gathered for one label in one pass over the voxels: count, index bounding box, index first and second
/// moments (exact, in 64-bit integers), the first and last voxel of the label on every image row (enough for the
/// Feret diameter and the oriented bounding box, whose extremes lie on them), and optionally the intensities
/// (a value histogram for 8/16-bit images, else the values) with the intensity-weighted index sums.
/// </summary>
internal sealed class LabelAccumulator
{
    public long Count;
    public int MinX = int.MaxValue, MinY = int.MaxValue, MinZ = int.MaxValue, MaxX = -1, MaxY = -1, MaxZ = -1;
    public long SumX, SumY, SumZ, SumXX, SumYY, SumZZ, SumXY, SumXZ, SumYZ;
    public double WeightSum, WeightedX, WeightedY, WeightedZ;
    public long[]? Histogram;
    public List<double>? Values;
    public List<(int X, int Y, int Z)> RowExtremes { get; } = [];

    /// <summary>
    /// Accumulates every label of <paramref name="labels"/> (only those flagged in <paramref name="wanted"/> when
    /// given; never the background 0 with <paramref name="skipBackground"/>) and the intensities of
    /// <paramref name="image"/>, in fixed blocks of z slices merged in order: integer sums are exact and the
    /// floating-point ones are combined in a fixed order, so the result does not depend on the thread count.
    /// </summary>
    /// <param name="image">Intensities, or null for shape sums only.</param>
    /// <param name="labels">The label image.</param>
    /// <param name="rowExtremes">Keep each row's first and last voxel of every label (Feret diameter, oriented box).</param>
    /// <param name="wanted">Labels to accumulate, indexed by label, of length largest label + 1 (the caller has checked
    /// the labels with <see cref="LabelCounts.MaxLabel"/>); null for every label.</param>
    /// <param name="skipBackground">Leave label 0 out (shape statistics never report it).</param>
    /// <param name="execution">Threads and cancellation.</param>
    public static LabelAccumulator?[] Run<TImage, TLabel>(Volume<TImage>? image, Volume<TLabel> labels, bool rowExtremes, bool[]? wanted,
        bool skipBackground, ExecutionOptions? execution)
        where TImage : unmanaged, INumber<TImage>
        where TLabel : unmanaged, INumber<TLabel>
    {
        int maxLabel = wanted is not null ? wanted.Length - 1 : LabelCounts.MaxLabel(labels, "label image", execution);
        if (skipBackground)
        {
            wanted = wanted is null ? Enumerable.Repeat(true, maxLabel + 1).ToArray() : (bool[])wanted.Clone();
            wanted[0] = false;
        }

        Size3 size = labels.Size;
        // Every block holds one slot per label: with many labels use one block so memory stays one table.
        int slicesPerBlock = maxLabel > LabelCounts.ManyLabels ? Math.Max(1, size.Z) : 8;
        int blocks = (size.Z + slicesPerBlock - 1) / slicesPerBlock;
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget((long)blocks * (maxLabel + 1) * IntPtr.Size, "label statistics tables");
                return Parallelism.Reduce(blocks, 1, execution, (first, last) =>
        {
            var block = new LabelAccumulator?[maxLabel + 1];
            for (int z = (int)first * slicesPerBlock; z < Math.Min(size.Z, (int)last * slicesPerBlock); z++)
            {
                for (int y = 0; y < size.Y; y++)
                {
                    AccumulateRow(image, labels, block, y, z, rowExtremes, wanted);
                }
            }

            return block;
        }, Merge, new LabelAccumulator?[maxLabel + 1]);
    }

    /// <summary>Adds one image row, run by run (a run = consecutive voxels of one label).</summary>
    private static void AccumulateRow<TImage, TLabel>(Volume<TImage>? image, Volume<TLabel> labels, LabelAccumulator?[] block, int y, int z, bool rowExtremes,
        bool[]? wanted)
        where TImage : unmanaged, INumber<TImage>
        where TLabel : unmanaged, INumber<TLabel>
    {
        bool small = typeof(TImage) == typeof(byte) || typeof(TImage) == typeof(sbyte) || typeof(TImage) == typeof(short) || typeof(TImage) == typeof(ushort);
        int offset = typeof(TImage) == typeof(short) || typeof(TImage) == typeof(sbyte) ? 32768 : 0;
        ReadOnlySpan<TLabel> row = labels.GetRow(y, z);
        ReadOnlySpan<TImage> values = image is null ? default : image.GetRow(y, z);
        int x0 = 0;
        while (x0 < row.Length)
        {
            int length = row[x0..].IndexOfAnyExcept(row[x0]);
            length = length < 0 ? row.Length - x0 : length;
            int x1 = x0 + length - 1;
            int label = int.CreateTruncating(row[x0]);
            if (wanted is not null && !wanted[label])
            {
                x0 = x1 + 1;
                continue;
            }

            LabelAccumulator a = block[label] ??= new LabelAccumulator
            {
                Histogram = image is not null && small ? new long[65536] : null,
                Values = image is not null && !small ? [] : null,
            };
            a.AddRun(x0, x1, y, z, rowExtremes);
            if (image is not null)
            {
                (double sum, double sumX) = a.Histogram is not null
                    ? CountRun(values[x0..(x1 + 1)], x0, a.Histogram, offset)
                    : GatherRun(values[x0..(x1 + 1)], x0, a.Values!);
                a.WeightSum += sum;
                a.WeightedX += sumX;
                a.WeightedY += sum * y;
                a.WeightedZ += sum * z;
            }

            x0 = x1 + 1;
        }
    }

    /// <summary>Histogram counts of a run of 8/16-bit values; returns Σv and Σv·x (exact integers).</summary>
    private static (double Sum, double SumX) CountRun<TImage>(ReadOnlySpan<TImage> run, int x0, long[] histogram, int offset)
        where TImage : unmanaged, INumber<TImage>
    {
        long sum = 0, sumX = 0;
        for (int i = 0; i < run.Length; i++)
        {
            int v = int.CreateTruncating(run[i]);
            histogram[v + offset]++;
            sum += v;
            sumX += (long)v * (x0 + i);
        }

        return (sum, sumX);
    }

    /// <summary>Keeps the values of a run; returns Σv and Σv·x.</summary>
    private static (double Sum, double SumX) GatherRun<TImage>(ReadOnlySpan<TImage> run, int x0, List<double> values)
        where TImage : unmanaged, INumber<TImage>
    {
        double sum = 0, sumX = 0;
        for (int i = 0; i < run.Length; i++)
        {
            double v = double.CreateTruncating(run[i]);
            values.Add(v);
            sum += v;
            sumX += v * (x0 + i);
        }

        return (sum, sumX);
    }

    /// <summary>Adds the run [x0, x1] on row (y, z) with closed-form sums of x and x².</summary>
    private void AddRun(int x0, int x1, int y, int z, bool rowExtremes)
    {
        long n = x1 - x0 + 1;
        long sx = (x0 + (long)x1) * n / 2;
        long sxx = SumOfSquares(x1) - SumOfSquares(x0 - 1);
        Count += n;
        SumX += sx;
        SumY += n * y;
        SumZ += n * z;
        SumXX += sxx;
        SumYY += n * y * y;
        SumZZ += n * z * z;
        SumXY += sx * y;
        SumXZ += sx * z;
        SumYZ += n * y * z;
        bool newRow = RowExtremes.Count == 0 || RowExtremes[^1].Y != y || RowExtremes[^1].Z != z || !rowExtremes;
        MinX = Math.Min(MinX, x0);
        MaxX = Math.Max(MaxX, x1);
        MinY = Math.Min(MinY, y);
        MaxY = Math.Max(MaxY, y);
        MinZ = Math.Min(MinZ, z);
        MaxZ = Math.Max(MaxZ, z);
        if (rowExtremes)
        {
            // Keep the first voxel of the label on the row and its latest last voxel.
            if (newRow)
            {
                RowExtremes.Add((x0, y, z));
                RowExtremes.Add((x1, y, z));
            }
            else
            {
                RowExtremes[^1] = (x1, y, z);
            }
        }
    }

    private static long SumOfSquares(long n) => n * (n + 1) * ((2 * n) + 1) / 6;

    /// <summary>Adds <paramref name="b"/>'s label sums into <paramref name="a"/> (block order).</summary>
    private static LabelAccumulator?[] Merge(LabelAccumulator?[] a, LabelAccumulator?[] b)
    {
        for (int label = 0; label < a.Length; label++)
        {
            if (b[label] is not { } y)
            {
                continue;
            }

            if (a[label] is not { } x)
            {
                a[label] = y;
                continue;
            }

            x.Count += y.Count;
            x.SumX += y.SumX;
            x.SumY += y.SumY;
            x.SumZ += y.SumZ;
            x.SumXX += y.SumXX;
            x.SumYY += y.SumYY;
            x.SumZZ += y.SumZZ;
            x.SumXY += y.SumXY;
            x.SumXZ += y.SumXZ;
            x.SumYZ += y.SumYZ;
            x.WeightSum += y.WeightSum;
            x.WeightedX += y.WeightedX;
            x.WeightedY += y.WeightedY;
            x.WeightedZ += y.WeightedZ;
            x.MinX = Math.Min(x.MinX, y.MinX);
            x.MinY = Math.Min(x.MinY, y.MinY);
            x.MinZ = Math.Min(x.MinZ, y.MinZ);
            x.MaxX = Math.Max(x.MaxX, y.MaxX);
            x.MaxY = Math.Max(x.MaxY, y.MaxY);
            x.MaxZ = Math.Max(x.MaxZ, y.MaxZ);
            x.Values?.AddRange(y.Values!);
            x.RowExtremes.AddRange(y.RowExtremes);
            if (x.Histogram is not null)
            {
                for (int i = 0; i < x.Histogram.Length; i++)
                {
                    x.Histogram[i] += y.Histogram![i];
                }
            }
        }

        return a;
    }

    /// <summary>
    /// The intensity of rank <paramref name="rank"/> (0-based, ascending); <paramref name="sorted"/> caches the
    /// sorted values when they were gathered one by one.
    /// </summary>
    public double ValueAtRank(long rank, int histogramOffset, ref double[]? sorted)
    {
        if (Values is not null)
        {
            if (sorted is null)
            {
                sorted = [.. Values];
                Array.Sort(sorted);
            }

            return sorted[rank];
        }

        long cumulative = 0;
        for (int v = 0; v < Histogram!.Length; v++)
        {
            cumulative += Histogram[v];
            if (cumulative > rank)
            {
                return v - histogramOffset;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(rank), rank, "rank beyond the label's voxel count");
    }

    /// <summary>Σv, Σv², Σv³, Σv⁴ of the label's intensities, in a fixed order (histogram or voxel order).</summary>
    public (double S1, double S2, double S3, double S4, double Min, double Max) PowerSums(int histogramOffset)
    {
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        if (Values is not null)
        {
            foreach (double v in Values)
            {
                Add(v, 1);
            }
        }
        else
        {
            for (int i = 0; i < Histogram!.Length; i++)
            {
                if (Histogram[i] != 0)
                {
                    Add(i - histogramOffset, Histogram[i]);
                }
            }
        }

        return (s1, s2, s3, s4, min, max);

        void Add(double v, long n)
        {
            double v2 = v * v;
            s1 += v * n;
            s2 += v2 * n;
            s3 += v2 * v * n;
            s4 += v2 * v2 * n;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
    }
}
