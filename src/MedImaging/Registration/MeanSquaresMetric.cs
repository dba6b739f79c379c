namespace MedImaging.Registration;

/// <summary>ITK's <c>MeanSquaresImageToImageMetricv4</c>: value = mean (f − m)²; descent direction = mean 2 (f − m) ∇m·J.</summary>
internal sealed class MeanSquaresMetric(SampledImage fixedImage, SampledImage moving, Vec3[] points) : ImageMetric(fixedImage, moving, points)
{
    protected override double Accumulate(bool[] valid, double[] movingValues, double[] imageDerivatives, int validCount, int parameters, Span<double> derivative)
    {
        double sum = 0;
        for (int s = 0; s < valid.Length; s++)
        {
            if (!valid[s])
            {
                continue;
            }

            double diff = FixedValues[s] - movingValues[s];
            sum += diff * diff;
            for (int k = 0; k < parameters; k++)
            {
                derivative[k] += 2.0 * diff * imageDerivatives[(s * parameters) + k];
            }
        }

        for (int k = 0; k < parameters; k++)
        {
            derivative[k] /= validCount;
        }

        return sum / validCount;
    }
}
