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
}

/// <summary>
/// The clinical pipeline on every case under a root folder: each sub-folder is a DICOM case, each image file
/// (.nii, .nii.gz, .mha, .mhd, .nrrd, .nhdr; .hdr/.img pairs) a file case; anything else is listed as ignored. Each
/// case writes into <c>OUTDIR/&lt;case&gt;/</c>. A failing case never stops the others: its error (the file at fault
/// and the problem) goes into <c>OUTDIR/batch.json</c> (<see cref="BatchSummary"/>), written at the end (also when
/// cancelled, before the <see cref="OperationCanceledException"/> is rethrown).
/// </summary>
public static class BatchRunner
{
    /// <summary>The summary's file name in the output folder.</summary>
    public const string SummaryFileName = "batch.json";

    /// <summary>Runs every case under <paramref name="root"/>.</summary>
    /// <param name="root">The folder of cases.</param>
    /// <param name="outputDirectory">The output folder (created when missing); may not be a case of <paramref name="root"/> (it is left out when inside it).</param>
    /// <param name="options">Parallel cases, resume, pipeline options; null for defaults.</param>
    /// <param name="execution">Threads (shared by the parallel cases), cancellation, progress (one report per finished case).</param>
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
        (List<BatchCase> cases, List<string> ignored) = FindCases(root, outputDirectory);
        var results = new BatchCaseResult[cases.Count];
        int threadsPerCase = Math.Max(1, execution.EffectiveDegreeOfParallelism / options.MaxParallelCases);
        ExecutionOptions caseExecution = execution with { MaxDegreeOfParallelism = threadsPerCase, Progress = null };
        int finished = 0;
        try
        {
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelCases, CancellationToken = execution.CancellationToken }, i =>
            {
                results[i] = RunCase(cases[i], outputDirectory, options, caseExecution);
                int done = Interlocked.Increment(ref finished);
                execution.Progress?.Report(new ProgressReport($"batch: {cases[i].Name} {results[i].Status}", (double)done / cases.Count));
            });
        }
        catch (OperationCanceledException)
        {
            WriteSummary(root, outputDirectory, cases, results, ignored, start, cancelled: true);
            throw;
        }

        return WriteSummary(root, outputDirectory, cases, results, ignored, start, cancelled: false);
    }

    private static BatchCaseResult RunCase(BatchCase item, string outputDirectory, BatchOptions options, ExecutionOptions execution)
    {
        string caseOut = Path.Combine(outputDirectory, item.Name);
        string reportPath = Path.Combine(caseOut, ClinicalPipeline.ReportFileName);
        var result = new BatchCaseResult { Name = item.Name, Input = item.Input, Report = Path.Combine(item.Name, ClinicalPipeline.ReportFileName) };
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
                cases.Add(new BatchCase(UniqueName(Path.GetFileName(folder), names), folder));
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
                cases.Add(new BatchCase(UniqueName(ImageStem(file), names), file));
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

    private static BatchSummary WriteSummary(string root, string outputDirectory, List<BatchCase> cases, BatchCaseResult?[] results,
        List<string> ignored, long start, bool cancelled)
    {
        BatchCaseResult[] all = [.. cases.Select((c, i) => results[i] ?? new BatchCaseResult { Name = c.Name, Input = c.Input, Status = BatchCaseResult.Cancelled })];
        var summary = new BatchSummary
        {
            Root = root,
            Status = cancelled ? "cancelled" : ClinicalReport.CompleteStatus,
            Cases = all,
            Ok = all.Count(r => r.Status == BatchCaseResult.Ok),
            Failed = all.Count(r => r.Status == BatchCaseResult.Failed),
            Skipped = all.Count(r => r.Status == BatchCaseResult.Skipped),
            Ignored = ignored,
            TotalMs = Elapsed(start),
        };
        ClinicalPipeline.WriteAtomically(Path.Combine(outputDirectory, SummaryFileName), JsonSerializer.Serialize(summary, ClinicalJsonContext.Readable.BatchSummary));
        return summary;
    }
}

/// <summary>A case found under the batch root: its name (the output sub-folder) and its input (folder or file).</summary>
internal sealed record BatchCase(string Name, string Input);

/// <summary>The batch summary (<c>batch.json</c>).</summary>
public sealed record BatchSummary
{
    /// <summary>Schema version (the report's).</summary>
    public string SchemaVersion { get; init; } = ClinicalReport.CurrentSchemaVersion;

    /// <summary>The root folder.</summary>
    public string Root { get; init; } = "";

    /// <summary>"complete", or "cancelled" when the batch was cancelled (unfinished cases have status "cancelled").</summary>
    public string Status { get; init; } = "";

    /// <summary>Every case, by name.</summary>
    public IReadOnlyList<BatchCaseResult> Cases { get; init; } = [];

    /// <summary>Cases that succeeded in this run.</summary>
    public int Ok { get; init; }

    /// <summary>Cases that failed.</summary>
    public int Failed { get; init; }

    /// <summary>Cases skipped because their report was complete (resume).</summary>
    public int Skipped { get; init; }

    /// <summary>Files under the root that are not images.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Wall time of the batch, ms.</summary>
    public double TotalMs { get; init; }
}

/// <summary>One case of a batch.</summary>
public sealed record BatchCaseResult
{
    /// <summary>Status of a case that succeeded.</summary>
    public const string Ok = "ok";

    /// <summary>Status of a case that failed.</summary>
    public const string Failed = "failed";

    /// <summary>Status of a case skipped on resume.</summary>
    public const string Skipped = "skipped";

    /// <summary>Status of a case not run because the batch was cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The case name (its output sub-folder).</summary>
    public string Name { get; init; } = "";

    /// <summary>The input folder or file.</summary>
    public string Input { get; init; } = "";

    /// <summary>ok, failed, skipped or cancelled.</summary>
    public string Status { get; init; } = "";

    /// <summary>The report, relative to the batch output folder; null when the case failed or was cancelled.</summary>
    public string? Report { get; init; }

    /// <summary>Wall time of the case, ms (0 when skipped).</summary>
    public double Ms { get; init; }

    /// <summary>Why the case failed; null otherwise.</summary>
    public BatchCaseError? Error { get; init; }

    /// <summary>Files of the case's DICOM folder left out, with the reasons (as in its report's <c>input.skipped</c>).</summary>
    public IReadOnlyList<ReportSkippedFile> SkippedFiles { get; init; } = [];
}

/// <summary>Why a case failed.</summary>
/// <param name="File">The file at fault when the error names one (a corrupt DICOM file, an unreadable image), else the case's input.</param>
/// <param name="Problem">The error message.</param>
/// <param name="Type">The exception type, e.g. "DicomFormatException".</param>
public sealed record BatchCaseError(string File, string Problem, string Type)
{
    /// <summary>The error of <paramref name="exception"/> on the case <paramref name="input"/>.</summary>
    public static BatchCaseError From(Exception exception, string input)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string file = exception switch
        {
            DicomFormatException d => d.FilePath,
            ImageFormatException f => f.Path,
            FileNotFoundException { FileName: string name } => name,
            _ => input,
        };
        return new BatchCaseError(file, exception.Message, exception.GetType().Name);
    }
}
