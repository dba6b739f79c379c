namespace MedImaging.Registration;

/// <summary>What <see cref="RegistrationOptimizer.Exhaustive"/> found on one level (ITK <c>ExhaustiveOptimizerv4</c>'s getters).</summary>
/// <param name="MinimumValue">The lowest metric value on the grid (<c>GetMinimumMetricValue</c>).</param>
/// <param name="MinimumPosition">The parameters where it occurred (<c>GetMinimumMetricValuePosition</c>); the level ends there.</param>
/// <param name="MaximumValue">The highest metric value on the grid (<c>GetMaximumMetricValue</c>).</param>
/// <param name="MaximumPosition">The parameters where it occurred (<c>GetMaximumMetricValuePosition</c>).</param>
/// <param name="Evaluations">Grid positions visited: Π(2·numberOfSteps[i] + 1).</param>
public sealed record ExhaustiveSearchResult(double MinimumValue, IReadOnlyList<double> MinimumPosition, double MaximumValue,
    IReadOnlyList<double> MaximumPosition, long Evaluations);

/// <summary>
/// ITK v4's <c>ExhaustiveOptimizerv4</c>: visits every point of the grid centre[i] + (k_i − n_i)·stepLength·scale[i],
/// k_i = 0 … 2·n_i, parameter 0 varying fastest, and keeps the lowest and highest value (strict comparisons, both
/// starting from the centre's value, so ties keep the earlier point). The centre is evaluated first, as ITK does, and
/// not again when the walk reaches it. Unlike ITK, which leaves the transform on its last grid point, the run ends at
/// the minimum's position, so a following optimizer or level starts from the best grid point.
/// </summary>
internal static class ExhaustiveSearch
{
    /// <summary>Number of grid points; throws <see cref="ArgumentException"/> when it exceeds <see cref="int.MaxValue"/>.</summary>
    public static long GridSize(IReadOnlyList<int> numberOfSteps)
    {
        long total = 1;
        foreach (int n in numberOfSteps)
        {
            total *= (2L * n) + 1;
            if (total > int.MaxValue)
            {
                throw new ArgumentException("NumberOfSteps: the grid Π(2·n + 1) has more than 2³¹ − 1 points", nameof(numberOfSteps));
            }
        }

        return total;
    }

    /// <summary>Walks the grid around the current parameters and moves to the minimum's position.</summary>
    public static ExhaustiveSearchResult Run(ICostFunction problem, IReadOnlyList<int> numberOfSteps, double stepLength, IReadOnlyList<double> scales,
        Action<int, double>? observer)
    {
        int p = problem.NumberOfParameters;
        if (numberOfSteps.Count != p || scales.Count != p)
        {
            throw new ArgumentException(FormattableString.Invariant($"NumberOfSteps ({numberOfSteps.Count}) and the scales ({scales.Count}) need one value per transform parameter ({p})"), nameof(numberOfSteps));
        }

        long total = GridSize(numberOfSteps);
        double[] centre = new double[p], position = new double[p];
        int[] index = new int[p];
        problem.GetParameters(centre);
        double centreValue = problem.GetValue();
        (double minimum, double maximum) = (centreValue, centreValue);
        double[] minimumPosition = (double[])centre.Clone(), maximumPosition = (double[])centre.Clone();
        for (int visit = 0; visit < total; visit++)
        {
            bool atCentre = true;
            for (int i = 0; i < p; i++)
            {
                position[i] = ((index[i] - numberOfSteps[i]) * stepLength * scales[i]) + centre[i];
                atCentre &= index[i] == numberOfSteps[i];
            }

            double value = centreValue;
            if (!atCentre)
            {
                problem.SetParameters(position);
                value = problem.GetValue();
            }

            if (value > maximum)
            {
                maximum = value;
                position.CopyTo(maximumPosition, 0);
            }

            if (value < minimum)
            {
                minimum = value;
                position.CopyTo(minimumPosition, 0);
            }

            observer?.Invoke(visit, value);
            for (int i = 0; i < p && ++index[i] > 2 * numberOfSteps[i]; i++)
            {
                index[i] = 0;
            }
        }

        problem.SetParameters(minimumPosition);
        return new ExhaustiveSearchResult(minimum, minimumPosition, maximum, maximumPosition, total);
    }
}
