using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.IO;
using MedImaging.Resampling;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg orient IN OUT --to RAS</c>: exact axis permutation and flips (ITK DICOMOrientImageFilter).</summary>
internal static class OrientCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Output image file; the extension picks the format." };
        var to = new Option<string>("--to") { Description = "Target orientation code: three letters from L/R, P/A, S/I (LPS, RAS, …).", Required = true };
        var command = new Command("orient", "Permute and flip index axes to an orientation code; voxels keep their world positions.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(to);
        var folder = new FolderOptions(command);
        CommandRunner.SetBody(command, ctx =>
        {
            string inPath = ctx.Parse.GetValue(input)!, outPath = ctx.Parse.GetValue(output)!;
            string code = ctx.Parse.GetValue(to)!;
            try
            {
                _ = OrientationCode.Parse(code);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--to: {ex.Message}");
            }

            Volume image = ImageInputs.ReadVolume(inPath, ctx.Execution, folder.Get(ctx.Parse));
            string from = OrientationCode.FromDirection(image.Geometry.Direction).Code;
            (Volume result, double ms) = CliContext.Time(() => Orientation.Orient(image, code, ctx.Execution));
            ImageFile.Write(result, outPath, execution: ctx.Execution);
            var json = new JsonObject
            {
                ["input"] = inPath,
                ["output"] = outPath,
                ["from"] = from,
                ["to"] = OrientationCode.FromDirection(result.Geometry.Direction).Code,
                ["pixel_type"] = result.PixelType.ToName(),
            };
            json.AddGeometry(result.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }
}
