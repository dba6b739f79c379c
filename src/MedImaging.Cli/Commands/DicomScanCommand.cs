using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg dicom scan DIR [--recursive]</c>: the image series of a folder (headers only) and the files skipped.</summary>
internal static class DicomScanCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("dir") { Description = "A folder of DICOM files." };
        var recursive = new Option<bool>("--recursive") { Description = "Also scan sub-folders (default: the folder's own files; a DICOMDIR in the folder lists the files instead; without it, a note says how many files sub-folders hold)." };
        var command = new Command("scan", "Find the image series of a folder (headers only, in parallel): split, geometry from the headers, skipped files with reasons.");
        command.Arguments.Add(folder);
        command.Options.Add(recursive);
        CommandRunner.SetBody(command, ctx =>
        {
            string path = ctx.Parse.GetValue(folder)!;
            if (File.Exists(path))
            {
                throw new UsageException($"'{path}' is a file; dicom scan takes a folder (dicom dump FILE shows one file, medimg info FILE reads it as an image)");
            }

            var options = new DicomScanOptions { Recursive = ctx.Parse.GetValue(recursive) };
            (DicomScanResult scan, double ms) = CliContext.Time(() => DicomSeriesScanner.Scan(path, options, ctx.Execution));
            string? hint = options.Recursive ? null : DicomSeriesSelection.SubfolderHint(path);
            if (hint is not null)
            {
                ctx.Note(scan.Series.Count == 0 ? $"no image series in the folder's own files; {hint}" : hint);
            }

            var series = new JsonArray();
            foreach (DicomSeriesInfo s in scan.Series)
            {
                series.Append(SeriesJson.Describe(s));
            }

            return new JsonObject
            {
                ["folder"] = path,
                ["dicomdir"] = scan.DicomDirectoryPath,
                ["series"] = series,
                ["skipped"] = SeriesJson.Skipped(scan.Skipped),
                ["warnings"] = Json.Array(scan.Warnings),
                ["hint"] = hint,
                ["ms"] = Json.Ms(ms),
            };
        });
        return command;
    }
}
