namespace MedImaging.Registration;

/// <summary>
/// ITK's <c>CorrelationImageToImageMetricv4</c>: value = −(Σ f̃ m̃)² / (Σ f̃² · Σ m̃²) with f̃, m̃ deviations from the
/// means over the valid samples; the descent direction is its negated analytic gradient.
/// </summary>
internal sealed class CorrelationMetric(SampledImage fixedImage, SampledImage moving, Vec3[] points) : ImageMetric(fixedImage, moving, points)
{
    protected override double Accumulate(bool[] valid, double[] movingValues, double[] imageDerivatives, int validCount, int parameters, Span<double> derivative)
    {
        double meanF = 0, meanM = 0;
        for (int s = 0; s < valid.Length; s++)
        {
            if (valid[s])
            {
                meanF += FixedValues[s];
                meanM += movingValues[s];
            }
        }

        meanF /= validCount;
        meanM /= validCount;
        double fm = 0, ff = 0, mm = 0;
        Span<double> fdm = stackalloc double[parameters];
        Span<double> mdm = stackalloc double[parameters];
        for (int s = 0; s < valid.Length; s++)
        {
            if (!valid[s])
            {
                continue;
            }

            double f = FixedValues[s] - meanF, m = movingValues[s] - meanM;
            fm += f * m;
            ff += f * f;
            mm += m * m;
            for (int k = 0; k < parameters; k++)
            {
                fdm[k] += f * imageDerivatives[(s * parameters) + k];
                mdm[k] += m * imageDerivatives[(s * parameters) + k];
            }
        }

        if (!(ff > 0) || !(mm > 0))
        {
            throw new RegistrationException($"correlation is undefined: the {(ff > 0 ? "moving" : "fixed")} image is constant over the {validCount} overlapping samples");
        }

        double factor = 2.0 * fm / (ff * mm);
        for (int k = 0; k < parameters; k++)
        {
            derivative[k] = factor * (fdm[k] - (fm / mm * mdm[k]));
        }

        return -fm * fm / (ff * mm);
    }
}
