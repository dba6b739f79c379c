namespace MedImaging.Registration;

/// <summary>
/// Mattes mutual information as ITK's <c>MattesMutualInformationImageToImageMetricv4</c> (D. Mattes et al., "PET-CT
/// image registration in the chest using free-form deformations", IEEE TMI 22(1), 2003): a joint histogram of
/// <c>bins</c> × <c>bins</c> with 2 padding bins at each end, a zero-order (box) Parzen window for the fixed value and
/// a cubic B-spline window for the moving value; value = −MI; analytic derivative through the B-spline's derivative,
/// the moving image's gradient and the transform's Jacobian.
/// </summary>
internal sealed class MattesMutualInformationMetric : ImageMetric
{
    private const int Padding = 2;
    private readonly int _bins;
    private readonly int[] _fixedBins;
    private readonly double _movingBinSize, _movingNormalizedMin;
    private readonly double[] _joint, _ratios;

    public MattesMutualInformationMetric(SampledImage fixedImage, SampledImage moving, Vec3[] points, int bins)
        : base(fixedImage, moving, points)
    {
        _bins = bins;
        double fixedBinSize = (fixedImage.Maximum - fixedImage.Minimum) / (bins - (2 * Padding));
        double fixedNormalizedMin = (fixedImage.Minimum / fixedBinSize) - Padding;
        _movingBinSize = (moving.Maximum - moving.Minimum) / (bins - (2 * Padding));
        _movingNormalizedMin = (moving.Minimum / _movingBinSize) - Padding;
        _fixedBins = new int[FixedValues.Length];
        for (int s = 0; s < _fixedBins.Length; s++)
        {
            int bin = (int)Math.Floor((FixedValues[s] / fixedBinSize) - fixedNormalizedMin);
            _fixedBins[s] = Math.Clamp(bin, Padding, bins - Padding - 1);
        }

        _joint = new double[bins * bins];
        _ratios = new double[bins * bins];
    }

    protected override double Accumulate(bool[] valid, double[] movingValues, double[] imageDerivatives, int validCount, int parameters, Span<double> derivative)
    {
        int bins = _bins, p = parameters;
        double[] joint = _joint;
        Array.Clear(joint);
        for (int s = 0; s < valid.Length; s++)
        {
            if (!valid[s])
            {
                continue;
            }

            int cell = (_fixedBins[s] * bins) + MovingWindow(movingValues[s], out double u);
            double v = 1 - u, u2 = u * u, u3 = u2 * u;
            joint[cell] += v * v * v / 6.0;
            joint[cell + 1] += (4.0 - (6.0 * u2) + (3.0 * u3)) / 6.0;
            joint[cell + 2] += (4.0 - (6.0 * v * v) + (3.0 * v * v * v)) / 6.0;
            joint[cell + 3] += u3 / 6.0;
        }

        double jointSum = 0;
        foreach (double j in joint)
        {
            jointSum += j;
        }

        Span<double> fixedMarginal = stackalloc double[bins];
        Span<double> movingMarginal = stackalloc double[bins];
        for (int f = 0; f < bins; f++)
        {
            for (int m = 0; m < bins; m++)
            {
                double v = joint[(f * bins) + m] / jointSum;
                joint[(f * bins) + m] = v;
                fixedMarginal[f] += v;
                movingMarginal[m] += v;
            }
        }

        // MI, and per cell the factor log(p(f, m) / p(m)) that weights the cell's share of the derivative (0 for
        // empty cells, which ITK skips).
        double[] ratios = _ratios;
        const double closeToZero = double.Epsilon;
        double mi = 0;
        for (int f = 0; f < bins; f++)
        {
            double pf = fixedMarginal[f];
            double logPf = pf > closeToZero ? Math.Log(pf) : 0;
            for (int m = 0; m < bins; m++)
            {
                int cell = (f * bins) + m;
                double pj = joint[cell], pm = movingMarginal[m];
                if (pj <= closeToZero || pm <= closeToZero)
                {
                    ratios[cell] = 0;
                    continue;
                }

                double ratio = Math.Log(pj / pm);
                ratios[cell] = ratio;
                if (pf > closeToZero)
                {
                    mi += pj * (ratio - logPf);
                }
            }
        }

        // ∂p(cell)/∂θ = −Σ β3'(arg) ∇m·J / (Δm · N) over the samples in the cell's window, so
        // −∂MI/∂θ = −Σ_samples (Σ_window β3'(arg) · ratio(cell)) ∇m·J / (Δm · N): one pass over the samples with the
        // ratio table, instead of a bins² × parameters table of joint-histogram derivatives.
        for (int s = 0; s < valid.Length; s++)
        {
            if (!valid[s])
            {
                continue;
            }

            int cell = (_fixedBins[s] * bins) + MovingWindow(movingValues[s], out double u);
            double v = 1 - u;
            double weight = (0.5 * v * v * ratios[cell])
                + (((2.0 * u) - (1.5 * u * u)) * ratios[cell + 1])
                + (((-2.0 * v) + (1.5 * v * v)) * ratios[cell + 2])
                - (0.5 * u * u * ratios[cell + 3]);
            ReadOnlySpan<double> sample = imageDerivatives.AsSpan(s * p, p);
            for (int k = 0; k < p; k++)
            {
                derivative[k] -= weight * sample[k];
            }
        }

        double nFactor = 1.0 / (_movingBinSize * jointSum);
        for (int k = 0; k < p; k++)
        {
            derivative[k] *= nFactor;
        }

        return -mi;
    }

    /// <summary>
    /// The moving value's cubic Parzen window: the first of its 4 bins and the fraction u in [0, 1] of the value
    /// past the window's second bin. The window's B-spline arguments are −1 − u, −u, 1 − u, 2 − u, so the weights are
    /// β3 of those in closed form: (1 − u)³/6, (4 − 6u² + 3u³)/6, (4 − 6(1 − u)² + 3(1 − u)³)/6, u³/6, and the
    /// derivatives dβ3/darg: (1 − u)²/2, 2u − 1.5u², −2(1 − u) + 1.5(1 − u)², −u²/2.
    /// </summary>
    private int MovingWindow(double movingValue, out double u)
    {
        double term = (movingValue / _movingBinSize) - _movingNormalizedMin;
        int index = Math.Clamp((int)term, Padding, _bins - Padding - 1);
        u = term - index;
        return index - 1;
    }
}
