using System.Text.Json.Serialization;
using MedImaging.Dicom;
using MedImaging.IO;

namespace MedImaging.Clinical;

/// <summary>The batch summary (<c>batch.json</c>).</summary>
public sealed record BatchSummary
{
    /// <summary>The status of a batch cancelled before its end.</summary>
    public const string CancelledStatus = "cancelled";

    /// <summary>The status of a merge that misses shards or cases.</summary>
    public const string IncompleteStatus = "incomplete";

    /// <summary>A summary of <paramref name="cases"/> with the counts taken from their statuses.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is null.</exception>
    public static BatchSummary Of(string root, string status, IReadOnlyList<BatchCaseResult> cases, IReadOnlyList<string> ignored, double totalMs)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return new BatchSummary
        {
            Root = root,
            Status = status,
            Cases = cases,
            Ok = cases.Count(r => r.Status == BatchCaseResult.Ok),
            Failed = cases.Count(r => r.Status == BatchCaseResult.Failed),
            Skipped = cases.Count(r => r.Status == BatchCaseResult.Skipped),
            Ignored = ignored,
            TotalMs = totalMs,
        };
    }

    /// <summary>Schema version (the report's).</summary>
    public string SchemaVersion { get; init; } = ClinicalReport.CurrentSchemaVersion;

    /// <summary>The root folder.</summary>
    public string Root { get; init; } = "";

    /// <summary>
    /// "complete"; "cancelled" when the batch was cancelled (unfinished cases have status "cancelled"); "incomplete"
    /// for a merge that misses shards or cases (<see cref="Merge"/>).
    /// </summary>
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

    /// <summary>Wall time of the batch, ms (of a merge: the longest shard's).</summary>
    public double TotalMs { get; init; }

    /// <summary>The shard this summary covers (<c>batch-K-of-N.json</c>); absent for an unsharded run and a merge.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BatchShardInfo? Shard { get; init; }

    /// <summary>A shard's view of the whole batch: every case under the root (all shards), in batch order; absent when unsharded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? AllCases { get; init; }

    /// <summary>What <see cref="BatchMerge"/> combined and what it found missing or twice; absent when not a merge.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BatchMergeInfo? Merge { get; init; }
}

/// <summary>The shard of a shard summary.</summary>
/// <param name="Index">1 … <paramref name="Count"/>.</param>
/// <param name="Count">The number of shards.</param>
/// <param name="Rule">How cases are assigned (see <see cref="BatchShard"/>).</param>
public sealed record BatchShardInfo(int Index, int Count, string Rule)
{
    /// <summary>The rule this build uses.</summary>
    public const string CurrentRule = "fnv1a64(relative path) mod N";
}

/// <summary>A merge of shard summaries.</summary>
public sealed record BatchMergeInfo
{
    /// <summary>The number of shards (N of batch-K-of-N.json).</summary>
    public int ShardCount { get; init; }

    /// <summary>The shard summaries read, by shard.</summary>
    public IReadOnlyList<string> Shards { get; init; } = [];

    /// <summary>Shards (1-based) without a summary.</summary>
    public IReadOnlyList<int> MissingShards { get; init; } = [];

    /// <summary>Cases listed by a shard as part of the batch but in no shard's results.</summary>
    public IReadOnlyList<string> MissingCases { get; init; } = [];

    /// <summary>Cases in the results of more than one shard (the first shard's result is kept).</summary>
    public IReadOnlyList<string> DuplicatedCases { get; init; } = [];
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

    /// <summary>The input relative to the batch root, '/'-separated: what decides the case's shard.</summary>
    public string Path { get; init; } = "";

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
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
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
