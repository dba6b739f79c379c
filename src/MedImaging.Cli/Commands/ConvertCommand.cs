using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg convert IN OUT [--pixel-type T] [--compress]</c>: one image file to another format.</summary>
internal static class ConvertCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Input image file." };
        var output = new Argument<string>("out") { Description = "Output image file; the extension picks the format." };
        var pixelType = new Option<string?>("--pixel-type") { Description = "Cast to uint8, int8, uint16, int16, uint32, int32, float32 or float64 (SimpleITK Cast: float to integer truncates toward zero; out-of-range values saturate)." };
        var compress = new Option<bool>("--compress") { Description = "Compress .mha/.mhd (zlib) and .nrrd/.nhdr (gzip); NIfTI is compressed when OUT ends in .nii.gz." };
        var command = new Command("convert", "Convert an image file to another format (by OUT's extension), optionally casting the voxels.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(pixelType);
        command.Options.Add(compress);
        CommandRunner.SetBody(command, ctx =>
        {
            string inPath = ctx.Parse.GetValue(input)!;
            string outPath = ctx.Parse.GetValue(output)!;
            PixelType? target = ParsePixelType(ctx.Parse.GetValue(pixelType));
            if (ImageFileFormats.FromPath(outPath) is null)
            {
                throw new UsageException($"OUT '{outPath}': unknown extension (expected {ImageFileFormats.SupportedExtensions})");
            }

            VolumeSeries series = ImageInputs.ReadSeries(inPath);
            (VolumeSeries converted, double ms) = CliContext.Time(() => target is PixelType t && t != series.PixelType
                ? new VolumeSeries([.. series.Volumes.Select(v => ImageFilters.Cast(v, t, ctx.Execution))], repetitionTime: series.RepetitionTime)
                : series);
            ImageFile.Write(converted, outPath, ctx.Parse.GetValue(compress));
            var item = new JsonObject { ["file"] = outPath, ["pixel_type"] = converted.PixelType.ToName(), ["volumes"] = converted.Count };
            item.AddGeometry(converted.Geometry);
            item["warnings"] = new JsonArray();
            return new JsonObject { ["input"] = inPath, ["outputs"] = new JsonArray(item), ["ms"] = Json.Ms(ms) };
        });
        return command;
    }

    private static PixelType? ParsePixelType(string? name)
    {
        if (name is null)
        {
            return null;
        }

        try
        {
            return PixelTypes.Parse(name);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--pixel-type: {ex.Message}");
        }
    }
}
