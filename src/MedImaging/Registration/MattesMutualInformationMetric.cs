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
    private readonly double[] _joint;
    private double[] _jointDerivative = [];

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
    }

    protected override double Accumulate(bool[] valid, double[] movingValues, double[] imageDerivatives, int validCount, int parameters, Span<double> derivative)
    {
        int bins = _bins, p = parameters;
        if (_jointDerivative.Length != bins * bins * p)
        {
            _jointDerivative = new double[bins * bins * p];
        }

        double[] joint = _joint, jd = _jointDerivative;
        Array.Clear(joint);
        Array.Clear(jd);
        for (int s = 0; s < valid.Length; s++)
        {
            if (!valid[s])
            {
                continue;
            }

            double term = (movingValues[s] / _movingBinSize) - _movingNormalizedMin;
            int index = Math.Clamp((int)term, Padding, bins - Padding - 1);
            int first = index - 1;
            double arg = first - term;
            int row = _fixedBins[s] * bins;
            for (int i = 0; i < 4; i++, arg += 1.0)
            {
                int cell = row + first + i;
                joint[cell] += CubicBSpline(arg);
                double dw = CubicBSplineDerivative(arg);
                int at = cell * p;
                for (int k = 0; k < p; k++)
                {
                    jd[at + k] -= dw * imageDerivatives[(s * p) + k];
                }
            }
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

        // ∂p/∂θ = −Σ β3'(arg) ∇m·J / (Δm · N): the accumulated sums times nFactor.
        double nFactor = 1.0 / (_movingBinSize * jointSum);
        const double closeToZero = double.Epsilon;
        double mi = 0;
        for (int f = 0; f < bins; f++)
        {
            double pf = fixedMarginal[f];
            double logPf = pf > closeToZero ? Math.Log(pf) : 0;
            for (int m = 0; m < bins; m++)
            {
                double pj = joint[(f * bins) + m], pm = movingMarginal[m];
                if (pj <= closeToZero || pm <= closeToZero)
                {
                    continue;
                }

                double ratio = Math.Log(pj / pm);
                if (pf > closeToZero)
                {
                    mi += pj * (ratio - logPf);
                }

                int at = ((f * bins) + m) * p;
                for (int k = 0; k < p; k++)
                {
                    derivative[k] += jd[at + k] * nFactor * ratio;
                }
            }
        }

        return -mi;
    }

    /// <summary>Cubic B-spline β3(u).</summary>
    internal static double CubicBSpline(double u)
    {
        double a = Math.Abs(u);
        if (a < 1)
        {
            return (4.0 - (6.0 * a * a) + (3.0 * a * a * a)) / 6.0;
        }

        return a < 2 ? (2 - a) * (2 - a) * (2 - a) / 6.0 : 0.0;
    }

    /// <summary>dβ3/du.</summary>
    internal static double CubicBSplineDerivative(double u)
    {
        double a = Math.Abs(u);
        if (a < 1)
        {
            return (-2.0 * u) + (1.5 * u * a);
        }

        return a < 2 ? -0.5 * (2 - a) * (2 - a) * Math.Sign(u) : 0.0;
    }
}
