using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Clinical;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg batch ROOT OUTDIR [--parallel N] [--config F] [--resume] [--no-qc] [--shard K/N]</c>: the pipeline on
/// every case under ROOT (<see cref="BatchRunner"/>), or on one shard of them (K/N from --shard, else from Slurm's or
/// a Kubernetes Indexed Job's variables, <see cref="BatchShard.FromEnvironment"/>); <c>medimg batch merge OUTDIR</c>
/// combines the shards' summaries (<see cref="BatchMerge"/>).
/// </summary>
internal static class BatchCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var root = new Argument<string>("root") { Description = "Folder of cases: each sub-folder is a DICOM case, each image file a case." };
        var outDir = new Argument<string>("outdir") { Description = "Output folder: OUTDIR/<case>/report.json and batch.json." };
        var parallel = new Option<int>("--parallel") { Description = "Cases run at once (the threads are shared among them).", DefaultValueFactory = _ => 1 };
        var config = new Option<string?>("--config") { Description = "Pipeline options as JSON for every case." };
        var resume = new Option<bool>("--resume") { Description = "Skip cases whose report is complete." };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run shard K of N (1-based; a case's shard is a stable hash of its path relative to ROOT mod N) and write batch-K-of-N.json. "
                + "Default: from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX/" + BatchShard.KubernetesCountVariable + " when set.",
        };
        Option<bool> noQc = PipelineCommand.NoQcOption();
        var command = new Command("batch", "Run the clinical pipeline on every case under ROOT; one failure never stops the others.")
        {
            root, outDir, parallel, config, resume, noQc, shard,
        };
        command.Subcommands.Add(BatchMergeCommand.Create());
        CommandRunner.SetBody(command, ctx =>
        {
            int n = ctx.Parse.GetValue(parallel);
            if (n < 1)
            {
                throw new UsageException("--parallel must be at least 1");
            }

            var options = new BatchOptions
            {
                MaxParallelCases = n,
                Resume = ctx.Parse.GetValue(resume),
                Pipeline = PipelineCommand.LoadOptions(ctx.Parse.GetValue(config), ctx.Parse.GetValue(noQc)),
                Shard = ResolveShard(ctx.Parse.GetValue(shard), Environment.GetEnvironmentVariable),
            };
            string output = ctx.Parse.GetValue(outDir)!;
            BatchSummary summary = BatchRunner.Run(ctx.Parse.GetValue(root)!, output, options, ctx.Execution with { Progress = ctx.BatchProgress });
            foreach (BatchCaseResult failed in summary.Cases.Where(c => c.Status == BatchCaseResult.Failed))
            {
                ctx.Warn($"case '{failed.Name}' failed: '{failed.Error!.File}': {failed.Error.Problem}");
            }

            JsonObject json = Result(summary, output, options.Shard?.SummaryFileName ?? BatchRunner.SummaryFileName);
            if (options.Shard is BatchShard s)
            {
                json["shard"] = s.ToString();
            }

            return json;
        });
        return command;
    }

    /// <summary>The shard from --shard (a usage error when malformed), else from the job engine's variables (bad input when malformed), else null.</summary>
    internal static BatchShard? ResolveShard(string? option, Func<string, string?> variable)
    {
        if (option is not null)
        {
            try
            {
                return BatchShard.Parse(option);
            }
            catch (FormatException ex)
            {
                throw new UsageException("--shard: " + ex.Message);
            }
        }

        try
        {
            return BatchShard.FromEnvironment(variable);
        }
        catch (FormatException ex)
        {
            throw new MedImagingException("shard from the environment: " + ex.Message, ex);
        }
    }

    /// <summary>The JSON result of a batch or a merge: the summary file, counts, errors, wall time.</summary>
    internal static JsonObject Result(BatchSummary summary, string output, string summaryFile)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new JsonObject
        {
            ["summary"] = Path.Combine(output, summaryFile),
            ["cases"] = summary.Cases.Count,
            ["ok"] = summary.Ok,
            ["failed"] = summary.Failed,
            ["skipped"] = summary.Skipped,
            ["errors"] = new JsonArray([.. summary.Cases.Where(c => c.Error is not null).Select(c => new JsonObject
            {
                ["case"] = c.Name,
                ["file"] = c.Error!.File,
                ["problem"] = c.Error.Problem,
            })]),
            ["ms"] = summary.TotalMs,
        };
    }
}
