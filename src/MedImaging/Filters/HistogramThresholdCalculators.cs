namespace MedImaging.Filters;

/// <summary>
/// ITK 5.2's histogram threshold calculators (ports of ImageJ's auto-threshold methods by G. Landini), in our words.
/// Each returns the threshold in intensity units as ITK does, before the conversion to the voxel type.
/// </summary>
internal static class HistogramThresholdCalculators
{
    /// <summary>
    /// Triangle (Zack, Rogers and Latt 1977): the line from the histogram peak to the farther of the 1 % and 99 %
    /// quantile bins; the threshold is the centre of the bin after the one farthest below that line.
    /// </summary>
    public static double Triangle(IntensityHistogram h)
    {
        int size = h.BinCount;
        double peak = double.Epsilon;
        int peakIndex = 0;
        for (int j = 0; j < size; j++)
        {
            if (h.Counts[j] > peak)
            {
                peakIndex = j;
                peak = h.Counts[j];
            }
        }

        h.TryGetIndex(h.Quantile(0.01), out int low);
        h.TryGetIndex(h.Quantile(0.99), out int high);
        low = Math.Max(low, 0);
        high = high < 0 ? size - 1 : high;
        double[] triangle = new double[size];
        int threshold;
        if (Math.Abs((float)peakIndex - (float)low) > Math.Abs((float)peakIndex - (float)high))
        {
            double slope = peak / (peakIndex - low);
            for (int k = low; k < peakIndex; k++)
            {
                triangle[k] = (float)(slope * (k - low)) - h.Counts[k];
            }

            threshold = ArgMax(triangle, low, peakIndex);
        }
        else
        {
            double slope = -peak / (high - peakIndex);
            for (int k = peakIndex; k < high; k++)
            {
                triangle[k] = (float)((slope * (k - peakIndex)) + peak) - h.Counts[k];
            }

            threshold = ArgMax(triangle, peakIndex, high);
        }

        return h.BinCenter(Math.Min(threshold + 1, size - 1));
    }

    /// <summary>
    /// Li's iterative minimum cross entropy (Li and Tam 1998): t ← (μ_b − μ_o)/(ln μ_b − ln μ_o) on intensities
    /// shifted to start at 0, rounded, until it moves by ≤ ½; the result is the centre of the bin holding t.
    /// </summary>
    public static double Li(IntensityHistogram h)
    {
        int size = h.BinCount;
        double shift = Math.Min(h.BinMin(0), 0.0);
        double mean = 0;
        for (int i = 0; i < size; i++)
        {
            mean += h.BinCenter(i) * h.Counts[i];
        }

        mean /= h.Total;
        double next = mean, previous;
        int bin = 0;
        do
        {
            previous = next;
            if (!h.TryGetIndex((int)(previous + 0.5), out int found))
            {
                break;
            }

            bin = found;
            double meanBack = ClassMean(h, 0, bin) - shift;
            double meanObject = ClassMean(h, bin + 1, size) - shift;
            double t = (meanBack - meanObject) / (Math.Log(meanBack) - Math.Log(meanObject));
            next = (t < -2.220446049250313e-16 ? (int)(t - 0.5) : (int)(t + 0.5)) + shift;
        }
        while (Math.Abs(next - previous) > 0.5);
        return h.BinCenter(bin);
    }

    /// <summary>
    /// Moment preserving (Tsai 1985): the two-level image with the histogram's first three moments; the threshold
    /// is the centre of the first bin where the cumulative fraction exceeds the object fraction p₀.
    /// </summary>
    public static double Moments(IntensityHistogram h)
    {
        int size = h.BinCount;
        double total = h.Total;
        double m0 = 1, m1 = 0, m2 = 0, m3 = 0;
        double[] p = new double[size];
        for (int i = 0; i < size; i++)
        {
            p[i] = h.Counts[i] / total;
            double m = h.BinCenter(i);
            m1 += m * p[i];
            m2 += m * m * p[i];
            m3 += m * m * m * p[i];
        }

        double cd = (m0 * m2) - (m1 * m1);
        double c0 = ((-m2 * m2) + (m1 * m3)) / cd;
        double c1 = ((m0 * -m3) + (m2 * m1)) / cd;
        double z0 = 0.5 * (-c1 - Math.Sqrt((c1 * c1) - (4.0 * c0)));
        double z1 = 0.5 * (-c1 + Math.Sqrt((c1 * c1) - (4.0 * c0)));
        double p0 = (z1 - m1) / (z1 - z0);
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            sum += p[i];
            if (sum > p0)
            {
                return h.BinCenter(i);
            }
        }

        return h.BinCenter(0);
    }

    private static int ArgMax(double[] values, int first, int end)
    {
        int best = first;
        for (int k = first + 1; k < end; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return end > first ? best : end;
    }

    private static double ClassMean(IntensityHistogram h, int first, int end)
    {
        double sum = 0;
        long count = 0;
        for (int i = first; i < end; i++)
        {
            sum += h.BinCenter(i) * h.Counts[i];
            count += h.Counts[i];
        }

        return count == 0 ? 0 : sum / count;
    }
}
