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
/// are estimated from the physical shift of that domain's corners, and the optimizer runs from the previous level's
/// transform. Deterministic: the same result, bit for bit, for any thread count.
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
        double maximumStepSize = options.MaximumStepSizeInPhysicalUnits;
        for (int level = 0; level < levelCount; level++)
        {
            int shrink = options.ShrinkFactors[level];
            double sigma = options.SmoothingSigmas[level];
            var fixedSampled = new SampledImage(Smooth(fixedImage, sigma, execution), options.FixedMask);
            double maximumSpacing = Math.Max(moving.Geometry.Spacing.X, Math.Max(moving.Geometry.Spacing.Y, moving.Geometry.Spacing.Z));
            var movingSampled = new SampledImage(Smooth(moving, sigma, execution), options.MovingMask, maximumSpacing);
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

            double[] scales = ParameterScales.FromPhysicalShift(transform, domain);
            int currentLevel = level;
            IProgress<ProgressReport>? progress = execution?.Progress;
            Action<int, double>? observer = progress is null ? null : (iteration, value) => progress.Report(new ProgressReport(
                string.Create(CultureInfo.InvariantCulture, $"registration level {currentLevel + 1}/{levelCount}"),
                (currentLevel + ((iteration + 1.0) / Math.Max(1, options.NumberOfIterations))) / levelCount,
                string.Create(CultureInfo.InvariantCulture, $"iteration {iteration + 1} metric {value:G8}")));
            (int iterations, double value, string stop) = options.Optimizer == RegistrationOptimizer.GradientDescent
                ? GradientDescent.Run(metric, transform, scales, domain, ref maximumStepSize, options, execution, observer)
                : RegularStepGradientDescent.Run(metric, transform, scales, options, execution, observer);
            levels.Add(new RegistrationLevel(shrink, sigma, iterations, value, stop, points.Length, scales));
        }

        return new RegistrationResult(transform, levels[^1].MetricValue, levels);
    }

    private static Volume<float> Smooth<T>(Volume<T> image, double sigma, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        if (sigma > 0)
        {
            return ImageFilters.SmoothingRecursiveGaussian(image, sigma, execution: execution);
        }

        return image is Volume<float> f ? f : new Volume<float>(image.Geometry, Filters.SeparableLines.ToFloat(image));
    }
}
