using System.Globalization;
using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// What an optimizer sees (ITK's <c>ObjectToObjectMetricBase</c> seen from <c>ObjectToObjectOptimizerBase</c>): a
/// parameter vector, the value to minimise, its descent direction, and the physical size of a step.
/// </summary>
internal interface ICostFunction
{
    /// <summary>Number of optimised parameters.</summary>
    int NumberOfParameters { get; }

    /// <summary>Copies the current parameters into <paramref name="destination"/>.</summary>
    void GetParameters(Span<double> destination);

    /// <summary>Moves to <paramref name="parameters"/>.</summary>
    void SetParameters(ReadOnlySpan<double> parameters);

    /// <summary>Applies factor · update as ITK's <c>UpdateTransformParameters</c> (versors compose).</summary>
    void UpdateParameters(ReadOnlySpan<double> update, double factor);

    /// <summary>The value at the current parameters; <see cref="double.MaxValue"/> where it is undefined (no overlap).</summary>
    double GetValue();

    /// <summary>The value and the descent direction (−∂value/∂parameters) at the current parameters.</summary>
    double GetValueAndDerivative(Span<double> descent);

    /// <summary>ITK's <c>EstimateStepScale</c>: the largest physical shift (mm) that adding <paramref name="step"/> causes.</summary>
    double MaximumPhysicalShift(ReadOnlySpan<double> step);
}

/// <summary>An image metric on one level, seen through the transform being optimised.</summary>
internal sealed class MetricCostFunction(ImageMetric metric, IParametricTransform transform, VolumeGeometry virtualDomain, ExecutionOptions? execution)
    : ICostFunction
{
    public int NumberOfParameters => transform.NumberOfParameters;

    public void GetParameters(Span<double> destination) => transform.GetParameters(destination);

    public void SetParameters(ReadOnlySpan<double> parameters) => transform.SetParameters(parameters);

    public void UpdateParameters(ReadOnlySpan<double> update, double factor) => transform.UpdateTransformParameters(update, factor);

    public double GetValue()
    {
        (execution?.CancellationToken ?? default).ThrowIfCancellationRequested();
        return metric.GetValue(transform, execution);
    }

    public double GetValueAndDerivative(Span<double> descent) => metric.GetValueAndDerivative(transform, descent, execution);

    public double MaximumPhysicalShift(ReadOnlySpan<double> step) => ParameterScales.MaximumPhysicalShift(transform, virtualDomain, step);
}

/// <summary>Checks and words shared by the optimizers.</summary>
internal static class OptimizerText
{
    /// <summary>ITK's <c>NumericTraits&lt;double&gt;::epsilon()</c>, the machine epsilon (not <see cref="double.Epsilon"/>).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Throws <see cref="RegistrationException"/> when the value or a derivative component is not finite.</summary>
    public static void EnsureFinite(double value, ReadOnlySpan<double> derivative, int iteration, ICostFunction problem)
    {
        bool finite = double.IsFinite(value);
        foreach (double d in derivative)
        {
            finite &= double.IsFinite(d);
        }

        if (!finite)
        {
            double[] parameters = new double[problem.NumberOfParameters];
            problem.GetParameters(parameters);
            throw new RegistrationException(FormattableString.Invariant($"the metric became undefined (value {value}) at iteration {iteration}; parameters [{string.Join(", ", parameters.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]"));
        }
    }

    /// <summary>The message of a run stopped by its iteration budget (ITK's words).</summary>
    public static string MaximumIterations(int iterations) => FormattableString.Invariant($"Maximum number of iterations ({iterations}) exceeded.");
}
