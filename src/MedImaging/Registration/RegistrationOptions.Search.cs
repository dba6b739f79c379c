namespace MedImaging.Registration;

/// <summary>Settings of the line-search, exhaustive and amoeba optimizers (SimpleITK's names and defaults).</summary>
public sealed partial record RegistrationOptions
{
    /// <summary>
    /// Explicit optimizer scales, one per transform parameter (SimpleITK's <c>SetOptimizerScales</c>), or null (default):
    /// the scales are then estimated from the physical shift at every level, except for
    /// <see cref="RegistrationOptimizer.Exhaustive"/>, which uses 1 for every parameter (ITK's default without an
    /// estimator), so the grid step of parameter i is stepLength · scale[i] in its own units (radians, mm).
    /// </summary>
    public IReadOnlyList<double>? OptimizerScales { get; init; }

    /// <summary>Conjugate gradient: the line search's lower end as a multiple of the current learning rate (default 0).</summary>
    public double LineSearchLowerLimit { get; init; }

    /// <summary>Conjugate gradient: the line search's upper end as a multiple of the current learning rate (default 5).</summary>
    public double LineSearchUpperLimit { get; init; } = 5.0;

    /// <summary>Conjugate gradient: the line search stops when its bracket is narrower than this fraction of |b| + |x| (default 0.01).</summary>
    public double LineSearchEpsilon { get; init; } = 0.01;

    /// <summary>Conjugate gradient: trial points per line search, ITK's count (the search stops after this + 1; default 20).</summary>
    public int LineSearchMaximumIterations { get; init; } = 20;

    /// <summary>Exhaustive: steps on each side of the centre, one per transform parameter (SimpleITK's <c>numberOfSteps</c>; required).</summary>
    public IReadOnlyList<int>? NumberOfSteps { get; init; }

    /// <summary>Exhaustive: grid step in scaled parameter units (default 1; parameter i moves stepLength · scale[i]).</summary>
    public double StepLength { get; init; } = 1.0;

    /// <summary>Amoeba: the initial simplex's edge along every scaled parameter axis (SimpleITK's <c>simplexDelta</c>; default 1, ITK's).</summary>
    public double SimplexDelta { get; init; } = 1.0;

    /// <summary>Amoeba: the simplex diameter (scaled parameter units) below which, with the function tolerance, it has converged (default 1e-8).</summary>
    public double ParametersConvergenceTolerance { get; init; } = 1e-8;

    /// <summary>Amoeba: the spread of the simplex's values below which, with the parameters tolerance, it has converged (default 1e-4).</summary>
    public double FunctionConvergenceTolerance { get; init; } = 1e-4;

    /// <summary>Amoeba: restart from the best point with halved deltas until a restart no longer moves it (default false).</summary>
    public bool WithRestarts { get; init; }

    private void ValidateSearchSettings()
    {
        if (OptimizerScales is not null && OptimizerScales.Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException("OptimizerScales must be finite and > 0", nameof(OptimizerScales));
        }

        if (!(LineSearchLowerLimit >= 0) || !double.IsFinite(LineSearchLowerLimit))
        {
            throw new ArgumentException($"LineSearchLowerLimit must be finite and ≥ 0, got {LineSearchLowerLimit}", nameof(LineSearchLowerLimit));
        }

        if (!(LineSearchUpperLimit > LineSearchLowerLimit) || !double.IsFinite(LineSearchUpperLimit))
        {
            throw new ArgumentException($"LineSearchUpperLimit ({LineSearchUpperLimit}) must be finite and greater than LineSearchLowerLimit ({LineSearchLowerLimit})", nameof(LineSearchUpperLimit));
        }

        if (!(LineSearchEpsilon > 0) || LineSearchMaximumIterations < 0)
        {
            throw new ArgumentException($"LineSearchEpsilon must be > 0 (got {LineSearchEpsilon}) and LineSearchMaximumIterations ≥ 0 (got {LineSearchMaximumIterations})", nameof(LineSearchEpsilon));
        }

        if (Optimizer == RegistrationOptimizer.Exhaustive && NumberOfSteps is null)
        {
            throw new ArgumentException("the exhaustive optimizer needs NumberOfSteps, one per transform parameter", nameof(NumberOfSteps));
        }

        if (NumberOfSteps is not null)
        {
            if (NumberOfSteps.Any(n => n < 0))
            {
                throw new ArgumentException($"NumberOfSteps must be ≥ 0, got [{string.Join(", ", NumberOfSteps)}]", nameof(NumberOfSteps));
            }

            ExhaustiveSearch.GridSize(NumberOfSteps);
        }

        if (!(StepLength > 0) || !double.IsFinite(StepLength))
        {
            throw new ArgumentException($"StepLength must be finite and > 0, got {StepLength}", nameof(StepLength));
        }

        if (!(SimplexDelta != 0) || !double.IsFinite(SimplexDelta))
        {
            throw new ArgumentException($"SimplexDelta must be finite and non-zero, got {SimplexDelta}", nameof(SimplexDelta));
        }

        if (!(ParametersConvergenceTolerance >= 0) || !(FunctionConvergenceTolerance >= 0))
        {
            throw new ArgumentException("the amoeba's convergence tolerances must be ≥ 0", nameof(ParametersConvergenceTolerance));
        }
    }
}
