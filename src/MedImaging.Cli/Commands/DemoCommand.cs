using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Cli.Demo;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg demo [OUTDIR]</c>: writes the synthetic CT DICOM series with known answers, runs the clinical pipeline
/// on it (<see cref="ClinicalDemo"/>) and prints the pipeline's summary plus <c>checks[]</c>. Exit 1 when a check fails.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The output folder when none is given.</summary>
    public const string DefaultOutputDirectory = "medimg-demo";

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var outDir = new Argument<string>("outdir")
        {
            Description = $"Output folder (created when missing; default '{DefaultOutputDirectory}'): input/dicom, input/lesion_labels.nii.gz, report.json, images.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => DefaultOutputDirectory,
        };
        var command = new Command("demo", "Write a synthetic CT DICOM series with known answers, run the clinical pipeline on it and check the answers.");
        command.Arguments.Add(outDir);
        CommandRunner.SetBody(command, ctx =>
        {
            ClinicalDemoResult demo = ClinicalDemo.Run(ctx.Parse.GetValue(outDir)!, ctx.Execution with { Progress = ctx.Progress });
            JsonObject json = PipelineCommand.Summary(demo.Pipeline);
            json["dicom"] = demo.DicomFolder;
            json["checks"] = new JsonArray([.. demo.Checks.Select(c => new JsonObject
            {
                ["name"] = c.Name,
                ["expected"] = c.Expected,
                ["measured"] = Json.Number(c.Measured),
                ["tolerance"] = c.Tolerance,
                ["reason"] = c.Reason,
                ["pass"] = c.Pass,
            })]);
            json["passed"] = demo.Passed;
            if (!demo.Passed)
            {
                ctx.Warn(json.ToJsonString());
                throw new MedImagingException($"demo: a known answer was not reproduced (report '{demo.Pipeline.ReportPath}'; the JSON is on stderr)");
            }

            return json;
        });
        return command;
    }
}
