using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg fill-holes IN OUT [--fully-connected]</c>: SimpleITK's BinaryFillhole.</summary>
internal static class FillHolesCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Mask file (foreground = 1)." };
        var output = new Argument<string>("out") { Description = "Output mask (uint8)." };
        var fully = new Option<bool>("--fully-connected") { Description = "Background components with 26-connectivity instead of 6." };
        var command = new Command("fill-holes", "Fill background regions that do not touch the image border (SimpleITK BinaryFillhole).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(fully);
        CommandRunner.SetBody(command, ctx =>
        {
            Volume<byte> mask = SegmentationInputs.ReadMask(ctx.Parse.GetValue(input)!, ctx.Execution);
            (Volume<byte> filled, double ms) = CliContext.Time(() => ImageFilters.BinaryFillhole(mask, ctx.Parse.GetValue(fully), execution: ctx.Execution));
            ImageFile.Write(filled, ctx.Parse.GetValue(output)!, execution: ctx.Execution);
            var json = new JsonObject
            {
                ["foreground_before"] = SegmentationInputs.Count(mask),
                ["foreground_after"] = SegmentationInputs.Count(filled),
            };
            json.AddGeometry(mask.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }
}
