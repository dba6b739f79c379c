using System.Diagnostics;
using System.Text.Json;
using MedImaging.Dicom;
using MedImaging.IO;

namespace MedImaging.Clinical;

/// <summary>Options of <see cref="BatchRunner.Run"/>.</summary>
public sealed record BatchOptions
{
    /// <summary>Cases run at once (default 1); the threads of <see cref="ExecutionOptions"/> are shared among them.</summary>
    public int MaxParallelCases { get; init; } = 1;

    /// <summary>Skip a case whose report in the output folder is complete (<see cref="ClinicalReport.IsComplete"/>).</summary>
    public bool Resume { get; init; }

    /// <summary>The pipeline's configuration for every case.</summary>
    public PipelineOptions Pipeline { get; init; } = new();

    /// <summary>
    /// Run only this shard's cases and write <see cref="BatchShard.SummaryFileName"/> instead of <c>batch.json</c>
    /// (no review page: <see cref="BatchMerge"/> writes it); null runs every case.
    /// </summary>
    public BatchShard? Shard { get; init; }
}

/// <summary>
/// The clinical pipeline on every case under a root folder: each sub-folder is a DICOM case, each image file
/// (.nii, .nii.gz, .mha, .mhd, .nrrd, .nhdr; .hdr/.img pairs) a file case; anything else is listed as ignored. Each
/// case writes into <c>OUTDIR/&lt;case&gt;/</c>. A failing case never stops the others: its error (the file at fault
/// and the problem) goes into <c>OUTDIR/batch.json</c> (<see cref="BatchSummary"/>), written at the end (also when
/// cancelled, before the <see cref="OperationCanceledException"/> is rethrown), with the review page
/// <c>index.html</c> and <c>results.csv</c> (<see cref="Review.BatchReview"/>). A shard
/// (<see cref="BatchOptions.Shard"/>) writes <c>batch-K-of-N.json</c> only.
/// </summary>
public static class BatchRunner
{
    /// <summary>The summary's file name in the output folder.</summary>
    public const string SummaryFileName = "batch.json";

    /// <summary>The progress operation reported once per finished case.</summary>
    public const string CaseProgress = "batch";

    /// <summary>The progress operation reported for each step of a running case.</summary>
    public const string StepProgress = "batch: step";

    /// <summary>Runs every case under <paramref name="root"/>.</summary>
    /// <param name="root">The folder of cases.</param>
    /// <param name="outputDirectory">The output folder (created when missing); may not be a case of <paramref name="root"/> (it is left out when inside it).</param>
    /// <param name="options">Parallel cases, resume, pipeline options; null for defaults.</param>
    /// <param name="execution">
    /// Threads (shared by the parallel cases), cancellation, progress: operation <see cref="CaseProgress"/> once per
    /// finished case (done/total, failures, ETA), <see cref="StepProgress"/> for each step of a running case.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> or <paramref name="outputDirectory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="root"/> or <paramref name="outputDirectory"/> is empty or white
    /// space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchOptions.MaxParallelCases"/> is below 1.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the summary of the cases finished so far is written first).</exception>
    public static BatchSummary Run(string root, string outputDirectory, BatchOptions? options = null, ExecutionOptions? execution = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options ??= new BatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelCases, 1);
        options.Pipeline.Validate();
        execution ??= ExecutionOptions.Default;
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"batch root '{root}' does not exist");
        }

        long start = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(outputDirectory);
        (List<BatchCase> all, List<string> ignored) = FindCases(root, outputDirectory);
        BatchShard? shard = options.Shard;
        List<BatchCase> cases = shard is BatchShard s ? [.. all.Where(c => s.Contains(c.Path))] : all;
        var results = new BatchCaseResult[cases.Count];
        int threadsPerCase = Math.Max(1, execution.EffectiveDegreeOfParallelism / options.MaxParallelCases);
        var tally = new BatchProgress(cases.Count, execution.Progress);
        try
        {
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelCases, CancellationToken = execution.CancellationToken }, i =>
            {
                ExecutionOptions caseExecution = execution with { MaxDegreeOfParallelism = threadsPerCase, Progress = tally.ForCase(cases[i].Name) };
                results[i] = RunCase(cases[i], outputDirectory, options, caseExecution);
                tally.Finished(results[i]);
            });
        }
        catch (OperationCanceledException)
        {
            WriteSummary(new BatchRun(root, outputDirectory, shard, all, cases, ignored, start), results, cancelled: true);
            throw;
        }

        return WriteSummary(new BatchRun(root, outputDirectory, shard, all, cases, ignored, start), results, cancelled: false);
    }

    private static BatchCaseResult RunCase(BatchCase item, string outputDirectory, BatchOptions options, ExecutionOptions execution)
    {
        string caseOut = Path.Combine(outputDirectory, item.Name);
        string reportPath = Path.Combine(caseOut, ClinicalPipeline.ReportFileName);
        var result = new BatchCaseResult { Name = item.Name, Input = item.Input, Path = item.Path, Report = Path.Combine(item.Name, ClinicalPipeline.ReportFileName) };
        if (options.Resume && ClinicalReport.IsComplete(reportPath))
        {
            return result with { Status = BatchCaseResult.Skipped };
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            ClinicalPipelineResult run = ClinicalPipeline.Run(item.Input, caseOut, null, options.Pipeline, execution);
            return result with { Status = BatchCaseResult.Ok, Ms = Elapsed(start), SkippedFiles = run.Report.Input.Skipped };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return result with { Status = BatchCaseResult.Failed, Ms = Elapsed(start), Report = null, Error = BatchCaseError.From(ex, item.Input) };
        }
    }

    private static double Elapsed(long start) => Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3);

    /// <summary>Sub-folders (DICOM cases) and image files (file cases) of <paramref name="root"/>, by name; other files are ignored.</summary>
    internal static (List<BatchCase> Cases, List<string> Ignored) FindCases(string root, string outputDirectory)
    {
        string outFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        var cases = new List<BatchCase>();
        var ignored = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), outFull, StringComparison.Ordinal))
            {
                cases.Add(new BatchCase(UniqueName(Path.GetFileName(folder), names), folder, Path.GetFileName(folder)));
            }
        }

        foreach (string file in Directory.GetFiles(root).Order(StringComparer.Ordinal))
        {
            if (IsDataCompanion(file))
            {
                continue;
            }

            if (ImageFileFormats.FromPath(file) is not null)
            {
                cases.Add(new BatchCase(UniqueName(ImageStem(file), names), file, Path.GetFileName(file)));
            }
            else
            {
                ignored.Add(file);
            }
        }

        return (cases, ignored);
    }

    /// <summary>The voxel file of a two-file image (.hdr/.img, .mhd/.raw): read through its header, never a case of its own.</summary>
    private static bool IsDataCompanion(string file) =>
        file.EndsWith(".img", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".raw", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".zraw", StringComparison.OrdinalIgnoreCase);

    private static string ImageStem(string file)
    {
        string name = Path.GetFileName(file);
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(name))
            : Path.GetFileNameWithoutExtension(name);
    }

    /// <summary><paramref name="name"/>, or name_2, name_3, … when a case already has it (e.g. a.nii and a.mha).</summary>
    private static string UniqueName(string name, HashSet<string> names)
    {
        string unique = name;
        for (int n = 2; !names.Add(unique); n++)
        {
            unique = $"{name}_{n}";
        }

        return unique;
    }

    private static BatchSummary WriteSummary(BatchRun run, BatchCaseResult?[] results, bool cancelled)
    {
        BatchCaseResult[] done = [.. run.Cases.Select((c, i) => results[i] ?? new BatchCaseResult { Name = c.Name, Input = c.Input, Path = c.Path, Status = BatchCaseResult.Cancelled })];
        BatchSummary summary = BatchSummary.Of(run.Root, cancelled ? BatchSummary.CancelledStatus : ClinicalReport.CompleteStatus, done, run.Ignored, Elapsed(run.Start));
        if (run.Shard is BatchShard shard)
        {
            summary = summary with
            {
                Shard = new BatchShardInfo(shard.Index, shard.Count, BatchShardInfo.CurrentRule),
                AllCases = [.. run.All.Select(c => c.Name)],
            };
        }

        string file = run.Shard?.SummaryFileName ?? SummaryFileName;
        ClinicalPipeline.WriteAtomically(Path.Combine(run.OutputDirectory, file), JsonSerializer.Serialize(summary, ClinicalJsonContext.Readable.BatchSummary));
        if (run.Shard is null)
        {
            Review.BatchReview.Write(run.OutputDirectory, summary);
        }

        return summary;
    }

    /// <summary>One run's inputs for its summary: every case under the root, the ones this run ran, ignored files, start timestamp.</summary>
    private sealed record BatchRun(string Root, string OutputDirectory, BatchShard? Shard, List<BatchCase> All, List<BatchCase> Cases, List<string> Ignored, long Start);
}

/// <summary>A case found under the batch root: its name (the output sub-folder), its input (folder or file) and the input relative to the root.</summary>
internal sealed record BatchCase(string Name, string Input, string Path);
