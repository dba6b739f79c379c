namespace MedImaging.Filters;

/// <summary>
/// ITK's <c>OtsuMultipleThresholdsCalculator</c> on an <see cref="IntensityHistogram"/>: every placement of the
/// thresholds on bin indexes (the last class starts at least one bin before the end) is tried in lexicographic order
/// and the one maximising the between-class variance Σ ωₖ μₖ² / N (bin centres as class values) wins; a later
/// placement must beat the best so far by more than one ULP (ITK's <c>FloatAlmostEqual</c>). Optional valley
/// emphasis (Ng 2006) multiplies by 1 − Σ p(threshold bins).
/// </summary>
internal static class OtsuCalculator
{
    /// <summary>The winning bin index of each threshold, ascending.</summary>
    public static int[] Compute(IntensityHistogram histogram, int numberOfThresholds, bool valleyEmphasis)
    {
        int bins = histogram.BinCount;
        int classes = numberOfThresholds + 1;
        if (numberOfThresholds < 1 || numberOfThresholds > bins - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numberOfThresholds), numberOfThresholds, $"needs 1 to {bins - 1} thresholds for {bins} bins");
        }

        long total = histogram.Total;
        double globalMean = 0;
        for (int j = 0; j < bins; j++)
        {
            globalMean += histogram.BinCenter(j) * histogram.Counts[j];
        }

        globalMean /= total;

        int[] index = new int[numberOfThresholds];
        long[] frequency = new long[classes];
        double[] mean = new double[classes];
        for (int j = 0; j < numberOfThresholds; j++)
        {
            index[j] = j;
            frequency[j] = histogram.Counts[j];
            mean[j] = frequency[j] > 0 ? histogram.BinCenter(j) : 0;
        }

        CloseLastClass(frequency, mean, total, globalMean);
        int[] best = (int[])index.Clone();
        double bestVariance = BetweenClassVariance(histogram, index, frequency, mean, total, valleyEmphasis);
        while (Increment(histogram, index, frequency, mean, total, globalMean))
        {
            double variance = BetweenClassVariance(histogram, index, frequency, mean, total, valleyEmphasis);
            if (variance > bestVariance && !AlmostEqual(bestVariance, variance))
            {
                bestVariance = variance;
                Array.Copy(index, best, index.Length);
            }
        }

        return best;
    }

    private static bool Increment(IntensityHistogram histogram, int[] index, long[] frequency, double[] mean, long total, double globalMean)
    {
        int m = index.Length;
        int bins = histogram.BinCount;
        for (int j = m - 1; j >= 0; j--)
        {
            if (index[j] >= bins - 2 - (m - 1 - j))
            {
                continue;
            }

            index[j]++;
            long added = histogram.Counts[index[j]];
            long oldFrequency = frequency[j];
            frequency[j] += added;
            mean[j] = frequency[j] > 0 ? ((mean[j] * oldFrequency) + (histogram.BinCenter(index[j]) * added)) / frequency[j] : 0;
            for (int k = j + 1; k < m; k++)
            {
                index[k] = index[k - 1] + 1;
                frequency[k] = histogram.Counts[index[k]];
                mean[k] = frequency[k] > 0 ? histogram.BinCenter(index[k]) : 0;
            }

            CloseLastClass(frequency, mean, total, globalMean);
            return true;
        }

        return false;
    }

    private static void CloseLastClass(long[] frequency, double[] mean, long total, double globalMean)
    {
        int last = frequency.Length - 1;
        frequency[last] = total;
        mean[last] = globalMean * total;
        for (int k = 0; k < last; k++)
        {
            frequency[last] -= frequency[k];
            mean[last] -= mean[k] * frequency[k];
        }

        mean[last] = frequency[last] > 0 ? mean[last] / frequency[last] : 0;
    }

    private static double BetweenClassVariance(IntensityHistogram histogram, int[] index, long[] frequency, double[] mean, long total, bool valleyEmphasis)
    {
        double variance = 0;
        for (int j = 0; j < frequency.Length; j++)
        {
            variance += frequency[j] * (mean[j] * mean[j]);
        }

        variance /= total;
        if (valleyEmphasis)
        {
            double emphasis = 0;
            foreach (int bin in index)
            {
                emphasis += (double)histogram.Counts[bin] / total;
            }

            variance *= 1.0 - emphasis;
        }

        return variance;
    }

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>ITK's <c>Math::FloatAlmostEqual(a, b, 1 ULP, 0.1 ε)</c>.</summary>
    private static bool AlmostEqual(double a, double b)
    {
        if (Math.Abs(a - b) <= 0.1 * MachineEpsilon)
        {
            return true;
        }

        if (Math.Sign(a) != Math.Sign(b))
        {
            return false;
        }

        long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));
        return ulps <= 1;
    }
}
