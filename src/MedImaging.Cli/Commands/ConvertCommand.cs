using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg convert IN OUT [--pixel-type T] [--compress]</c>: one image file to another format; or
/// <c>convert DIR OUTDIR [--series KEY] [--irregular P] [--format F] [--recursive]</c>: every series of a DICOM folder to files.
/// </summary>
internal static class ConvertCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Input image file, a DICOM file, or a folder of DICOM files." };
        var output = new Argument<string>("out") { Description = "Output image file (the extension picks the format); when IN is a DICOM folder, a folder for one file per series, or one image file for its only series (or the one --series picks)." };
        var pixelType = new Option<string?>("--pixel-type") { Description = "Cast to uint8, int8, uint16, int16, uint32, int32, float32 or float64 (SimpleITK Cast: float to integer truncates toward zero; out-of-range values saturate)." };
        var compress = new Option<bool>("--compress") { Description = "Compress .mha/.mhd (zlib) and .nrrd/.nhdr (gzip); NIfTI is compressed when OUT ends in .nii.gz." };
        var seriesKey = new Option<string?>("--series") { Description = "DICOM folder: convert only this series — its scan key or SeriesInstanceUID, its SeriesNumber, or a SeriesDescription pattern (case-insensitive, * and ? wildcards, else a substring); default: every series." };
        var irregular = new Option<string>("--irregular") { Description = "DICOM folder: irregular stacks (tilt, gaps, variable spacing): error, warn, resample (default) or split.", DefaultValueFactory = _ => "resample" };
        var format = new Option<string>("--format") { Description = "DICOM folder to a folder OUT: output format nii.gz (default), nii, mha or nrrd.", DefaultValueFactory = _ => "nii.gz" };
        var recursive = new Option<bool>("--recursive") { Description = FolderOptions.RecursiveDescription };
        Option<string> onBadFile = FolderOptions.OnBadFileOption();
        var command = new Command("convert", "Convert an image or DICOM file to another format (by OUT's extension); a DICOM folder to OUT.nii.gz (one series) or every series to OUT/<SeriesNumber>_<Description>.<format> + .json sidecar.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(pixelType);
        command.Options.Add(compress);
        command.Options.Add(seriesKey);
        command.Options.Add(irregular);
        command.Options.Add(format);
        command.Options.Add(recursive);
        command.Options.Add(onBadFile);
        CommandRunner.SetBody(command, ctx =>
        {
            string inPath = ctx.Parse.GetValue(input)!;
            string outPath = ctx.Parse.GetValue(output)!;
            PixelType? target = ParsePixelType(ctx.Parse.GetValue(pixelType));
            if (Directory.Exists(inPath))
            {
                string extension = ctx.Parse.GetValue(format)!;
                if (ImageFileFormats.FromPath(outPath) is not null && ctx.Parse.GetResult(format) is { Implicit: false })
                {
                    throw new UsageException($"--format applies to a folder OUT; OUT '{outPath}' is a file and its extension picks the format");
                }

                if (!DicomFolderConverter.Formats.Contains(extension))
                {
                    throw new UsageException($"--format '{extension}': expected one of {string.Join(", ", DicomFolderConverter.Formats)}");
                }

                return DicomFolderConverter.Run(
                    new DicomFolderConverter.Request(inPath, outPath, ctx.Parse.GetValue(seriesKey), ParsePolicy(ctx.Parse.GetValue(irregular)!), target, extension)
                    {
                        Recursive = ctx.Parse.GetValue(recursive),
                        OnBadFile = FolderOptions.ParseOnBadFile(ctx.Parse.GetValue(onBadFile)!),
                    },
                    ctx);
            }

            if (ctx.Parse.GetResult(seriesKey) is { Implicit: false } || ctx.Parse.GetResult(irregular) is { Implicit: false } || ctx.Parse.GetResult(format) is { Implicit: false }
                || ctx.Parse.GetValue(recursive) || ctx.Parse.GetResult(onBadFile) is { Implicit: false })
            {
                throw new UsageException("--series, --irregular, --format, --recursive and --on-bad-file apply to a DICOM folder IN only");
            }

            if (ImageFileFormats.FromPath(outPath) is null)
            {
                throw new UsageException($"OUT '{outPath}': unknown extension (expected {ImageFileFormats.SupportedExtensions})");
            }

            VolumeSeries series = ImageInputs.ReadSeries(inPath, ctx.Execution);
            (VolumeSeries converted, double ms) = CliContext.Time(() => CastSeries(series, target, ctx.Execution));
            ImageFile.Write(converted, outPath, ctx.Parse.GetValue(compress), ctx.Execution);
            var item = new JsonObject { ["file"] = outPath, ["pixel_type"] = converted.PixelType.ToName(), ["volumes"] = converted.Count };
            item.AddGeometry(converted.Geometry);
            item["warnings"] = new JsonArray();
            return new JsonObject { ["input"] = inPath, ["outputs"] = new JsonArray(item), ["ms"] = Json.Ms(ms) };
        });
        return command;
    }

    /// <summary>Every volume cast to <paramref name="target"/> (SimpleITK Cast), or the series itself when null or already that type.</summary>
    public static VolumeSeries CastSeries(VolumeSeries series, PixelType? target, ExecutionOptions execution) =>
        target is PixelType t && t != series.PixelType
            ? new VolumeSeries([.. series.Volumes.Select(v => ImageFilters.Cast(v, t, execution))], repetitionTime: series.RepetitionTime)
            : series;

    private static IrregularStackPolicy ParsePolicy(string name) => name.ToLowerInvariant() switch
    {
        "error" => IrregularStackPolicy.Error,
        "warn" => IrregularStackPolicy.Warn,
        "resample" => IrregularStackPolicy.Resample,
        "split" => IrregularStackPolicy.Split,
        _ => throw new UsageException($"--irregular '{name}': expected error, warn, resample or split"),
    };

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
