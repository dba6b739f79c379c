namespace MedImaging.Filters;

/// <summary>
/// ITK 5.2's <c>HuangThresholdCalculator</c> (Huang and Wang 1995, fuzzy entropy with Shannon's function): for
/// every split between the first and last non-empty bins, the membership of a bin is 1/(1 + |bin − μ|/C) with μ
/// the bin of the rounded class mean and C the number of occupied bins − 1; the split with the least entropy wins.
/// </summary>
internal static class HuangThresholdCalculator
{
    public static double Compute(IntensityHistogram h)
    {
        int size = h.BinCount;
        int first = 0;
        while (first < size && h.Counts[first] == 0)
        {
            first++;
        }

        int last = size - 1;
        while (last > first && h.Counts[last] == 0)
        {
            last--;
        }

        double[] s = new double[last + 1];
        double[] w = new double[last + 1];
        s[0] = h.Counts[0];
        for (int i = Math.Max(1, first); i <= last; i++)
        {
            s[i] = s[i - 1] + h.Counts[i];
            w[i] = w[i - 1] + (h.BinCenter(i) * h.Counts[i]);
        }

        double c = last - first;
        double[] entropyTerm = new double[last + 1 - first];
        for (int i = 1; i < entropyTerm.Length; i++)
        {
            double mu = 1.0 / (1.0 + (i / c));
            entropyTerm[i] = (-mu * Math.Log(mu)) - ((1.0 - mu) * Math.Log(1.0 - mu));
        }

        int best = 0;
        double bestEntropy = double.MaxValue;
        for (int threshold = first; threshold < last; threshold++)
        {
            if (!h.TryGetIndex(Math.Floor((w[threshold] / s[threshold]) + 0.5), out int low))
            {
                continue;
            }

            double entropy = Sum(h, entropyTerm, first, threshold, low);
            if (!h.TryGetIndex(Math.Floor(((w[last] - w[threshold]) / (s[last] - s[threshold])) + 0.5), out int high))
            {
                throw new MedImagingException("HuangThreshold: the object class mean falls outside the histogram");
            }

            entropy += Sum(h, entropyTerm, threshold + 1, last, high);
            if (bestEntropy > entropy)
            {
                bestEntropy = entropy;
                best = threshold;
            }
        }

        return h.BinCenter(best);
    }

    private static double Sum(IntensityHistogram h, double[] entropyTerm, int from, int to, int muBin)
    {
        double entropy = 0;
        for (int i = from; i <= to; i++)
        {
            entropy += entropyTerm[Math.Abs(i - muBin)] * h.Counts[i];
        }

        return entropy;
    }
}
