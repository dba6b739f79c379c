namespace MedImaging.Registration;

/// <summary>
/// ITK v4's <c>AmoebaOptimizerv4</c> around vnl's <c>vnl_amoeba</c> (Nelder–Mead). The search runs on the scaled
/// parameters x·scale; the initial simplex is the start point plus simplexDelta along each scaled axis. Each step
/// reflects the worst corner through the centroid c of the others (2c − w); a reflection better than the best is
/// tried expanded (2r − c) and kept if that is still better than the best; a reflection no better than the
/// second-worst is replaced by the contraction halfway between c and the better of (w, r), kept only when better
/// than the best corner, else every corner moves halfway toward the best (shrink). The search stops when the
/// simplex's diameter (largest coordinate difference between consecutive corners in value order) is below the
/// parameters tolerance and the value spread below the function tolerance, or after numberOfIterations evaluations
/// (initial simplex not counted, as in vnl). With restarts (ITK's heuristic) the search starts again from the best
/// point with the previous deltas halved each time and of random sign (seeded by <see cref="RegistrationOptions.Seed"/>),
/// until a restart moves the best point by less than both tolerances or the budget (all evaluations) is spent.
/// Corners of equal value keep their order (a stable sort; vnl's qsort leaves that open).
/// </summary>
internal static class AmoebaOptimizer
{
    /// <summary>Minimises from the current parameters; returns (evaluations, best value, stop condition) and moves to the best point.</summary>
    public static (int Iterations, double Value, string Stop) Run(ICostFunction problem, IReadOnlyList<double> scales, RegistrationOptions options,
        Action<int, double>? observer)
    {
        int n = problem.NumberOfParameters;
        double[] parameters = new double[n], unscaled = new double[n];
        problem.GetParameters(parameters);
        int evaluations = 0;
        double Cost(double[] x)
        {
            for (int i = 0; i < n; i++)
            {
                unscaled[i] = x[i] / scales[i];
            }

            problem.SetParameters(unscaled);
            double value = problem.GetValue();
            observer?.Invoke(evaluations, value);
            evaluations++;
            return value;
        }

        for (int i = 0; i < n; i++)
        {
            parameters[i] *= scales[i];
        }

        double[] delta = new double[n];
        Array.Fill(delta, options.SimplexDelta);
        int budget = options.NumberOfIterations;
        double[] best = Minimize(Cost, parameters, delta, budget, options, out int simplexSteps);
        double bestValue = Cost(best);
        if (options.WithRestarts)
        {
            var random = new Random(options.Seed);
            bool converged = false;
            for (int restart = 1; !converged && evaluations < budget; restart++)
            {
                double factor = Math.Pow(2, -restart) * (random.Next(2) == 0 ? 1 : -1);
                for (int i = 0; i < n; i++)
                {
                    delta[i] *= factor;
                }

                double[] candidate = Minimize(Cost, best, delta, budget - evaluations, options, out simplexSteps);
                double value = Cost(candidate);
                double moved = 0;
                for (int i = 0; i < n; i++)
                {
                    moved = Math.Max(moved, Math.Abs(best[i] - candidate[i]));
                }

                converged = Math.Abs(bestValue - value) < options.FunctionConvergenceTolerance && moved < options.ParametersConvergenceTolerance;
                if (value < bestValue)
                {
                    (best, bestValue) = (candidate, value);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            unscaled[i] = best[i] / scales[i];
        }

        problem.SetParameters(unscaled);
        string stop = simplexSteps < options.NumberOfIterations
            ? FormattableString.Invariant($"Both parameters convergence tolerance ({options.ParametersConvergenceTolerance}) and function convergence tolerance ({options.FunctionConvergenceTolerance}) have been met in {simplexSteps} iterations.")
            : FormattableString.Invariant($"Maximum number of iterations exceeded. Number of iterations is {options.NumberOfIterations}");
        return (evaluations, bestValue, stop);
    }

    /// <summary>One vnl_amoeba run from <paramref name="start"/> with the simplex start + delta[j]·e_j; returns the best corner.</summary>
    internal static double[] Minimize(Func<double[], double> cost, double[] start, double[] delta, int maximumEvaluations,
        RegistrationOptions options, out int evaluations)
    {
        int n = start.Length;
        var simplex = new Corner[n + 1];
        simplex[0] = new Corner((double[])start.Clone(), cost(start));
        for (int j = 0; j < n; j++)
        {
            double[] v = (double[])start.Clone();
            v[j] += delta[j];
            simplex[j + 1] = new Corner(v, cost(v));
        }

        Sort(simplex);
        double[] centroid = new double[n];
        evaluations = 0;
        while (evaluations < maximumEvaluations
            && !(Diameter(simplex) < options.ParametersConvergenceTolerance && simplex[n].Value - simplex[0].Value < options.FunctionConvergenceTolerance))
        {
            Array.Clear(centroid);
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < n; k++)
                {
                    centroid[k] += simplex[i].Position[k] / n;
                }
            }

            Corner reflect = Along(cost, centroid, simplex[n].Position, -1, ref evaluations), next = reflect;
            if (reflect.Value < simplex[n - 1].Value)
            {
                if (reflect.Value < simplex[0].Value)
                {
                    Corner expand = Along(cost, centroid, reflect.Position, 2, ref evaluations);
                    next = expand.Value < simplex[0].Value ? expand : reflect;
                }
            }
            else
            {
                Corner worse = reflect.Value < simplex[n].Value ? reflect : simplex[n];
                Corner contract = Along(cost, centroid, worse.Position, 0.5, ref evaluations);
                if (contract.Value < simplex[0].Value)
                {
                    next = contract;
                }
                else
                {
                    for (int j = 1; j < n; j++)
                    {
                        simplex[j] = Along(cost, simplex[0].Position, simplex[j].Position, 0.5, ref evaluations);
                    }

                    next = Along(cost, simplex[0].Position, simplex[n].Position, 0.5, ref evaluations);
                }
            }

            simplex[n] = next;
            Sort(simplex);
        }

        return simplex[0].Position;
    }

    /// <summary>The corner (1 − λ)·from + λ·to, evaluated (vnl's <c>set_corner_a_plus_bl</c>).</summary>
    private static Corner Along(Func<double[], double> cost, double[] from, double[] to, double lambda, ref int evaluations)
    {
        double[] v = new double[from.Length];
        for (int k = 0; k < v.Length; k++)
        {
            v[k] = ((1 - lambda) * from[k]) + (lambda * to[k]);
        }

        evaluations++;
        return new Corner(v, cost(v));
    }

    private static double Diameter(Corner[] simplex)
    {
        double max = 0;
        for (int i = 0; i + 1 < simplex.Length; i++)
        {
            for (int k = 0; k < simplex[i].Position.Length; k++)
            {
                max = Math.Max(max, Math.Abs(simplex[i].Position[k] - simplex[i + 1].Position[k]));
            }
        }

        return max;
    }

    /// <summary>Stable insertion sort by value (n + 1 corners, nearly sorted after each step).</summary>
    private static void Sort(Corner[] simplex)
    {
        for (int i = 1; i < simplex.Length; i++)
        {
            Corner c = simplex[i];
            int j = i - 1;
            for (; j >= 0 && simplex[j].Value > c.Value; j--)
            {
                simplex[j + 1] = simplex[j];
            }

            simplex[j + 1] = c;
        }
    }

    private readonly record struct Corner(double[] Position, double Value);
}
