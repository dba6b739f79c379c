using System.CommandLine;
using System.Globalization;
using MedImaging.Filters;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg threshold IN OUT --lower L --upper U [--inside 1] [--outside 0]</c>: SimpleITK BinaryThreshold.</summary>
internal static class ThresholdCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Output uint8 image file; the extension picks the format." };
        var lower = new Option<double>("--lower") { Description = "Lowest value inside (inclusive), in the image's units (e.g. HU).", Required = true };
        var upper = new Option<double>("--upper") { Description = "Highest value inside (inclusive).", Required = true };
        var inside = new Option<byte>("--inside") { Description = "Output value inside (default 1).", DefaultValueFactory = _ => 1 };
        var outside = new Option<byte>("--outside") { Description = "Output value outside (default 0).", DefaultValueFactory = _ => 0 };
        var command = new Command("threshold", "Binary threshold [lower, upper] (both inclusive) into a uint8 mask (ITK BinaryThresholdImageFilter).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        var folder = new FolderOptions(command);
        command.Options.Add(lower);
        command.Options.Add(upper);
        command.Options.Add(inside);
        command.Options.Add(outside);
        CommandRunner.SetBody(command, ctx =>
        {
            double low = ctx.Parse.GetValue(lower), high = ctx.Parse.GetValue(upper);
            if (!(low <= high))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--lower ({low}) must not exceed --upper ({high})"));
            }

            byte insideValue = ctx.Parse.GetValue(inside), outsideValue = ctx.Parse.GetValue(outside);
            long foreground = 0;
            return ImageToImage.Run(ctx, folder.Get(ctx.Parse), ctx.Parse.GetValue(input)!, ctx.Parse.GetValue(output)!,
                image => ImageFilters.BinaryThresholdSlabs(image, low, high, insideValue, outsideValue, ctx.Execution),
                slab => foreground += slab.As<byte>().Voxels.Count(insideValue),
                json => json["foreground"] = foreground);
        });
        return command;
    }
}
