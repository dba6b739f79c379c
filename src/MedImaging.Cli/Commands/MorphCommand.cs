using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg morph IN OUT --op dilate|erode|open|close --radius R [--radius-mm]</c>: binary morphology with a ball.</summary>
internal static class MorphCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Mask file (foreground = 1)." };
        var output = new Argument<string>("out") { Description = "Output mask (uint8)." };
        var op = new Option<string>("--op") { Description = "dilate, erode, open or close.", Required = true };
        var radius = new Option<string>("--radius") { Description = "Ball radius: voxels per axis (R or RX,RY,RZ; ITK's BinaryBallStructuringElement), or mm with --radius-mm.", Required = true };
        var millimetres = new Option<bool>("--radius-mm") { Description = "The radius is one number in mm: an exact physical ball (distance transform)." };
        var command = new Command("morph", "Binary morphology with a ball; closing uses SimpleITK's SafeBorder.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(op);
        command.Options.Add(radius);
        command.Options.Add(millimetres);
        CommandRunner.SetBody(command, ctx =>
        {
            string operation = ctx.Parse.GetValue(op)!;
            bool physical = ctx.Parse.GetValue(millimetres);
            Func<Volume<byte>, Volume<byte>> apply = physical
                ? Physical(operation, ParseMillimetres(ctx.Parse.GetValue(radius)!), ctx.Execution)
                : Voxels(operation, ParseVoxels(ctx.Parse.GetValue(radius)!), ctx.Execution);
            Volume<byte> mask = SegmentationInputs.ReadMask(ctx.Parse.GetValue(input)!, ctx.Execution);
            (Volume<byte> result, double ms) = CliContext.Time(() => apply(mask));
            ImageFile.Write(result, ctx.Parse.GetValue(output)!, execution: ctx.Execution);
            var json = new JsonObject
            {
                ["op"] = operation,
                ["radius"] = ctx.Parse.GetValue(radius),
                ["radius_unit"] = physical ? "mm" : "voxels",
                ["foreground_before"] = SegmentationInputs.Count(mask),
                ["foreground_after"] = SegmentationInputs.Count(result),
            };
            json.AddGeometry(mask.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }

    private static Func<Volume<byte>, Volume<byte>> Voxels(string op, KernelRadius r, ExecutionOptions e) => op switch
    {
        "dilate" => m => ImageFilters.BinaryDilate(m, r, execution: e),
        "erode" => m => ImageFilters.BinaryErode(m, r, execution: e),
        "open" => m => ImageFilters.BinaryMorphologicalOpening(m, r, execution: e),
        "close" => m => ImageFilters.BinaryMorphologicalClosing(m, r, execution: e),
        _ => throw new UsageException($"--op {op}: expected dilate, erode, open or close"),
    };

    private static Func<Volume<byte>, Volume<byte>> Physical(string op, double r, ExecutionOptions e) => op switch
    {
        "dilate" => m => ImageFilters.BinaryDilatePhysical(m, r, execution: e),
        "erode" => m => ImageFilters.BinaryErodePhysical(m, r, execution: e),
        "open" => m => ImageFilters.BinaryMorphologicalOpeningPhysical(m, r, execution: e),
        "close" => m => ImageFilters.BinaryMorphologicalClosingPhysical(m, r, execution: e),
        _ => throw new UsageException($"--op {op}: expected dilate, erode, open or close"),
    };

    private static KernelRadius ParseVoxels(string text)
    {
        string[] parts = text.Split(',');
        int[] values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] is < 0 or > 254)
            {
                throw new UsageException($"--radius {text}: expected R or RX,RY,RZ with integers 0 to 254 (voxels)");
            }
        }

        return values.Length switch
        {
            1 => values[0],
            3 => new KernelRadius(values[0], values[1], values[2]),
            _ => throw new UsageException($"--radius {text}: expected 1 or 3 values"),
        };
    }

    private static double ParseMillimetres(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && r >= 0 && double.IsFinite(r)
            ? r
            : throw new UsageException($"--radius {text}: with --radius-mm expected one non-negative number (mm)");
}
