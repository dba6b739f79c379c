using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg otsu IN OUT [--bins 128] [--mask M]</c>: Otsu threshold, voxels above it are 1.</summary>
internal static class OtsuCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Output mask (uint8: 1 above the threshold, 0 at or below)." };
        var bins = new Option<int>("--bins") { Description = "Histogram bins (SimpleITK default 128).", DefaultValueFactory = _ => 128 };
        var mask = new Option<string?>("--mask") { Description = "Mask image: only voxels equal to 1 make the histogram; voxels where it is 0 are 0 in OUT." };
        var command = new Command("otsu", "Otsu threshold as SimpleITK's OtsuThreshold(img, 0, 1, bins): voxels above the threshold are 1.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(bins);
        command.Options.Add(mask);
        var folder = new FolderOptions(command);
        CommandRunner.SetBody(command, ctx =>
        {
            int binCount = ctx.Parse.GetValue(bins);
            if (binCount < 1)
            {
                throw new UsageException($"--bins {binCount}: must be at least 1");
            }

            Volume image = ImageInputs.ReadVolume(ctx.Parse.GetValue(input)!, ctx.Execution, folder.Get(ctx.Parse));
            Volume<byte>? maskVolume = ctx.Parse.GetValue(mask) is string m ? SegmentationInputs.ReadMask(m, ctx.Execution) : null;
            (OtsuThresholdResult result, double ms) = CliContext.Time(() =>
                ImageFilters.OtsuThreshold(image, insideValue: 0, outsideValue: 1, numberOfHistogramBins: binCount, mask: maskVolume, execution: ctx.Execution));
            ImageFile.Write(result.Mask, ctx.Parse.GetValue(output)!, execution: ctx.Execution);
            var json = new JsonObject
            {
                ["threshold"] = Json.Number(result.Threshold),
                ["foreground"] = SegmentationInputs.Count(result.Mask),
                ["bins"] = binCount,
            };
            json.AddGeometry(image.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }
}
