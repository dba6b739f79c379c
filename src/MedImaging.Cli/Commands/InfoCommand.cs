using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg info IN</c>: geometry, pixel type and whole-image statistics of one image file or DICOM folder.</summary>
internal static class InfoCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Image file (.nii, .nii.gz, .hdr/.img, .mha, .mhd, .nrrd, .nhdr), or a DICOM folder (its largest series is read)." };
        var recursive = new Option<bool>("--recursive") { Description = "DICOM folder: also scan sub-folders (as dicom scan --recursive); default: the folder's own files, or those its DICOMDIR lists." };
        Option<string> onBadFile = ImageInputs.OnBadFileOption();
        var command = new Command("info", "Read an image; print its geometry (LPS), pixel type and min, max, sum, mean of all voxels.");
        command.Arguments.Add(input);
        command.Options.Add(recursive);
        command.Options.Add(onBadFile);
        CommandRunner.SetBody(command, ctx =>
        {
            string path = ctx.Parse.GetValue(input)!;
            bool deep = ctx.Parse.GetValue(recursive);
            if (deep && !Directory.Exists(path))
            {
                throw new UsageException("--recursive applies to a DICOM folder IN only");
            }

            JsonObject json = Run(path, ctx.Execution, deep, ImageInputs.ParseOnBadFile(ctx.Parse.GetValue(onBadFile)!), out IReadOnlyList<SkippedFile> skipped);
            ImageInputs.WarnSkipped(ctx, skipped);
            return json;
        });
        return command;
    }

    /// <summary>The info JSON of <paramref name="path"/> (also used by <c>demo</c>); sub-folders of a DICOM folder only when <paramref name="recursive"/>.</summary>
    public static JsonObject Run(string path, ExecutionOptions execution, bool recursive = false) =>
        Run(path, execution, recursive, BadFilePolicy.Skip, out _);

    /// <summary>The info JSON of <paramref name="path"/>, with the DICOM files left out in <c>skipped</c> and in <paramref name="skipped"/>.</summary>
    public static JsonObject Run(string path, ExecutionOptions execution, bool recursive, BadFilePolicy onBadFile, out IReadOnlyList<SkippedFile> skipped)
    {
        (ImageInputs.Input input, double readMs) = CliContext.Time(() => ImageInputs.Read(path, execution, recursive, onBadFile));
        skipped = input.Skipped;
        VolumeSeries series = input.Series;
        (StatisticsResult stats, double ms) = CliContext.Time(() => Combine(series, execution));
        var json = new JsonObject
        {
            ["file"] = path,
            ["format"] = input.Format,
            ["pixel_type"] = series.PixelType.ToName(),
        };
        json.AddGeometry(series.Geometry);
        json["volumes"] = series.Count;
        json["min"] = Json.Number(stats.Minimum);
        json["max"] = Json.Number(stats.Maximum);
        json["sum"] = Json.Number(stats.Sum);
        json["mean"] = Json.Number(stats.Mean);
        json["read_ms"] = Json.Ms(readMs);
        json["ms"] = Json.Ms(ms);
        json["warnings"] = Json.Array(input.Warnings);
        json["skipped"] = SeriesJson.Skipped(input.Skipped);
        return json;
    }

    private static StatisticsResult Combine(VolumeSeries series, ExecutionOptions execution)
    {
        StatisticsResult total = ImageFilters.Statistics(series[0], execution);
        for (int i = 1; i < series.Count; i++)
        {
            StatisticsResult s = ImageFilters.Statistics(series[i], execution);
            double sum = total.Sum + s.Sum;
            long count = total.Count + s.Count;
            total = total with
            {
                Minimum = Math.Min(total.Minimum, s.Minimum),
                Maximum = Math.Max(total.Maximum, s.Maximum),
                Sum = sum,
                Count = count,
                Mean = sum / count,
            };
        }

        return total;
    }
}
