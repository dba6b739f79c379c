using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.IO;
using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg register FIXED MOVING OUT.tfm [...]</c>: multi-resolution registration, GEOMETRY-centred start.</summary>
internal static class RegisterCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var fixedArgument = new Argument<string>("fixed") { Description = "Fixed (reference) image: an image or DICOM file, or a DICOM folder (its largest series)." };
        var movingArgument = new Argument<string>("moving") { Description = "Moving image: an image or DICOM file, or a DICOM folder (its largest series)." };
        var outArgument = new Argument<string>("out") { Description = "Output ITK transform file (.tfm): maps fixed LPS points to moving LPS points." };
        var resampled = new Option<string?>("--resampled") { Description = "Also write the moving image resampled onto the fixed grid (linear, 0 outside)." };
        var metric = new Option<string>("--metric") { Description = "mattes, meansquares or correlation.", DefaultValueFactory = _ => "mattes" };
        var bins = new Option<int>("--bins") { Description = "Mattes histogram bins.", DefaultValueFactory = _ => 50 };
        var samples = new Option<int>("--samples") { Description = "Samples per level.", DefaultValueFactory = _ => RegistrationOptions.MattesRigidDefault.NumberOfSamples };
        var percentage = new Option<double?>("--sampling-percentage") { Description = "Fraction (0, 1] of the level's voxels instead of --samples." };
        var sampling = new Option<string>("--sampling") { Description = "random, regular or none.", DefaultValueFactory = _ => "random" };
        var seed = new Option<int>("--seed") { Description = "Sampler seed.", DefaultValueFactory = _ => 42 };
        var optimizer = new Option<string>("--optimizer") { Description = "rsgd (regular-step gradient descent), gd (gradient descent, learning rate estimated once per level, window convergence), cg (conjugate gradient with golden-section line search), amoeba (Nelder-Mead simplex) or exhaustive (grid search; needs --steps).", DefaultValueFactory = _ => "rsgd" };
        var lineSearchLower = new Option<double>("--line-search-lower") { Description = "cg: line search lower end, times the learning rate.", DefaultValueFactory = _ => 0.0 };
        var lineSearchUpper = new Option<double>("--line-search-upper") { Description = "cg: line search upper end, times the learning rate.", DefaultValueFactory = _ => 5.0 };
        var lineSearchEpsilon = new Option<double>("--line-search-epsilon") { Description = "cg: relative bracket width that ends a line search.", DefaultValueFactory = _ => 0.01 };
        var lineSearchIterations = new Option<int>("--line-search-iterations") { Description = "cg: maximum line search iterations.", DefaultValueFactory = _ => 20 };
        var simplexDelta = new Option<double>("--simplex-delta") { Description = "amoeba: initial simplex edge in scaled parameter units.", DefaultValueFactory = _ => 1.0 };
        var parametersTolerance = new Option<double>("--parameters-tolerance") { Description = "amoeba: simplex diameter convergence tolerance.", DefaultValueFactory = _ => 1e-8 };
        var functionTolerance = new Option<double>("--function-tolerance") { Description = "amoeba: value spread convergence tolerance.", DefaultValueFactory = _ => 1e-4 };
        var restarts = new Option<bool>("--restarts") { Description = "amoeba: restart from the best point with halved simplex until it stops moving." };
        var steps = new Option<string?>("--steps") { Description = "exhaustive: steps on each side of the start, one per parameter (e.g. 0,0,4,0,0,0)." };
        var stepLength = new Option<double>("--step-length") { Description = "exhaustive: grid step, times each parameter's scale.", DefaultValueFactory = _ => 1.0 };
        var scales = new Option<string?>("--scales") { Description = "Optimizer scales, one per parameter (default: from physical shift; exhaustive: 1)." };
        var learningRate = new Option<double>("--learning-rate") { Description = "First step length (mm for translations).", DefaultValueFactory = _ => 1.0 };
        var iterations = new Option<int>("--iterations") { Description = "Maximum iterations per level.", DefaultValueFactory = _ => 100 };
        var shrink = new Option<string>("--shrink") { Description = "Shrink factors per level.", DefaultValueFactory = _ => "4,2,1" };
        var sigmas = new Option<string>("--sigmas") { Description = "Smoothing sigmas per level, mm.", DefaultValueFactory = _ => "2,1,0" };
        var transformKind = new Option<string>("--transform") { Description = "euler, similarity or affine.", DefaultValueFactory = _ => "euler" };
        var itkSampling = new Option<bool>("--itk-sampling") { Description = "Shrink and jitter thick-slice axes too, exactly as ITK (off: samples stay on acquired slices)." };
        var fixedSeries = new Option<string?>("--fixed-series") { Description = "FIXED is a DICOM folder: read this series (as --series of the other verbs)." };
        var movingSeries = new Option<string?>("--moving-series") { Description = "MOVING is a DICOM folder: read this series (as --series of the other verbs)." };
        var command = new Command("register", "Register MOVING to FIXED (Mattes MI, multi-resolution, GEOMETRY-centred initializer) and write the transform.");
        command.Options.Add(fixedSeries);
        command.Options.Add(movingSeries);
        command.Arguments.Add(fixedArgument);
        command.Arguments.Add(movingArgument);
        command.Arguments.Add(outArgument);
        foreach (Option o in new Option[]
        {
            resampled, metric, bins, samples, percentage, sampling, seed, optimizer, learningRate, iterations, shrink, sigmas, transformKind, itkSampling,
            lineSearchLower, lineSearchUpper, lineSearchEpsilon, lineSearchIterations, simplexDelta, parametersTolerance, functionTolerance, restarts,
            steps, stepLength, scales,
        })
        {
            command.Options.Add(o);
        }

        CommandRunner.SetBody(command, ctx =>
        {
            var p = ctx.Parse;
            var options = new RegistrationOptions
            {
                Metric = Pick(p.GetValue(metric), "--metric", ("mattes", RegistrationMetric.MattesMutualInformation),
                    ("meansquares", RegistrationMetric.MeanSquares), ("correlation", RegistrationMetric.Correlation)),
                NumberOfHistogramBins = p.GetValue(bins),
                NumberOfSamples = p.GetValue(samples),
                SamplingPercentage = p.GetValue(percentage),
                Sampling = Pick(p.GetValue(sampling), "--sampling", ("random", SamplingStrategy.Random), ("regular", SamplingStrategy.Regular),
                    ("none", SamplingStrategy.None)),
                Seed = p.GetValue(seed),
                Optimizer = Pick(p.GetValue(optimizer), "--optimizer", ("rsgd", RegistrationOptimizer.RegularStepGradientDescent),
                    ("gd", RegistrationOptimizer.GradientDescent), ("cg", RegistrationOptimizer.ConjugateGradientLineSearch),
                    ("amoeba", RegistrationOptimizer.Amoeba), ("exhaustive", RegistrationOptimizer.Exhaustive)),
                LineSearchLowerLimit = p.GetValue(lineSearchLower),
                LineSearchUpperLimit = p.GetValue(lineSearchUpper),
                LineSearchEpsilon = p.GetValue(lineSearchEpsilon),
                LineSearchMaximumIterations = p.GetValue(lineSearchIterations),
                SimplexDelta = p.GetValue(simplexDelta),
                ParametersConvergenceTolerance = p.GetValue(parametersTolerance),
                FunctionConvergenceTolerance = p.GetValue(functionTolerance),
                WithRestarts = p.GetValue(restarts),
                NumberOfSteps = p.GetValue(steps) is string list ? [.. Json.ParseList(list, null, "--steps").Select(v => (int)v)] : null,
                StepLength = p.GetValue(stepLength),
                OptimizerScales = p.GetValue(scales) is string scaleList ? Json.ParseList(scaleList, null, "--scales") : null,
                LearningRate = p.GetValue(learningRate),
                NumberOfIterations = p.GetValue(iterations),
                ShrinkFactors = [.. Json.ParseList(p.GetValue(shrink)!, null, "--shrink").Select(v => (int)v)],
                SmoothingSigmas = Json.ParseList(p.GetValue(sigmas)!, null, "--sigmas"),
                ThickSliceSampling = !p.GetValue(itkSampling),
            };
            MatrixOffsetTransformBase start = p.GetValue(transformKind) switch
            {
                "euler" => new Euler3DTransform(),
                "similarity" => new Similarity3DTransform(),
                "affine" => new AffineTransform(),
                var other => throw new UsageException($"--transform: '{other}' is not euler, similarity or affine"),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            Volume fixedImage = ImageInputs.ReadVolume(p.GetValue(fixedArgument)!, ctx.Execution, FolderChoice.None with { Series = p.GetValue(fixedSeries) });
            Volume movingImage = ImageInputs.ReadVolume(p.GetValue(movingArgument)!, ctx.Execution, FolderChoice.None with { Series = p.GetValue(movingSeries) });
            TimeSpan cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            (RegistrationResult result, double ms) = CliContext.Time(() => ImageRegistration.Register(fixedImage, movingImage, start, options, ctx.Execution));
            double cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            TransformFile.Write(p.GetValue(outArgument)!, result.Transform);
            var json = new JsonObject
            {
                ["fixed"] = p.GetValue(fixedArgument),
                ["moving"] = p.GetValue(movingArgument),
                ["transform"] = p.GetValue(outArgument),
                ["kind"] = result.Transform.NameOfClass,
                ["parameters"] = Json.Array(result.Transform.Parameters),
                ["fixed_parameters"] = Json.Array(result.Transform.FixedParameters),
                ["metric"] = Json.Number(result.MetricValue),
                ["iterations"] = Json.Array(result.Iterations),
                ["samples"] = Json.Array(result.Levels.Select(l => l.Samples)),
                ["stop"] = result.StopCondition,
                ["stop_per_level"] = Json.Array(result.Levels.Select(l => l.StopCondition)),
                ["ms"] = Json.Ms(ms),
                ["cpu_ms"] = Json.Ms(cpuMs),
            };
            if (result.Levels[^1].Exhaustive is { } grid)
            {
                json["exhaustive"] = new JsonObject
                {
                    ["evaluations"] = grid.Evaluations,
                    ["minimum"] = Json.Number(grid.MinimumValue),
                    ["minimum_position"] = Json.Array(grid.MinimumPosition),
                    ["maximum"] = Json.Number(grid.MaximumValue),
                    ["maximum_position"] = Json.Array(grid.MaximumPosition),
                };
            }

            if (p.GetValue(resampled) is string resampledPath)
            {
                ImageFile.Write(ImageRegistration.ResampleMoving(fixedImage, movingImage, result.Transform, 0, ctx.Execution), resampledPath);
                json["resampled"] = resampledPath;
            }

            return json;
        });
        return command;
    }

    /// <summary>The value named <paramref name="name"/>; a <see cref="UsageException"/> listing the names otherwise.</summary>
    private static T Pick<T>(string? name, string option, params (string Name, T Value)[] choices)
    {
        foreach ((string n, T value) in choices)
        {
            if (n == name)
            {
                return value;
            }
        }

        throw new UsageException($"{option}: '{name}' is not {string.Join(", ", choices[..^1].Select(c => c.Name))} or {choices[^1].Name}");
    }
}
