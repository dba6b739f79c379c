using System.Text.Json.Nodes;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>The shared body of the one-image-in, one-image-out verbs (<c>window</c>, <c>threshold</c>).</summary>
internal static class ImageToImage
{
    /// <summary>
    /// Reads the 3-D image <paramref name="inPath"/> (an image or DICOM file, or the series <paramref name="choice"/> picks
    /// of a DICOM folder), writes the slabs <paramref name="core"/> makes of it to <paramref name="outPath"/> (format by
    /// extension) as they are computed, showing each to <paramref name="observe"/>, and returns the JSON: input, output,
    /// pixel_type, geometry, the fields <paramref name="addFields"/> adds, and <c>ms</c> (computing the slabs only, not
    /// reading or writing).
    /// </summary>
    /// <exception cref="UsageException">OUT has no known image extension.</exception>
    /// <exception cref="ImageFormatException">IN is unreadable or holds more than one volume.</exception>
    public static JsonObject Run(CliContext ctx, FolderChoice choice, string inPath, string outPath, Func<Volume, VolumeSlabSource> core,
        Action<Volume>? observe = null, Action<JsonObject>? addFields = null)
    {
        if (ImageFileFormats.FromPath(outPath) is null)
        {
            throw new UsageException($"OUT '{outPath}': unknown extension (expected {ImageFileFormats.SupportedExtensions})");
        }

        Volume image = ImageInputs.ReadVolume(inPath, ctx.Execution, choice);
        (VolumeSlabSource slabs, double setupMs) = CliContext.Time(() => core(image));
        var result = new TimedSlabs(slabs, observe);
        ImageFile.Write(result, outPath, execution: ctx.Execution);
        var json = new JsonObject { ["input"] = inPath, ["output"] = outPath, ["pixel_type"] = result.PixelType.ToName() };
        json.AddGeometry(result.Geometry);
        addFields?.Invoke(json);
        json["ms"] = Json.Ms(setupMs + result.Milliseconds);
        return json;
    }
}
