namespace MedImaging.Registration;

/// <summary>
/// The step of ITK v4's <c>ConjugateGradientLineSearchOptimizerv4Template</c>: the scaled descent direction g is
/// conjugated with the previous direction d as d ← g + γ·d, γ = (g − g_prev)·g / (g_prev·g_prev) (Polak–Ribière),
/// reset to 0 when negative or above 5 (ITK's restart rule) or when g_prev·g_prev is below machine epsilon; the
/// learning rate t then comes from a <see cref="GoldenSectionSearch"/> of value(parameters + t·d) over
/// [lower·t₀, t₀, upper·t₀] (t₀ the previous rate) and the parameters move by t·d. The rate found is kept for the
/// next iteration's bracket.
/// </summary>
internal sealed class ConjugateGradientLineSearch
{
    private readonly double[] _previous, _direction, _start;
    private readonly double _lower, _upper, _epsilon;
    private readonly int _maximumIterations;

    /// <summary>A fresh search (no previous direction) with ITK's line-search settings.</summary>
    public ConjugateGradientLineSearch(int parameters, double lowerLimit, double upperLimit, double epsilon, int maximumIterations)
    {
        _previous = new double[parameters];
        _direction = new double[parameters];
        _start = new double[parameters];
        (_lower, _upper, _epsilon, _maximumIterations) = (lowerLimit, upperLimit, epsilon, maximumIterations);
    }

    /// <summary>Conjugates <paramref name="gradient"/> (already divided by the scales), searches the line, steps; returns the rate used.</summary>
    public double Advance(ICostFunction problem, double[] gradient, double learningRate)
    {
        double previousSquared = 0, product = 0;
        for (int k = 0; k < gradient.Length; k++)
        {
            previousSquared += _previous[k] * _previous[k];
            product += (gradient[k] - _previous[k]) * gradient[k];
        }

        double gamma = previousSquared > OptimizerText.MachineEpsilon ? product / previousSquared : 0;
        if (gamma is < 0 or > 5)
        {
            gamma = 0;
        }

        for (int k = 0; k < gradient.Length; k++)
        {
            _previous[k] = gradient[k];
            _direction[k] = gradient[k] + (gamma * _direction[k]);
        }

        problem.GetParameters(_start);
        double rate = GoldenSectionSearch.Minimize(t => ValueAlongDirection(problem, t),
            learningRate * _lower, learningRate, learningRate * _upper, _epsilon, _maximumIterations);
        problem.UpdateParameters(_direction, rate);
        return rate;
    }

    private double ValueAlongDirection(ICostFunction problem, double rate)
    {
        problem.UpdateParameters(_direction, rate);
        double value = problem.GetValue();
        problem.SetParameters(_start);
        return value;
    }
}
