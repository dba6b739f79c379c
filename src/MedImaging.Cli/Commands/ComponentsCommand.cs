using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg components IN OUT [--largest K] [--fully-connected] [--min-size N]</c>.</summary>
internal static class ComponentsCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Mask file (non-zero = foreground)." };
        var output = new Argument<string>("out") { Description = "Output label image (uint32): 1 = largest component, 2 = next, …" };
        var largest = new Option<int?>("--largest") { Description = "Keep only the K largest components (labels 1..K)." };
        var fully = new Option<bool>("--fully-connected") { Description = "26-connectivity instead of 6." };
        var minSize = new Option<long>("--min-size") { Description = "Drop components smaller than N voxels (RelabelComponent's minimumObjectSize).", DefaultValueFactory = _ => 0 };
        var command = new Command("components", "Connected components relabelled by decreasing size (SimpleITK ConnectedComponent + RelabelComponent).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(largest);
        command.Options.Add(fully);
        command.Options.Add(minSize);
        CommandRunner.SetBody(command, ctx =>
        {
            int? keep = ctx.Parse.GetValue(largest);
            if (keep is < 1)
            {
                throw new UsageException($"--largest {keep}: must be at least 1");
            }

            Volume<byte> mask = SegmentationInputs.ReadMask(ctx.Parse.GetValue(input)!, ctx.Execution);
            (RelabelComponentResult<uint> result, double ms) = CliContext.Time(() =>
            {
                var relabelled = ImageFilters.RelabelComponent(ImageFilters.ConnectedComponent(mask, ctx.Parse.GetValue(fully), ctx.Execution),
                    ctx.Parse.GetValue(minSize), execution: ctx.Execution);
                if (keep is int k)
                {
                    Span<uint> labels = relabelled.Labels.Voxels;
                    for (int i = 0; i < labels.Length; i++)
                    {
                        labels[i] = labels[i] <= (uint)k ? labels[i] : 0;
                    }
                }

                return relabelled;
            });
            ImageFile.Write(result.Labels, ctx.Parse.GetValue(output)!, execution: ctx.Execution);
            IEnumerable<long> sizes = keep is int kept ? result.SizeOfObjectsInPixels.Take(kept) : result.SizeOfObjectsInPixels;
            var json = new JsonObject
            {
                ["components"] = result.SizeOfObjectsInPixels.Count,
                ["kept"] = sizes.Count(),
                ["sizes"] = Json.Array(sizes),
                ["fully_connected"] = ctx.Parse.GetValue(fully),
            };
            json.AddGeometry(mask.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }
}
