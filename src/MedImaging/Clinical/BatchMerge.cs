using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MedImaging.Clinical;

/// <summary>
/// Combines the shard summaries <c>batch-K-of-N.json</c> of one output folder into <c>batch.json</c> (with the
/// review page and <c>results.csv</c>): the cases in the order of one unsharded run, the counts recomputed, the
/// shards and cases that are missing or twice listed in <see cref="BatchSummary.Merge"/>. With nothing missing the
/// merged summary equals the unsharded run's (timings aside).
/// </summary>
public static partial class BatchMerge
{
    /// <summary>Merges the shard summaries in <paramref name="outputDirectory"/>.</summary>
    /// <returns>The merged summary; its status is "incomplete" when a shard or a case is missing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputDirectory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputDirectory"/> is empty or white space.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="MedImagingException">No shard summary; summaries of different shard counts; an unreadable summary (named).</exception>
    public static BatchSummary Merge(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (!Directory.Exists(outputDirectory))
        {
            throw new DirectoryNotFoundException($"batch output '{outputDirectory}' does not exist");
        }

        List<(int Index, int Count, string File)> files = [.. Directory.GetFiles(outputDirectory, "batch-*-of-*.json")
            .Select(f => (Match: ShardFileName().Match(Path.GetFileName(f)), File: f))
            .Where(m => m.Match.Success)
            .Select(m => (Int(m.Match.Groups[1].Value), Int(m.Match.Groups[2].Value), m.File))
            .OrderBy(s => s.Item1)];
        if (files.Count == 0)
        {
            throw new MedImagingException($"'{outputDirectory}': no shard summary batch-K-of-N.json to merge");
        }

        int[] counts = [.. files.Select(f => f.Count).Distinct().Order()];
        if (counts.Length > 1)
        {
            throw new MedImagingException($"'{outputDirectory}': shard summaries of different shard counts ({string.Join(", ", counts)}); remove the stale ones");
        }

        int count = counts[0];
        List<BatchSummary> shards = [.. files.Select(f => Read(f.File, f.Index, f.Count))];
        var byName = new Dictionary<string, BatchCaseResult>(StringComparer.Ordinal);
        var duplicated = new List<string>();
        foreach (BatchCaseResult result in shards.SelectMany(s => s.Cases))
        {
            if (!byName.TryAdd(result.Name, result))
            {
                duplicated.Add(result.Name);
            }
        }

        // The batch order: the first shard's list of every case, then any case only another shard saw.
        List<string> order = [.. shards.SelectMany(s => s.AllCases ?? []).Concat(byName.Keys).Distinct(StringComparer.Ordinal)];
        int[] missingShards = [.. Enumerable.Range(1, count).Except(files.Select(f => f.Index))];
        string[] missingCases = [.. order.Where(n => !byName.ContainsKey(n))];
        bool incomplete = missingShards.Length > 0 || missingCases.Length > 0;
        string status = incomplete ? BatchSummary.IncompleteStatus
            : shards.FirstOrDefault(s => s.Status != ClinicalReport.CompleteStatus)?.Status ?? ClinicalReport.CompleteStatus;
        BatchSummary merged = BatchSummary.Of(shards[0].Root, status, [.. order.Where(byName.ContainsKey).Select(n => byName[n])],
            [.. shards.SelectMany(s => s.Ignored).Distinct(StringComparer.Ordinal)], shards.Max(s => s.TotalMs)) with
        {
            Merge = new BatchMergeInfo
            {
                ShardCount = count,
                Shards = [.. files.Select(f => Path.GetFileName(f.File))],
                MissingShards = missingShards,
                MissingCases = missingCases,
                DuplicatedCases = [.. duplicated.Distinct(StringComparer.Ordinal)],
            },
        };
        ClinicalPipeline.WriteAtomically(Path.Combine(outputDirectory, BatchRunner.SummaryFileName), JsonSerializer.Serialize(merged, ClinicalJsonContext.Readable.BatchSummary));
        Review.BatchReview.Write(outputDirectory, merged);
        return merged;
    }

    private static BatchSummary Read(string file, int index, int count)
    {
        BatchSummary summary;
        try
        {
            summary = JsonSerializer.Deserialize(File.ReadAllText(file), ClinicalJsonContext.Default.BatchSummary)
                ?? throw new MedImagingException($"'{file}': the JSON is null, expected a batch summary");
        }
        catch (JsonException ex)
        {
            throw new MedImagingException($"'{file}': at '{ex.Path}': {ex.Message}", ex);
        }

        if (summary.Shard is not { } shard || shard.Index != index || shard.Count != count || summary.Cases is null)
        {
            throw new MedImagingException($"'{file}': expected the summary of shard {index} of {count} with its cases");
        }

        return summary;
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex("^batch-([0-9]{1,9})-of-([0-9]{1,9})\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardFileName();
}
