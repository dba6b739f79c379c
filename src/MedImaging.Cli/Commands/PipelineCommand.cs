using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Clinical;
using MedImaging.Dicom.Series;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg pipeline IN OUTDIR [--config F] [--labels L] [--no-qc]</c>: the clinical pipeline on one case (<see cref="ClinicalPipeline"/>).</summary>
internal static class PipelineCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "A DICOM folder (its series with the most images, or the one --series or the config's \"series\" names), a DICOM file or an image file." };
        var outDir = new Argument<string>("outdir") { Description = "Output folder: report.json, the working image and masks." };
        var config = new Option<string?>("--config") { Description = "Pipeline options as JSON (docs/CLINICAL.md); default: the SimpleITK-cookbook defaults." };
        var labels = new Option<string?>("--labels") { Description = "Label image; every label is measured on the working grid (nearest-neighbour resampled)." };
        Option<bool> noQc = NoQcOption();
        var command = new Command("pipeline", "Run the clinical CT/MR pipeline on one case; write report.json and the images.") { input, outDir, config, labels, noQc };
        var folder = new FolderOptions(command);
        CommandRunner.SetBody(command, ctx =>
        {
            PipelineOptions options = LoadOptions(ctx.Parse.GetValue(config), ctx.Parse.GetValue(noQc));
            FolderChoice choice = folder.Get(ctx.Parse);
            options = options with { Series = choice.Series ?? options.Series, Recursive = options.Recursive || choice.Recursive };
            ClinicalPipelineResult result = ClinicalPipeline.Run(ctx.Parse.GetValue(input)!, ctx.Parse.GetValue(outDir)!,
                ctx.Parse.GetValue(labels), options, ctx.Execution with { Progress = ctx.Progress },
                new DicomSeriesReadOptions { OnBadFile = choice.OnBadFile });
            foreach (ReportSkippedFile s in result.Report.Input.Skipped)
            {
                ctx.Warn($"skipped '{s.File}': {s.Reason}");
            }

            return Summary(result);
        });
        return command;
    }

    /// <summary>The <c>--no-qc</c> flag of <c>pipeline</c> and <c>batch</c>.</summary>
    public static Option<bool> NoQcOption() => new("--no-qc") { Description = "Skip the QC pictures (as \"qc_pictures\": false in the config; overrides it)." };

    /// <summary>The options in <paramref name="path"/>, or the defaults when null; <paramref name="noQc"/> turns the QC pictures off.</summary>
    public static PipelineOptions LoadOptions(string? path, bool noQc)
    {
        PipelineOptions options = path is null ? new PipelineOptions() : PipelineOptions.Load(path);
        return noQc ? options with { QcPictures = false } : options;
    }

    /// <summary>The verb's JSON: report path, modality, working geometry, steps with ms, structures, warnings, ms.</summary>
    public static JsonObject Summary(ClinicalPipelineResult result)
    {
        ClinicalReport report = result.Report;
        var json = new JsonObject
        {
            ["report"] = result.ReportPath,
            ["modality"] = report.Modality,
            ["modality_source"] = report.ModalitySource,
        };
        json["size"] = Json.Array(report.GeometryAfter.Size);
        json["spacing"] = Json.Array(report.GeometryAfter.Spacing);
        json["origin"] = Json.Array(report.GeometryAfter.Origin);
        json["direction"] = Json.Array(report.GeometryAfter.Direction);
        json["steps"] = new JsonArray([.. report.Steps.Select(s => new JsonObject { ["name"] = s.Name, ["ms"] = s.Ms })]);
        json["structures"] = new JsonArray([.. report.Structures.Select(s => new JsonObject
        {
            ["name"] = s.Name,
            ["voxels"] = s.Voxels,
            ["volume_ml"] = s.VolumeMl,
            ["mean"] = s.Mean,
        })]);
        json["warnings"] = new JsonArray([.. report.Warnings.Select(w => JsonValue.Create(w))]);
        json["skipped"] = new JsonArray([.. report.Input.Skipped.Select(s => new JsonObject { ["file"] = s.File, ["reason"] = s.Reason })]);
        json["ms"] = report.TotalMs;
        return json;
    }
}
