using System.Globalization;
using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// ITK v4's <c>GradientDescentOptimizerv4Template</c>: each iteration evaluates the metric, feeds the value to a
/// <see cref="WindowConvergenceMonitor"/> and stops when its convergence value is at or below
/// <see cref="RegistrationOptions.ConvergenceMinimumValue"/>; otherwise the parameters move by
/// learningRate · gradient / scales. With learning-rate estimation the rate becomes
/// maximumStepSize / (largest physical shift of the virtual-domain corners under the scaled gradient), so that step
/// moves no corner further than maximumStepSize mm; maximumStepSize, when not given, is the smallest spacing of the
/// first level's virtual grid and is kept for later levels (ITK estimates it once, on the first start).
/// </summary>
internal static class GradientDescent
{
    /// <summary>Optimises one level; <paramref name="maximumStepSize"/> is estimated here when ≤ 0 and kept by the caller.</summary>
    public static (int Iterations, double Value, string Stop) Run(ImageMetric metric, IParametricTransform transform, double[] scales,
        VolumeGeometry virtualDomain, ref double maximumStepSize, RegistrationOptions options, ExecutionOptions? execution, Action<int, double>? observer)
    {
        if (options.LearningRateEstimation != LearningRateEstimation.Never && maximumStepSize <= double.Epsilon)
        {
            Vec3 s = virtualDomain.Spacing;
            maximumStepSize = Math.Min(s.X, Math.Min(s.Y, s.Z));
        }

        int p = transform.NumberOfParameters;
        double[] gradient = new double[p];
        double learningRate = options.LearningRate, value = double.NaN;
        var monitor = new WindowConvergenceMonitor(options.ConvergenceWindowSize);
        for (int iteration = 0; ; iteration++)
        {
            if (iteration >= options.NumberOfIterations)
            {
                return (iteration, value, Invariant($"Maximum number of iterations ({options.NumberOfIterations}) exceeded."));
            }

            (execution?.CancellationToken ?? default).ThrowIfCancellationRequested();
            value = metric.GetValueAndDerivative(transform, gradient, execution);
            if (!double.IsFinite(value) || gradient.Any(g => !double.IsFinite(g)))
            {
                throw new RegistrationException(Invariant($"the metric became undefined (value {value}) at iteration {iteration}; parameters [{string.Join(", ", transform.Parameters)}]"));
            }

            monitor.AddEnergyValue(value);
            double convergence = monitor.ConvergenceValue();
            if (convergence <= options.ConvergenceMinimumValue)
            {
                return (iteration, value, Invariant($"Convergence checker passed at iteration {iteration}: convergence value {convergence} ≤ {options.ConvergenceMinimumValue}."));
            }

            for (int k = 0; k < p; k++)
            {
                gradient[k] /= scales[k];
            }

            if (options.LearningRateEstimation == LearningRateEstimation.EachIteration
                || (options.LearningRateEstimation == LearningRateEstimation.Once && iteration == 0))
            {
                double stepScale = ParameterScales.MaximumPhysicalShift(transform, virtualDomain, gradient);
                learningRate = stepScale <= double.Epsilon ? 1.0 : maximumStepSize / stepScale;
            }

            transform.UpdateTransformParameters(gradient, learningRate);
            observer?.Invoke(iteration, value);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
