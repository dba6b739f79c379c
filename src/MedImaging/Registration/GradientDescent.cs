namespace MedImaging.Registration;

/// <summary>
/// ITK v4's <c>GradientDescentOptimizerv4Template</c>: each iteration evaluates the metric, feeds the value to a
/// <see cref="WindowConvergenceMonitor"/> and stops when its convergence value is at or below
/// <see cref="RegistrationOptions.ConvergenceMinimumValue"/>; otherwise the parameters move by
/// learningRate · gradient / scales. With learning-rate estimation the rate becomes
/// maximumStepSize / (largest physical shift of the virtual-domain corners under the scaled gradient), so that step
/// moves no corner further than maximumStepSize mm. Given a <see cref="ConjugateGradientLineSearch"/>, the same loop
/// is ITK's <c>ConjugateGradientLineSearchOptimizerv4Template</c>: the step direction is conjugated, the learning
/// rate is estimated on the first iteration only and then chosen by the golden-section line search, and the run
/// ends at the parameters of the best value seen (ITK's <c>ReturnBestParametersAndValue</c>, on for line searches).
/// </summary>
internal static class GradientDescent
{
    /// <summary>
    /// The largest corner shift of an estimated step, mm: <paramref name="requested"/> when positive, otherwise the
    /// smallest spacing of <paramref name="virtualDomain"/> (ITK's <c>EstimateMaximumStepSize</c>, done on the first
    /// level and kept for later ones); unused without learning-rate estimation.
    /// </summary>
    public static double MaximumStepSize(double requested, VolumeGeometry virtualDomain)
    {
        Vec3 s = virtualDomain.Spacing;
        return requested > OptimizerText.MachineEpsilon ? requested : Math.Min(s.X, Math.Min(s.Y, s.Z));
    }

    /// <summary>Optimises one level; returns (iterations, value, stop condition).</summary>
    public static (int Iterations, double Value, string Stop) Run(ICostFunction problem, double[] scales, double maximumStepSize,
        RegistrationOptions options, ExecutionOptions? execution, Action<int, double>? observer, ConjugateGradientLineSearch? lineSearch = null)
    {
        int p = problem.NumberOfParameters;
        double[] gradient = new double[p];
        double learningRate = options.LearningRate, value = double.NaN;
        var monitor = new WindowConvergenceMonitor(options.ConvergenceWindowSize);
        BestPosition? best = lineSearch is null ? null : new BestPosition(p);
        for (int iteration = 0; ; iteration++)
        {
            if (iteration >= options.NumberOfIterations)
            {
                return (iteration, best?.Restore(problem) ?? value, OptimizerText.MaximumIterations(options.NumberOfIterations));
            }

            (execution?.CancellationToken ?? default).ThrowIfCancellationRequested();
            value = problem.GetValueAndDerivative(gradient);
            OptimizerText.EnsureFinite(value, gradient, iteration, problem);
            best?.Offer(value, problem);
            monitor.AddEnergyValue(value);
            double convergence = monitor.ConvergenceValue();
            if (convergence <= options.ConvergenceMinimumValue)
            {
                return (iteration, best?.Restore(problem) ?? value,
                    FormattableString.Invariant($"Convergence checker passed at iteration {iteration}: convergence value {convergence} ≤ {options.ConvergenceMinimumValue}."));
            }

            for (int k = 0; k < p; k++)
            {
                gradient[k] /= scales[k];
            }

            if (EstimatesAt(iteration, options.LearningRateEstimation, lineSearch is not null))
            {
                double stepScale = problem.MaximumPhysicalShift(gradient);
                learningRate = stepScale <= OptimizerText.MachineEpsilon ? 1.0 : maximumStepSize / stepScale;
            }

            if (lineSearch is null)
            {
                problem.UpdateParameters(gradient, learningRate);
            }
            else
            {
                learningRate = lineSearch.Advance(problem, gradient, learningRate);
            }

            observer?.Invoke(iteration, value);
        }
    }

    /// <summary>ITK's rule: every iteration or the first; the line-search optimizers estimate on the first iteration only.</summary>
    private static bool EstimatesAt(int iteration, LearningRateEstimation estimation, bool lineSearch) => estimation switch
    {
        LearningRateEstimation.Never => false,
        LearningRateEstimation.EachIteration => iteration == 0 || !lineSearch,
        _ => iteration == 0,
    };

    /// <summary>
    /// The lowest value evaluated and the parameters it was evaluated at. (ITK stores the value evaluated before an
    /// iteration's step with the parameters after it; we keep the pair that belongs together.)
    /// </summary>
    private sealed class BestPosition(int parameters)
    {
        private readonly double[] _parameters = new double[parameters];
        private double _value = double.MaxValue;

        public void Offer(double value, ICostFunction problem)
        {
            if (value < _value)
            {
                _value = value;
                problem.GetParameters(_parameters);
            }
        }

        public double Restore(ICostFunction problem)
        {
            if (_value < double.MaxValue)
            {
                problem.SetParameters(_parameters);
            }

            return _value;
        }
    }
}
