using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Clinical;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg batch ROOT OUTDIR [--parallel N] [--config F] [--resume] [--no-qc]</c>: the pipeline on every case under ROOT (<see cref="BatchRunner"/>).</summary>
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
        Option<bool> noQc = PipelineCommand.NoQcOption();
        var command = new Command("batch", "Run the clinical pipeline on every case under ROOT; one failure never stops the others.")
        {
            root, outDir, parallel, config, resume, noQc,
        };
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
            };
            string output = ctx.Parse.GetValue(outDir)!;
            BatchSummary summary = BatchRunner.Run(ctx.Parse.GetValue(root)!, output, options, ctx.Execution with { Progress = ctx.Progress });
            foreach (BatchCaseResult failed in summary.Cases.Where(c => c.Status == BatchCaseResult.Failed))
            {
                ctx.Warn($"case '{failed.Name}' failed: '{failed.Error!.File}': {failed.Error.Problem}");
            }

            return new JsonObject
            {
                ["summary"] = Path.Combine(output, BatchRunner.SummaryFileName),
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
        });
        return command;
    }
}
