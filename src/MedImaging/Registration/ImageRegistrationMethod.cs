using System.Globalization;
using System.Numerics;
using MedImaging.Filters;
using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// Multi-resolution intensity-based registration with ITK v4 semantics (<c>ImageRegistrationMethodv4</c>): at each
/// level the full-resolution fixed and moving images are smoothed by a Gaussian of the level's sigma in mm
/// (<see cref="ImageFilters.SmoothingRecursiveGaussian{T}(Volume{T}, double, bool, ExecutionOptions?)"/>; none at
/// sigma 0), samples are drawn on the fixed grid shrunk by the level's factor (the virtual domain), parameter scales
/// are estimated from the physical shift of that domain's corners (or taken from
/// <see cref="RegistrationOptions.OptimizerScales"/>), and the chosen optimizer (regular-step or plain gradient
/// descent, conjugate gradient with line search, exhaustive grid, amoeba) runs from the previous level's transform.
/// Deterministic: the same result, bit for bit, for any thread count.
/// </summary>
public static class ImageRegistrationMethod
{
    /// <summary>
    /// Registers <paramref name="moving"/> to <paramref name="fixedImage"/>, optimising a copy of
    /// <paramref name="initialTransform"/> (which maps fixed LPS points to moving LPS points).
    /// </summary>
    /// <param name="fixedImage">The fixed (reference) image; its grid defines the samples.</param>
    /// <param name="moving">The moving image.</param>
    /// <param name="initialTransform">Start transform, e.g. from <c>CenteredTransformInitializer</c>; not modified.</param>
    /// <param name="options">Metric, sampling, optimizer and pyramid settings (default: <see cref="RegistrationOptions.MattesRigidDefault"/>).</param>
    /// <param name="execution">Threads, cancellation and progress (one report per iteration).</param>
    /// <returns>The optimised transform, final metric value and per-level iterations and stop conditions.</returns>
    /// <exception cref="ArgumentNullException">An image or <paramref name="initialTransform"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="GeometryMismatchException">A mask of the options is not on its image's grid.</exception>
    /// <exception cref="RegistrationException">No overlap, too few samples inside, a constant image or an undefined metric.</exception>
    public static RegistrationResult Execute<TFixed, TMoving>(Volume<TFixed> fixedImage, Volume<TMoving> moving,
        IParametricTransform initialTransform, RegistrationOptions? options = null, ExecutionOptions? execution = null)
        where TFixed : unmanaged, INumber<TFixed>
        where TMoving : unmanaged, INumber<TMoving>
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(initialTransform);
        options ??= RegistrationOptions.MattesRigidDefault;
        options.Validate();
        options.FixedMask?.Geometry.EnsureSameSpace(fixedImage.Geometry, "fixed mask vs fixed image");
        options.MovingMask?.Geometry.EnsureSameSpace(moving.Geometry, "moving mask vs moving image");
        IParametricTransform transform = initialTransform.Clone();
        var levels = new List<RegistrationLevel>();
        int levelCount = options.ShrinkFactors.Count;
        double maximumStepSize = 0;

        // One float buffer per image, reused by every level (a level's smoothed images are not needed by the next):
        // a 33 M-voxel CT pair then touches 2 × 128 MiB of fresh memory instead of ~1.3 GB over three levels.
        float[]? fixedBuffer = null, movingBuffer = null;
        for (int level = 0; level < levelCount; level++)
        {
            int shrink = options.ShrinkFactors[level];
            double sigma = options.SmoothingSigmas[level];
            var fixedSampled = new SampledImage(Smooth(fixedImage, sigma, ref fixedBuffer, execution), options.FixedMask);
            double maximumSpacing = Math.Max(moving.Geometry.Spacing.X, Math.Max(moving.Geometry.Spacing.Y, moving.Geometry.Spacing.Z));
            var movingSampled = new SampledImage(Smooth(moving, sigma, ref movingBuffer, execution), options.MovingMask, maximumSpacing);
            bool[] thick = VirtualDomain.ThickAxes(fixedImage.Geometry, options.ThickSliceSampling);
            VolumeGeometry domain = VirtualDomain.Shrink(fixedImage.Geometry, VirtualDomain.Factors(shrink, thick));
            double percentage = options.SamplingPercentage ?? Math.Min(1.0, (options.NumberOfSamples + 0.5) / domain.VoxelCount);
            Vec3[] points = VirtualDomain.SamplePoints(domain, options.Sampling, percentage, options.Seed, thick);
            ImageMetric metric = ImageMetric.Create(options, fixedSampled, movingSampled, points);
            if (metric.FixedSamples == 0)
            {
                throw new RegistrationException(string.Create(CultureInfo.InvariantCulture,
                    $"level {level}: none of the {points.Length} samples lies inside the fixed image{(options.FixedMask is null ? "" : " mask")}"));
            }

            double[] scales = Scales(options, transform, domain);
            maximumStepSize = level == 0 ? GradientDescent.MaximumStepSize(options.MaximumStepSizeInPhysicalUnits, domain) : maximumStepSize;
            int currentLevel = level;
            IProgress<ProgressReport>? progress = execution?.Progress;
            Action<int, double>? observer = progress is null ? null : (iteration, value) => progress.Report(new ProgressReport(
                string.Create(CultureInfo.InvariantCulture, $"registration level {currentLevel + 1}/{levelCount}"),
                (currentLevel + Math.Min(1.0, (iteration + 1.0) / Math.Max(1, options.NumberOfIterations))) / levelCount,
                string.Create(CultureInfo.InvariantCulture, $"iteration {iteration + 1} metric {value:G8}")));
            var problem = new MetricCostFunction(metric, transform, domain, execution);
            levels.Add(RunOptimizer(problem, scales, maximumStepSize, options, execution, observer) with
            {
                ShrinkFactor = shrink, SmoothingSigma = sigma, Samples = points.Length, Scales = scales,
            });
        }

        return new RegistrationResult(transform, levels[^1].MetricValue, levels);
    }

    /// <summary>
    /// <see cref="Execute{TFixed, TMoving}"/> for fixed and moving images of any voxel types (each is smoothed into
    /// float32 per level, as in the generic form).
    /// </summary>
    /// <param name="fixedImage">The fixed (reference) image, any voxel type; its grid defines the samples.</param>
    /// <param name="moving">The moving image, any voxel type.</param>
    /// <param name="initialTransform">Start transform, e.g. from <c>CenteredTransformInitializer</c>; not modified.</param>
    /// <param name="options">Metric, sampling, optimizer and pyramid settings (default: <see cref="RegistrationOptions.MattesRigidDefault"/>).</param>
    /// <param name="execution">Threads, cancellation and progress (one report per iteration).</param>
    /// <returns>The optimised transform, final metric value and per-level iterations and stop conditions.</returns>
    /// <exception cref="ArgumentNullException">An image or <paramref name="initialTransform"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="GeometryMismatchException">A mask of the options is not on its image's grid.</exception>
    /// <exception cref="RegistrationException">No overlap, too few samples inside, a constant image or an undefined metric.</exception>
    public static RegistrationResult Execute(Volume fixedImage, Volume moving, IParametricTransform initialTransform,
        RegistrationOptions? options = null, ExecutionOptions? execution = null) =>
        new ExecuteVisitor(initialTransform, options, execution).Run(fixedImage, moving);

    /// <summary>The given scales, or (exhaustive) ones, or the physical-shift estimate on the level's domain.</summary>
    private static double[] Scales(RegistrationOptions options, IParametricTransform transform, VolumeGeometry domain)
    {
        if (options.OptimizerScales is { } given)
        {
            if (given.Count != transform.NumberOfParameters)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"OptimizerScales has {given.Count} values; {transform.NameOfClass} has {transform.NumberOfParameters} parameters"), nameof(options));
            }

            return [.. given];
        }

        return options.Optimizer == RegistrationOptimizer.Exhaustive
            ? Enumerable.Repeat(1.0, transform.NumberOfParameters).ToArray()
            : ParameterScales.FromPhysicalShift(transform, domain);
    }

    /// <summary>Runs the chosen optimizer on one level; the level's pyramid fields are filled in by the caller.</summary>
    private static RegistrationLevel RunOptimizer(MetricCostFunction problem, double[] scales, double maximumStepSize, RegistrationOptions options,
        ExecutionOptions? execution, Action<int, double>? observer)
    {
        if (options.Optimizer == RegistrationOptimizer.Exhaustive)
        {
            ExhaustiveSearchResult grid = ExhaustiveSearch.Run(problem, options.NumberOfSteps!, options.StepLength, scales, observer);
            string description = string.Create(CultureInfo.InvariantCulture,
                $"Completed sampling of parametric space of size {problem.NumberOfParameters}: {grid.Evaluations} positions, minimum {grid.MinimumValue} at [{string.Join(", ", grid.MinimumPosition)}].");
            return new RegistrationLevel(0, 0, (int)grid.Evaluations, grid.MinimumValue, description, 0, scales) { Exhaustive = grid };
        }

        (int iterations, double value, string stop) = options.Optimizer switch
        {
            RegistrationOptimizer.GradientDescent => GradientDescent.Run(problem, scales, maximumStepSize, options, execution, observer),
            RegistrationOptimizer.ConjugateGradientLineSearch => GradientDescent.Run(problem, scales, maximumStepSize, options, execution, observer,
                new ConjugateGradientLineSearch(problem.NumberOfParameters, options.LineSearchLowerLimit, options.LineSearchUpperLimit,
                    options.LineSearchEpsilon, options.LineSearchMaximumIterations)),
            RegistrationOptimizer.Amoeba => AmoebaOptimizer.Run(problem, scales, options, observer),
            _ => RegularStepGradientDescent.Run(problem, scales, options, execution, observer),
        };
        return new RegistrationLevel(0, 0, iterations, value, stop, 0, scales);
    }

    /// <summary>The level's image: smoothed (sigma &gt; 0 mm) or as float, in <paramref name="buffer"/> (allocated on first use).</summary>
    private static Volume<float> Smooth<T>(Volume<T> image, double sigma, ref float[]? buffer, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        if (sigma <= 0 && image is Volume<float> f)
        {
            return f;
        }

        buffer ??= VoxelArrays.Allocate<float>(image.Voxels.Length, zeroed: false);
        return sigma > 0
            ? ImageFilters.SmoothingRecursiveGaussianInto(image, new Vec3(sigma, sigma, sigma), buffer, execution)
            : new Volume<float>(image.Geometry, SeparableLines.ToFloat(image, buffer));
    }

    private sealed class ExecuteVisitor(IParametricTransform initialTransform, RegistrationOptions? options, ExecutionOptions? execution)
        : VolumePairVisitor<RegistrationResult>
    {
        public override RegistrationResult Visit<TFixed, TMoving>(Volume<TFixed> first, Volume<TMoving> second) =>
            Execute(first, second, initialTransform, options, execution);
    }
}
