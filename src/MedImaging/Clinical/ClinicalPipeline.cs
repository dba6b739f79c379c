using System.Globalization;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;
using MedImaging.Filters;

namespace MedImaging.Clinical;

/// <summary>The outcome of <see cref="ClinicalPipeline.Run(string, string, string?, PipelineOptions?, ExecutionOptions?)"/>.</summary>
/// <param name="Report">The report that was written.</param>
/// <param name="ReportPath">Where it was written (<c>OUTDIR/report.json</c>).</param>
public sealed record ClinicalPipelineResult(ClinicalReport Report, string ReportPath);

/// <summary>
/// The configurable clinical pipeline on one case, with SimpleITK-cookbook defaults (see docs/CLINICAL.md):
/// read a DICOM folder (its largest series, as <c>medimg info DIR</c>) or an image file, decide CT or MR, then run
/// the chain of steps the config states (<see cref="PipelineOptions.Steps"/>: resample, threshold, morphology,
/// components, holes, N4 …), or the modality's default chain (<see cref="DefaultChain"/>):
/// <list type="bullet">
/// <item>CT: resample to isotropic spacing (1 mm, cubic B-spline, −1024 HU outside), body mask (≥ −500 HU, largest
/// component, holes filled), optional bone mask (≥ 300 HU in the body);</item>
/// <item>MR: N4 bias field correction (SimpleITK's example: Otsu mask, shrink 4), Otsu foreground;</item>
/// </list>
/// then statistics of every mask and every label of the optional label image on the working grid, the working
/// image and masks written into the output folder (names from the config's <c>outputs</c>), axial/coronal/sagittal
/// QC pictures (PNG, <c>qc[]</c>), and <c>report.json</c> (<see cref="ClinicalReport"/>) written last.
/// Each step is timed. Cancellation is checked between steps and inside the filters; progress is reported per step.
/// </summary>
public static class ClinicalPipeline
{
    /// <summary>The report's file name in the output folder.</summary>
    public const string ReportFileName = "report.json";

    /// <summary>
    /// The steps that follow the configured chain (<see cref="PipelineOptions.Steps"/> or <see cref="DefaultChain"/>);
    /// each decides from the options whether it runs. QC pictures come last.
    /// </summary>
    internal static IReadOnlyList<IPipelineStep> Steps { get; } =
    [
        new StatisticsStep(),
        new WriteImagesStep(),
        new QcPicturesStep(),
    ];

    /// <summary>Runs the pipeline on one case and writes its outputs and report into <paramref name="outputDirectory"/>.</summary>
    /// <param name="input">A DICOM folder (its series with the most images is read) or an image file (.nii, .nii.gz, .mha, .mhd, .nrrd, .nhdr).</param>
    /// <param name="outputDirectory">The output folder (created when missing; an earlier report there is deleted first).</param>
    /// <param name="labels">Optional label image (non-negative integer labels, any grid overlapping the input; nearest-neighbour onto the working grid).</param>
    /// <param name="options">The configuration; null for the defaults.</param>
    /// <param name="execution">Threads, cancellation and per-step progress; null for defaults.</param>
    /// <exception cref="MedImagingException">The input or the label image is unreadable, or a step fails on it (the message names the file).</exception>
    /// <exception cref="IOException">An output cannot be written.</exception>
    /// <exception cref="ArgumentException">A path is null or blank, or an option is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ClinicalPipelineResult Run(string input, string outputDirectory, string? labels = null, PipelineOptions? options = null,
        ExecutionOptions? execution = null) => Run(input, outputDirectory, labels, options, execution, null);

    /// <summary>Runs the pipeline as <see cref="Run(string, string, string?, PipelineOptions?, ExecutionOptions?)"/>, reading a DICOM folder with <paramref name="readOptions"/>.</summary>
    /// <param name="input">A DICOM folder or an image file.</param>
    /// <param name="outputDirectory">The output folder (created).</param>
    /// <param name="labels">A label image measured on the working grid, or null.</param>
    /// <param name="options">The configuration; null for the defaults.</param>
    /// <param name="execution">Threads, cancellation and per-step progress; null for defaults.</param>
    /// <param name="readOptions">How a DICOM series is read (bad files: <see cref="DicomSeriesReadOptions.OnBadFile"/>); null for the defaults.</param>
    /// <exception cref="MedImagingException">The input or the label image is unreadable, or a step fails on it (the message names the file).</exception>
    /// <exception cref="IOException">An output cannot be written.</exception>
    /// <exception cref="ArgumentException">A path is null or blank, or an option is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ClinicalPipelineResult Run(string input, string outputDirectory, string? labels, PipelineOptions? options,
        ExecutionOptions? execution, DicomSeriesReadOptions? readOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options ??= new PipelineOptions();
        options.Validate();
        execution ??= ExecutionOptions.Default;
        IProgress<ProgressReport>? progress = execution.Progress;
        ExecutionOptions inner = execution with { Progress = null };
        CancellationToken token = execution.CancellationToken;
        token.ThrowIfCancellationRequested();
        long start = Stopwatch.GetTimestamp();

        Directory.CreateDirectory(outputDirectory);
        string reportPath = Path.Combine(outputDirectory, ReportFileName);
        File.Delete(reportPath);

        progress?.Report(new ProgressReport("pipeline: read", 0));
        var steps = new List<ReportStep>();
        (ClinicalInput read, double readMs) = Time(() => ClinicalInput.Read(input, labels, options, inner, readOptions));
        steps.Add(new ReportStep("read", readMs, read.Parameters()));
        (ClinicalModality modality, string modalitySource) = DecideModality(options.Modality, read, inner);
        IReadOnlyList<PipelineStepOptions> chain = DefaultChain.For(options, modality);
        CheckOutputKeys(options, chain);
        var context = new PipelineContext(options, inner, outputDirectory, modality) { Image = read.Image, Labels = read.Labels };
        context.Warnings.AddRange(read.Input.SeriesWarnings);
        context.Warnings.AddRange(read.Warnings);
        ReportGeometry before = ReportGeometry.From(read.Image.Geometry);
        if (before.ObliqueDegrees > ReportGeometry.ObliqueToleranceDegrees)
        {
            context.Warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the image is oblique: an index axis is {before.ObliqueDegrees:0.###}° from the nearest patient axis; its direction is kept (never reset to identity)"));
        }

        ReportInput readInput = read.Input;
        read = null!; // the input image lives on only as the working image, until a step replaces it

        int total = chain.Count + Steps.Count + 1;
        for (int i = 0; i < chain.Count; i++)
        {
            token.ThrowIfCancellationRequested();
            PipelineStepOptions step = chain[i];
            bool continues = i > 0 && chain[i - 1].ReportName == step.ReportName;
            if (!continues)
            {
                progress?.Report(new ProgressReport($"pipeline: {step.ReportName}", (i + 1.0) / total));
            }

            (JsonObject parameters, double ms) = Time(() => ChainSteps.Run(context, step));
            ReleaseReplacedVolumes();
            if (continues)
            {
                steps[^1] = Merge(steps[^1], ms, parameters);
            }
            else
            {
                steps.Add(new ReportStep(step.ReportName, ms, parameters));
            }
        }

        for (int i = 0; i < Steps.Count; i++)
        {
            // Decided just before the step: an earlier step may have made what it needs (e.g. a mask to measure).
            IPipelineStep step = Steps[i];
            token.ThrowIfCancellationRequested();
            if (step.IsEnabled(context))
            {
                progress?.Report(new ProgressReport($"pipeline: {step.Name}", (chain.Count + i + 1.0) / total));
                (JsonObject parameters, double ms) = Time(() => step.Run(context));
                steps.Add(new ReportStep(step.Name, ms, parameters));
            }
        }

        token.ThrowIfCancellationRequested();
        var report = new ClinicalReport
        {
            CreatedUtc = DateTimeOffset.UtcNow,
            Input = readInput,
            Modality = modality.ToString(),
            ModalitySource = modalitySource,
            IntensityUnit = modality == ClinicalModality.CT ? "HU" : "arbitrary",
            GeometryBefore = before,
            GeometryAfter = ReportGeometry.From(context.Image.Geometry),
            Steps = steps,
            Structures = context.Structures,
            Warnings = context.Warnings,
            Qc = context.Qc,
            Outputs = context.Outputs,
            TotalMs = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3),
        };
        WriteAtomically(reportPath, report.ToJson());
        progress?.Report(new ProgressReport("pipeline: done", 1));
        return new ClinicalPipelineResult(report, reportPath);
    }

    /// <summary>CT or MR: the configured one, else the DICOM Modality, else CT when the minimum is ≤ −500 (air in HU; MR magnitudes are ≥ 0).</summary>
    private static (ClinicalModality Modality, string Source) DecideModality(ClinicalModality configured, ClinicalInput read, ExecutionOptions execution)
    {
        if (configured != ClinicalModality.Auto)
        {
            return (configured, "config");
        }

        switch (read.Input.DicomModality)
        {
            case "CT":
                return (ClinicalModality.CT, "dicom");
            case "MR":
                return (ClinicalModality.MR, "dicom");
        }

        double minimum = ImageFilters.Statistics(read.Image, execution).Minimum;
        return (minimum <= -500 ? ClinicalModality.CT : ClinicalModality.MR, "intensity");
    }

    /// <summary>
    /// An aggressive full collection after a step: a step that replaced the working image or a mask (resampling,
    /// N4, a filter's output) leaves hundreds of MB unreachable, which the runtime otherwise returns to the system
    /// only gradually, so the next step's allocation would add to the peak resident memory (on a 240 M-voxel case
    /// the threshold's mask landed on top of the resampler's freed 275 MB stack). Volumes hold no references, so
    /// the collection itself costs milliseconds.
    /// </summary>
    private static void ReleaseReplacedVolumes() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>One report entry for consecutive steps of the same name: times added, parameters merged (later keys win).</summary>
    private static ReportStep Merge(ReportStep previous, double ms, JsonObject parameters)
    {
        foreach (string key in parameters.Select(p => p.Key).ToList())
        {
            JsonNode? value = parameters[key];
            parameters.Remove(key);
            previous.Parameters[key] = value;
        }

        return previous with { Ms = Math.Round(previous.Ms + ms, 3) };
    }

    /// <summary>
    /// Every key of the config's <c>outputs</c> names a file the run writes: "image", "labels", a mask of the chain, or
    /// a register step's "transform", "registered" and "checkerboard".
    /// </summary>
    private static void CheckOutputKeys(PipelineOptions options, IReadOnlyList<PipelineStepOptions> chain)
    {
        bool registers = chain.Any(s => s.Step == PipelineStepKind.Register);
        foreach (string key in options.Outputs?.Keys ?? Enumerable.Empty<string>())
        {
            bool registration = key is RegistrationStep.TransformKey or RegistrationStep.RegisteredKey or RegistrationStep.CheckerboardKey;
            if (key is not (WriteImagesStep.ImageKey or StatisticsStep.LabelsKey) && !chain.Any(s => s.Mask == key) && !(registration && registers))
            {
                throw new ArgumentException(registration
                    ? $"outputs.{key}: only a register step writes it, and the chain has none"
                    : $"outputs.{key}: no step makes a mask '{key}' (keys are \"image\", \"labels\", a mask's name or a register step's \"transform\", \"registered\", \"checkerboard\")");
            }
        }
    }

    private static (T Result, double Ms) Time<T>(Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        T result = work();
        return (result, Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3));
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it: a reader never sees half a report.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
