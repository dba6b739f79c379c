namespace MedImaging.BiasCorrection;

/// <summary>
/// N4's histogram sharpening (Sled, Zijdenbos and Evans, IEEE TMI 17(1), 1998; Tustison et al., IEEE TMI 29(6),
/// 2010), as ITK's <c>N4BiasFieldCorrectionImageFilter::SharpenImage</c> does it: the histogram of the current
/// log intensities (triangular Parzen window over <c>bins</c> bins spanning min…max) is deconvolved with a Gaussian
/// of the bias field's full width at half maximum by a Wiener filter in the Fourier domain (zero-padded to
/// 2^(⌈log2 bins⌉ + 1) with the histogram centred), and every value is mapped to its expected true value
/// E[u | v] = (u·U ⊛ F)/(U ⊛ F), interpolated linearly between bins.
/// </summary>
internal static class HistogramSharpening
{
    /// <summary>
    /// Writes the sharpened value of every <paramref name="values"/>[n] to <paramref name="sharpened"/>[n]. When all
    /// values are equal the mapping is the identity (as ITK).
    /// </summary>
    public static void Sharpen(ReadOnlySpan<double> values, Span<double> sharpened, int bins, double fullWidthAtHalfMaximum, double wienerFilterNoise)
    {
        if (values.IsEmpty)
        {
            return;
        }

        double minimum = double.MaxValue;
        double maximum = double.MinValue;
        foreach (double v in values)
        {
            minimum = Math.Min(minimum, v);
            maximum = Math.Max(maximum, v);
        }

        if (maximum <= minimum)
        {
            values.CopyTo(sharpened);
            return;
        }

        double slope = (maximum - minimum) / (bins - 1);
        double[] histogram = BuildHistogram(values, minimum, slope, bins);
        double[] mapping = ExpectedValueMapping(histogram, minimum, slope, fullWidthAtHalfMaximum, wienerFilterNoise);
        ApplyMapping(values, sharpened, mapping, minimum, slope);
    }

    /// <summary>Histogram with linear (triangular Parzen) splitting between the two nearest bins, as ITK.</summary>
    internal static double[] BuildHistogram(ReadOnlySpan<double> values, double minimum, double slope, int bins)
    {
        var histogram = new double[bins];
        foreach (double v in values)
        {
            double c = (v - minimum) / slope;
            int index = (int)Math.Floor(c);
            double offset = c - index;
            if (offset == 0)
            {
                histogram[index] += 1;
            }
            else if (index < bins - 1)
            {
                histogram[index] += 1 - offset;
                histogram[index + 1] += offset;
            }
        }

        return histogram;
    }

    /// <summary>Length of ITK's zero-padded histogram: 2^(⌈log2 bins⌉ + 1).</summary>
    internal static int PaddedLength(int bins) => 1 << ((int)Math.Ceiling(Math.Log2(bins)) + 1);

    /// <summary>
    /// E[u | v] at every bin centre: the Wiener-deconvolved histogram U, clamped at 0, and its first moment, both
    /// smoothed again by the Gaussian F, divided (0 where the smoothed U vanishes).
    /// </summary>
    internal static double[] ExpectedValueMapping(double[] histogram, double minimum, double slope, double fullWidthAtHalfMaximum, double wienerFilterNoise)
    {
        int bins = histogram.Length;
        int padded = PaddedLength(bins);
        int offset = (padded - bins) / 2;

        var vr = new double[padded];
        var vi = new double[padded];
        histogram.CopyTo(vr, offset);
        Fft.Transform(vr, vi, inverse: false);

        double[] gaussian = GaussianSpectrum(padded, fullWidthAtHalfMaximum / slope);

        // Wiener filter G = conj(F)/(|F|² + noise); F is real and even, so only real parts survive.
        var ur = new double[padded];
        var ui = new double[padded];
        for (int n = 0; n < padded; n++)
        {
            double f = gaussian[n];
            double g = f / (f * f + wienerFilterNoise);
            ur[n] = vr[n] * g;
            ui[n] = vi[n] * g;
        }

        Fft.Transform(ur, ui, inverse: true);
        var u = new double[padded];
        var moment = new double[padded];
        for (int n = 0; n < padded; n++)
        {
            u[n] = Math.Max(ur[n], 0);
            moment[n] = (minimum + (n - offset) * slope) * u[n];
        }

        double[] numerator = Smooth(moment, gaussian);
        double[] denominator = Smooth(u, gaussian);
        var mapping = new double[bins];
        for (int n = 0; n < bins; n++)
        {
            double d = denominator[n + offset];
            mapping[n] = d != 0 ? numerator[n + offset] / d : 0;
        }

        return mapping;
    }

    /// <summary>Maps each value through <paramref name="mapping"/> with linear interpolation between bins.</summary>
    internal static void ApplyMapping(ReadOnlySpan<double> values, Span<double> sharpened, double[] mapping, double minimum, double slope)
    {
        int last = mapping.Length - 1;
        for (int n = 0; n < values.Length; n++)
        {
            double c = (values[n] - minimum) / slope;
            int index = (int)Math.Floor(c);
            sharpened[n] = index < last
                ? mapping[index] + (mapping[index + 1] - mapping[index]) * (c - index)
                : mapping[last];
        }
    }

    /// <summary>
    /// Fourier transform (real, even) of the unit-area Gaussian with full width at half maximum
    /// <paramref name="widthInBins"/>, sampled on the circular padded grid as ITK builds it.
    /// </summary>
    internal static double[] GaussianSpectrum(int padded, double widthInBins)
    {
        double expFactor = 4 * Math.Log(2) / (widthInBins * widthInBins);
        double scaleFactor = 2 * Math.Sqrt(Math.Log(2) / Math.PI) / widthInBins;
        var fr = new double[padded];
        var fi = new double[padded];
        fr[0] = scaleFactor;
        for (int n = 1; n <= padded / 2; n++)
        {
            double value = scaleFactor * Math.Exp(-(double)n * n * expFactor);
            fr[n] = value;
            fr[padded - n] = value;
        }

        Fft.Transform(fr, fi, inverse: false);
        return fr;
    }

    /// <summary>Circular convolution of <paramref name="signal"/> with the Gaussian whose spectrum is given.</summary>
    private static double[] Smooth(double[] signal, double[] spectrum)
    {
        int n = signal.Length;
        var re = (double[])signal.Clone();
        var im = new double[n];
        Fft.Transform(re, im, inverse: false);
        for (int k = 0; k < n; k++)
        {
            re[k] *= spectrum[k];
            im[k] *= spectrum[k];
        }

        Fft.Transform(re, im, inverse: true);
        return re;
    }
}
