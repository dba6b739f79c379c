using MedImaging.Registration;

namespace MedImaging.Tests.Registration;

/// <summary>
/// A cost function given by formulas (no images), for testing the optimizers against known minima: parameters are
/// plain numbers, updates add, the "physical shift" of a step is its Euclidean length. Every evaluated point is logged.
/// </summary>
internal sealed class AnalyticCostFunction(Func<double[], double> value, Func<double[], double[]>? gradient, double[] start) : ICostFunction
{
    private readonly double[] _x = (double[])start.Clone();

    /// <summary>The points where <see cref="GetValue"/> or <see cref="GetValueAndDerivative"/> was called, in order.</summary>
    public List<double[]> Evaluated { get; } = [];

    /// <summary>A copy of the current parameters.</summary>
    public double[] Position => (double[])_x.Clone();

    public int NumberOfParameters => _x.Length;

    /// <summary>½ Σ d_i (x_i − m_i)²: a quadratic bowl with curvature d_i along axis i and minimum 0 at m.</summary>
    public static AnalyticCostFunction Bowl(double[] curvature, double[] minimum, double[] start) => new(
        x => 0.5 * x.Select((v, i) => curvature[i] * (v - minimum[i]) * (v - minimum[i])).Sum(),
        x => [.. x.Select((v, i) => curvature[i] * (v - minimum[i]))],
        start);

    /// <summary>Rosenbrock's function (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).</summary>
    public static AnalyticCostFunction Rosenbrock(double[] start) => new(
        x => ((1 - x[0]) * (1 - x[0])) + (100 * (x[1] - (x[0] * x[0])) * (x[1] - (x[0] * x[0]))),
        null,
        start);

    public void GetParameters(Span<double> destination) => _x.CopyTo(destination);

    public void SetParameters(ReadOnlySpan<double> parameters) => parameters.CopyTo(_x);

    public void UpdateParameters(ReadOnlySpan<double> update, double factor)
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] += factor * update[i];
        }
    }

    public double GetValue()
    {
        Evaluated.Add(Position);
        return value(_x);
    }

    public double GetValueAndDerivative(Span<double> descent)
    {
        double[] g = gradient!(_x);
        for (int i = 0; i < g.Length; i++)
        {
            descent[i] = -g[i];
        }

        Evaluated.Add(Position);
        return value(_x);
    }

    public double MaximumPhysicalShift(ReadOnlySpan<double> step)
    {
        double sum = 0;
        foreach (double s in step)
        {
            sum += s * s;
        }

        return Math.Sqrt(sum);
    }
}
