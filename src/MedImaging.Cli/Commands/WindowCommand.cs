using System.CommandLine;
using System.Globalization;
using MedImaging.Filters;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg window IN OUT --min A --max B [--out-min 0] [--out-max 255]</c>: SimpleITK IntensityWindowing.</summary>
internal static class WindowCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Output image file; the extension picks the format." };
        var min = new Option<double>("--min") { Description = "Window minimum, in the image's units (e.g. HU).", Required = true };
        var max = new Option<double>("--max") { Description = "Window maximum, in the image's units.", Required = true };
        var outMin = new Option<double>("--out-min") { Description = "Output value at and below the window minimum (default 0).", DefaultValueFactory = _ => 0 };
        var outMax = new Option<double>("--out-max") { Description = "Output value at and above the window maximum (default 255).", DefaultValueFactory = _ => 255 };
        var command = new Command("window", "Map the intensity window [min, max] linearly onto [out-min, out-max] (ITK IntensityWindowingImageFilter); the voxel type is kept.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        var folder = new FolderOptions(command);
        command.Options.Add(min);
        command.Options.Add(max);
        command.Options.Add(outMin);
        command.Options.Add(outMax);
        CommandRunner.SetBody(command, ctx =>
        {
            double low = ctx.Parse.GetValue(min), high = ctx.Parse.GetValue(max);
            if (!(low < high))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--min ({low}) must be below --max ({high})"));
            }

            double lowOut = ctx.Parse.GetValue(outMin), highOut = ctx.Parse.GetValue(outMax);
            return ImageToImage.Run(ctx, folder.Get(ctx.Parse), ctx.Parse.GetValue(input)!, ctx.Parse.GetValue(output)!,
                image => ImageFilters.IntensityWindowingSlabs(image, low, high, lowOut, highOut, ctx.Execution));
        });
        return command;
    }
}
