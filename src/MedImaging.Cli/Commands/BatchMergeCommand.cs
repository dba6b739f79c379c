using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Clinical;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg batch merge OUTDIR</c>: combines the shard summaries <c>batch-K-of-N.json</c> into <c>batch.json</c>,
/// <c>index.html</c> and <c>results.csv</c> (<see cref="BatchMerge"/>). Exit 1 when a shard or a case is missing
/// (the merged files are written all the same, with status "incomplete"); cases found in two shards are warned about.
/// </summary>
internal static class BatchMergeCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var outDir = new Argument<string>("outdir") { Description = "The batch output folder the shards wrote into." };
        var command = new Command("merge", "Combine the shard summaries batch-K-of-N.json of OUTDIR into batch.json, index.html and results.csv.")
        {
            outDir,
        };
        CommandRunner.SetBody(command, ctx =>
        {
            string output = ctx.Parse.GetValue(outDir)!;
            BatchSummary merged = BatchMerge.Merge(output);
            BatchMergeInfo info = merged.Merge!;
            if (info.DuplicatedCases.Count > 0)
            {
                ctx.Warn($"cases in more than one shard (the lowest shard's result kept): {string.Join(", ", info.DuplicatedCases)}");
            }

            if (info.MissingShards.Count > 0 || info.MissingCases.Count > 0)
            {
                throw new MedImagingException($"merge of '{output}' is incomplete: missing shards [{string.Join(", ", info.MissingShards)}] of {info.ShardCount}, "
                    + $"{info.MissingCases.Count} cases without a result ({string.Join(", ", info.MissingCases.Take(10))}{(info.MissingCases.Count > 10 ? ", …" : "")}); "
                    + $"rerun those shards, then merge again ({BatchRunner.SummaryFileName} was written with status '{merged.Status}')");
            }

            JsonObject json = BatchCommand.Result(merged, output, BatchRunner.SummaryFileName);
            json["shards"] = info.ShardCount;
            json["duplicated_cases"] = new JsonArray([.. info.DuplicatedCases.Select(n => (JsonNode)n)]);
            return json;
        });
        return command;
    }
}
