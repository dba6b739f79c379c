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
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var command = new Command("info", "Read an image; print its geometry (LPS), pixel type and min, max, sum, mean of all voxels.");
        command.Arguments.Add(input);
        var folder = new FolderOptions(command);
        CommandRunner.SetBody(command, ctx =>
        {
            JsonObject json = Run(ctx.Parse.GetValue(input)!, ctx.Execution, folder.Get(ctx.Parse), out IReadOnlyList<SkippedFile> skipped);
            ImageInputs.WarnSkipped(ctx, skipped);
            return json;
        });
        return command;
    }

    /// <summary>The info JSON of <paramref name="path"/> (also used by <c>demo</c>); <paramref name="choice"/> picks a DICOM folder's series.</summary>
    public static JsonObject Run(string path, ExecutionOptions execution, FolderChoice? choice = null) => Run(path, execution, choice, out _);

    /// <summary>The info JSON of <paramref name="path"/>, with the DICOM files left out in <c>skipped</c> and in <paramref name="skipped"/>.</summary>
    public static JsonObject Run(string path, ExecutionOptions execution, FolderChoice? choice, out IReadOnlyList<SkippedFile> skipped)
    {
        (ImageInputs.Input input, double readMs) = CliContext.Time(() => ImageInputs.Read(path, execution, choice));
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
        if (input.Dicom is { } dicom)
        {
            json["series"] = SeriesJson.Identify(dicom);
        }

        json["warnings"] = Json.Array(input.Warnings);
        json["notes"] = Json.Array(input.Notes);
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
