namespace MedImaging.Registration;

/// <summary>
/// ITK v4's <c>RegularStepGradientDescentOptimizerv4</c>: each step moves the parameters by
/// relaxation·learningRate along the scaled descent direction normalised to unit length (gradient / scales); the
/// relaxation is multiplied by the relaxation factor whenever the scaled direction reverses (negative product with
/// the previous scaled step); stops after the maximum iterations, when the step falls below the minimum step or when
/// the scaled gradient's magnitude falls below the tolerance.
/// </summary>
internal static class RegularStepGradientDescent
{
    /// <summary>Optimises one level; returns (iterations, last value, stop condition).</summary>
    public static (int Iterations, double Value, string Stop) Run(ICostFunction problem, double[] scales,
        RegistrationOptions options, ExecutionOptions? execution, Action<int, double>? observer)
    {
        int p = problem.NumberOfParameters;
        double[] gradient = new double[p], previous = new double[p];
        double relaxation = 1.0, value = double.NaN;
        for (int iteration = 0; ; iteration++)
        {
            if (iteration >= options.NumberOfIterations)
            {
                return (iteration, value, OptimizerText.MaximumIterations(options.NumberOfIterations));
            }

            (execution?.CancellationToken ?? default).ThrowIfCancellationRequested();
            gradient.CopyTo(previous, 0);
            value = problem.GetValueAndDerivative(gradient);
            OptimizerText.EnsureFinite(value, gradient, iteration, problem);

            double magnitudeSquared = 0, product = 0;
            for (int k = 0; k < p; k++)
            {
                gradient[k] /= scales[k];
                previous[k] /= scales[k];
                magnitudeSquared += gradient[k] * gradient[k];
                product += gradient[k] * previous[k];
            }

            double magnitude = Math.Sqrt(magnitudeSquared);
            if (magnitude < options.GradientMagnitudeTolerance)
            {
                return (iteration, value, FormattableString.Invariant($"Gradient magnitude tolerance met after {iteration} iterations. Gradient magnitude ({magnitude}) is less than gradient magnitude tolerance ({options.GradientMagnitudeTolerance})."));
            }

            if (product < 0)
            {
                relaxation *= options.RelaxationFactor;
            }

            double step = relaxation * options.LearningRate;
            if (step < options.MinimumStepLength)
            {
                return (iteration, value, FormattableString.Invariant($"Step too small after {iteration} iterations. Current step ({step}) is less than minimum step ({options.MinimumStepLength})."));
            }

            // ITK keeps the step-scaled gradient as the next "previous" gradient (scaled once more next time).
            for (int k = 0; k < p; k++)
            {
                gradient[k] *= step;
            }

            problem.UpdateParameters(gradient, 1.0 / magnitude);
            observer?.Invoke(iteration, value);
        }
    }
}
