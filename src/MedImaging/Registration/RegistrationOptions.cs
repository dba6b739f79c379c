namespace MedImaging.Registration;

/// <summary>The similarity metric (ITK v4 metric classes).</summary>
public enum RegistrationMetric
{
    /// <summary>Mattes mutual information (<c>MattesMutualInformationImageToImageMetricv4</c>); multi-modal.</summary>
    MattesMutualInformation,

    /// <summary>Mean of squared intensity differences (<c>MeanSquaresImageToImageMetricv4</c>); same modality.</summary>
    MeanSquares,

    /// <summary>Negative normalised cross correlation (<c>CorrelationImageToImageMetricv4</c>); linear intensity relation.</summary>
    Correlation,
}

/// <summary>Which virtual-domain voxels become metric samples (ITK's <c>MetricSamplingStrategy</c>).</summary>
public enum SamplingStrategy
{
    /// <summary>Every voxel of the (shrunk) fixed grid, no jitter.</summary>
    None,

    /// <summary>Every k-th voxel in memory order (k = ceil(1 / percentage)), each jittered.</summary>
    Regular,

    /// <summary>Voxels drawn uniformly with replacement from a seeded generator, each jittered.</summary>
    Random,
}

/// <summary>The optimizer.</summary>
public enum RegistrationOptimizer
{
    /// <summary>ITK v4 <c>RegularStepGradientDescentOptimizerv4</c>: normalised steps, halved on direction reversal.</summary>
    RegularStepGradientDescent,

    /// <summary>
    /// ITK v4 <c>GradientDescentOptimizerv4Template</c> (SimpleITK's <c>SetOptimizerAsGradientDescent</c>): steps of
    /// learningRate · gradient / scales, stopped by the window convergence monitor.
    /// </summary>
    GradientDescent,

    /// <summary>
    /// ITK v4 <c>ConjugateGradientLineSearchOptimizerv4Template</c> (SimpleITK's
    /// <c>SetOptimizerAsConjugateGradientLineSearch</c>): Polak–Ribière conjugate directions, the learning rate of
    /// each step chosen by a golden-section line search, window convergence; ends at the best value seen.
    /// </summary>
    ConjugateGradientLineSearch,

    /// <summary>
    /// ITK v4 <c>ExhaustiveOptimizerv4</c> (SimpleITK's <c>SetOptimizerAsExhaustive</c>): evaluates the grid
    /// centre ± k·stepLength·scale per parameter (<see cref="RegistrationOptions.NumberOfSteps"/>) and ends at the
    /// lowest value; see <see cref="RegistrationLevel.Exhaustive"/>.
    /// </summary>
    Exhaustive,

    /// <summary>
    /// ITK v4 <c>AmoebaOptimizerv4</c> (SimpleITK's <c>SetOptimizerAsAmoeba</c>): Nelder–Mead simplex search
    /// without derivatives, from a simplex of size <see cref="RegistrationOptions.SimplexDelta"/>.
    /// </summary>
    Amoeba,
}

/// <summary>When <see cref="RegistrationOptimizer.GradientDescent"/> re-estimates its learning rate (SimpleITK's <c>EstimateLearningRateType</c>).</summary>
public enum LearningRateEstimation
{
    /// <summary>Use <see cref="RegistrationOptions.LearningRate"/> as given.</summary>
    Never,

    /// <summary>Estimate at the first iteration of every level (SimpleITK's default).</summary>
    Once,

    /// <summary>Estimate at every iteration.</summary>
    EachIteration,
}

/// <summary>
/// Settings of <see cref="ImageRegistrationMethod"/>, with the defaults of the SimpleITK rigid script clinicians copy
/// (Mattes MI with 50 bins, random sampling with seed 42, regular-step gradient descent
/// with learning rate 1, minimum step 1e-4, relaxation 0.5, gradient tolerance 1e-4, 100 iterations, shrink 4, 2, 1
/// with smoothing 2, 1, 0 mm, scales from physical shift). Two defaults differ from ITK's script, for accuracy on
/// thick-slice CT (docs/ACCURACY.md): 20 000 samples per level instead of 5000, and <see cref="ThickSliceSampling"/>.
/// </summary>
public sealed partial record RegistrationOptions
{
    /// <summary>The clinical rigid defaults (this record's defaults).</summary>
    public static RegistrationOptions MattesRigidDefault { get; } = new();

    /// <summary>The metric (default Mattes mutual information).</summary>
    public RegistrationMetric Metric { get; init; } = RegistrationMetric.MattesMutualInformation;

    /// <summary>Mattes histogram bins per image, including 2 padding bins at each end (default 50, ITK's minimum 5).</summary>
    public int NumberOfHistogramBins { get; init; } = 50;

    /// <summary>Sampling strategy (default random).</summary>
    public SamplingStrategy Sampling { get; init; } = SamplingStrategy.Random;

    /// <summary>
    /// Samples per level (default 20 000; ITK's script uses 5000, too few for a reliable rotation gradient on a large
    /// CT field of view): the level's percentage is (n + 0.5) / voxels of the shrunk grid, as the ITK reference does.
    /// Ignored when <see cref="SamplingPercentage"/> is set.
    /// </summary>
    public int NumberOfSamples { get; init; } = 20000;

    /// <summary>Fraction (0, 1] of the shrunk grid's voxels sampled at every level (SimpleITK's <c>SetMetricSamplingPercentage</c>), or null.</summary>
    public double? SamplingPercentage { get; init; }

    /// <summary>Seed of the sampler (default 42); the same seed gives the same samples on any machine and thread count.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The optimizer (default regular-step gradient descent).</summary>
    public RegistrationOptimizer Optimizer { get; init; } = RegistrationOptimizer.RegularStepGradientDescent;

    /// <summary>
    /// First step length in scaled parameter units (mm for translations; default 1); for gradient descent and the
    /// conjugate gradient the learning rate (replaced by the estimate unless <see cref="LearningRateEstimation"/> is Never).
    /// </summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Stop when the step length falls below this (default 1e-4).</summary>
    public double MinimumStepLength { get; init; } = 1e-4;

    /// <summary>Step multiplier on a gradient direction reversal, in (0, 1) (default 0.5).</summary>
    public double RelaxationFactor { get; init; } = 0.5;

    /// <summary>Stop when the scaled gradient's magnitude falls below this (default 1e-4).</summary>
    public double GradientMagnitudeTolerance { get; init; } = 1e-4;

    /// <summary>Gradient descent and conjugate gradient: stop when the window convergence value is at or below this (default 1e-6).</summary>
    public double ConvergenceMinimumValue { get; init; } = 1e-6;

    /// <summary>Gradient descent and conjugate gradient: number of recent metric values fitted by the convergence monitor (default 10, at least 2).</summary>
    public int ConvergenceWindowSize { get; init; } = 10;

    /// <summary>Gradient descent and conjugate gradient: when the learning rate is estimated from the parameter scales (default once per level; the conjugate gradient estimates on a level's first iteration only, as ITK).</summary>
    public LearningRateEstimation LearningRateEstimation { get; init; } = LearningRateEstimation.Once;

    /// <summary>
    /// Gradient descent with learning-rate estimation: the largest corner shift of an estimated step, mm; 0 (default)
    /// = the smallest spacing of the first level's virtual grid, kept for all levels (ITK's estimate).
    /// </summary>
    public double MaximumStepSizeInPhysicalUnits { get; init; }

    /// <summary>Maximum iterations per level (default 100); for the amoeba, maximum metric evaluations per level (vnl's count).</summary>
    public int NumberOfIterations { get; init; } = 100;

    /// <summary>Shrink factor of the virtual (sampling) grid per level (default 4, 2, 1).</summary>
    public IReadOnlyList<int> ShrinkFactors { get; init; } = [4, 2, 1];

    /// <summary>Gaussian smoothing sigma per level in mm, applied to the full-resolution images; 0 = none (default 2, 1, 0).</summary>
    public IReadOnlyList<double> SmoothingSigmas { get; init; } = [2.0, 1.0, 0.0];

    /// <summary>
    /// Keep samples on the acquired slices of thick-slice fixed images (default true): along an index axis whose
    /// spacing is at least twice the finest spacing, the virtual grid is not shrunk and samples are not jittered,
    /// so fixed values are never interpolated across slices. ITK jitters and shrinks every axis; on a 5 mm CT that
    /// biases mutual information toward the slice-aligned translation and loses the z shift (docs/ACCURACY.md).
    /// False reproduces ITK's sampling. No effect on images whose spacings differ by less than a factor 2.
    /// </summary>
    public bool ThickSliceSampling { get; init; } = true;

    /// <summary>Only fixed-image samples where this mask (on the fixed grid) is non-zero are used, or null.</summary>
    public Volume<byte>? FixedMask { get; init; }

    /// <summary>Only samples that map where this mask (on the moving grid) is non-zero are used, or null.</summary>
    public Volume<byte>? MovingMask { get; init; }

    /// <summary>Checks every setting; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the exception names it.</exception>
    public void Validate()
    {
        if (NumberOfHistogramBins < 5)
        {
            throw new ArgumentException($"NumberOfHistogramBins must be at least 5, got {NumberOfHistogramBins}", nameof(NumberOfHistogramBins));
        }

        if (ShrinkFactors.Count == 0 || ShrinkFactors.Count != SmoothingSigmas.Count)
        {
            throw new ArgumentException($"ShrinkFactors ({ShrinkFactors.Count}) and SmoothingSigmas ({SmoothingSigmas.Count}) need the same, non-zero number of levels", nameof(ShrinkFactors));
        }

        if (ShrinkFactors.Any(f => f < 1) || SmoothingSigmas.Any(s => !(s >= 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException("shrink factors must be ≥ 1 and smoothing sigmas finite and ≥ 0", nameof(ShrinkFactors));
        }

        if (NumberOfSamples < 1 || SamplingPercentage is <= 0 or > 1)
        {
            throw new ArgumentException("NumberOfSamples must be ≥ 1 and SamplingPercentage in (0, 1]", nameof(NumberOfSamples));
        }

        if (!(RelaxationFactor > 0 && RelaxationFactor < 1) || !(LearningRate > 0) || NumberOfIterations < 0
            || !(MinimumStepLength >= 0) || !(GradientMagnitudeTolerance >= 0) || ConvergenceWindowSize < 2
            || double.IsNaN(ConvergenceMinimumValue) || !(MaximumStepSizeInPhysicalUnits >= 0))
        {
            throw new ArgumentException("optimizer settings: relaxation in (0, 1), learning rate > 0, iterations ≥ 0, tolerances ≥ 0, convergence window ≥ 2, maximum step ≥ 0", nameof(RelaxationFactor));
        }

        ValidateSearchSettings();
    }
}

/// <summary>What one resolution level did.</summary>
/// <param name="ShrinkFactor">The level's shrink factor.</param>
/// <param name="SmoothingSigma">The level's smoothing sigma, mm.</param>
/// <param name="Iterations">Optimizer steps taken (exhaustive: grid points; amoeba: metric evaluations).</param>
/// <param name="MetricValue">Metric value at the last evaluation.</param>
/// <param name="StopCondition">Why the level stopped, in ITK's words.</param>
/// <param name="Samples">Samples drawn on the level's virtual grid.</param>
/// <param name="Scales">Parameter scales estimated for the level.</param>
public sealed record RegistrationLevel(int ShrinkFactor, double SmoothingSigma, int Iterations, double MetricValue,
    string StopCondition, int Samples, IReadOnlyList<double> Scales)
{
    /// <summary>With <see cref="RegistrationOptimizer.Exhaustive"/>: the grid's minimum and maximum and the evaluations; otherwise null.</summary>
    public ExhaustiveSearchResult? Exhaustive { get; init; }
}

/// <summary>The result of a registration.</summary>
/// <param name="Transform">The optimised transform (maps fixed LPS points to moving LPS points).</param>
/// <param name="MetricValue">The final metric value (last evaluation of the last level).</param>
/// <param name="Levels">Per-level iterations, values and stop conditions.</param>
public sealed record RegistrationResult(Transforms.IParametricTransform Transform, double MetricValue, IReadOnlyList<RegistrationLevel> Levels)
{
    /// <summary>Iterations per level.</summary>
    public IReadOnlyList<int> Iterations => [.. Levels.Select(l => l.Iterations)];

    /// <summary>The last level's stop condition.</summary>
    public string StopCondition => Levels[^1].StopCondition;
}
