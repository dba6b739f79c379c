using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>convert DIR OUTDIR</c>: every series of a DICOM folder (or the one picked by <c>--series</c>) to
/// <c>&lt;SeriesNumber&gt;_&lt;Description&gt;.&lt;format&gt;</c> plus a <c>.json</c> sidecar holding the scan, split and
/// irregularity report. A series that cannot be read is reported in <c>failed[]</c>; the others are still written.
/// <c>convert DIR OUT.nii.gz</c> (an image extension) writes that one file, as SimpleITK's
/// <c>WriteImage(ReadImage(series), OUT)</c>: the folder's only series or the one <c>--series</c> picks; it refuses,
/// listing the series, when the folder holds several.
/// </summary>
internal static class DicomFolderConverter
{
    /// <summary>What the verb asked for.</summary>
    public sealed record Request(string Folder, string OutputFolder, string? SeriesKey, IrregularStackPolicy Irregular, PixelType? PixelType, string Extension)
    {
        /// <summary>Also scan sub-folders (<c>--recursive</c>).</summary>
        public bool Recursive { get; init; }

        /// <summary>Files that cannot be used (<c>--on-bad-file</c>).</summary>
        public BadFilePolicy OnBadFile { get; init; }

        /// <summary>True when OUT names one image file (its extension is an image format's) rather than a folder.</summary>
        public bool ToFile => ImageFileFormats.FromPath(OutputFolder) is not null;
    }

    /// <summary>A series split from its SeriesInstanceUID with at most this many files has them named on stderr (a stray slice, most often).</summary>
    private const int MaxNamedSplitFiles = 3;

    /// <summary>Characters of SeriesDescription used in a file name: the LO value maximum.</summary>
    private const int MaxDescription = 64;

    /// <summary>The formats <c>--format</c> accepts (each is also the file extension).</summary>
    public static readonly IReadOnlyList<string> Formats = ["nii.gz", "nii", "mha", "nrrd"];

    /// <summary>Converts and returns the verb's JSON.</summary>
    /// <exception cref="MedImagingException">No series could be converted, or <c>--series</c> names none.</exception>
    public static JsonObject Run(Request request, CliContext ctx)
    {
        DicomScanResult scan = DicomSeriesScanner.Scan(request.Folder, new DicomScanOptions { Recursive = request.Recursive }, ctx.Execution);
        IReadOnlyList<DicomSeriesInfo> chosen = request.SeriesKey is string key
            ? [DicomSeriesSelection.Select(scan, request.Folder, key).Series]
            : scan.Series.Count > 0 ? scan.Series : [DicomSeriesSelection.Select(scan, request.Folder).Series];
        if (request.ToFile && chosen.Count > 1)
        {
            throw new SeriesInconsistentException(request.Folder, string.Create(CultureInfo.InvariantCulture,
                $"OUT '{request.OutputFolder}' is one image file, but the folder holds {chosen.Count} series: {DicomSeriesSelection.Describe(chosen)}; pick one with --series, or give a folder as OUT for one file per series"));
        }

        if (request.OnBadFile == BadFilePolicy.Error && scan.Skipped.FirstOrDefault(s => s.Damaged) is SkippedFile damaged)
        {
            throw new DicomFormatException(damaged.Path, -1, null, $"{damaged.Reason} (--on-bad-file skip leaves the file out)");
        }

        ImageInputs.WarnSkipped(ctx, scan.Skipped);
        foreach (DicomSeriesInfo split in chosen.Where(s => s.SplitReasons.Count > 0 && s.Images.Count <= MaxNamedSplitFiles))
        {
            ctx.Warn($"series '{split.Key}' split from its SeriesInstanceUID ({string.Join("; ", split.SplitReasons)}) holds only {string.Join(", ", split.Images.Select(h => $"'{h.Path}'").Distinct())}");
        }

        Directory.CreateDirectory(request.ToFile ? Path.GetDirectoryName(Path.GetFullPath(request.OutputFolder))! : request.OutputFolder);
        var outputs = new JsonArray();
        var failed = new JsonArray();
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        double ms = 0;
        foreach (DicomSeriesInfo series in chosen)
        {
            try
            {
                (IReadOnlyList<DicomSeriesReadResult> results, double readMs) = CliContext.Time(() =>
                    DicomSeriesReader.ReadAll(series, new DicomSeriesReadOptions { Irregular = request.Irregular, OnBadFile = request.OnBadFile }, ctx.Execution));
                ms += readMs;
                if (request.ToFile && results.Count > 1)
                {
                    throw new SeriesInconsistentException(series.Key, string.Create(CultureInfo.InvariantCulture,
                        $"reads as {results.Count} volumes of different geometry or frame type ({string.Join(", ", results.Select(r => r.Report.Key))}); give a folder as OUT for one file each"));
                }

                for (int r = 0; r < results.Count; r++)
                {
                    string resultKey = results[r].Report.Key;
                    string? suffix = results.Count > 1 && resultKey.StartsWith(series.Key, StringComparison.Ordinal) ? resultKey[series.Key.Length..] : null;
                    string name = UniqueName(BaseName(series, suffix), usedNames);
                    outputs.Append(Write(results[r], series, scan, request, name, ctx));
                }
            }
            catch (Exception ex) when ((ex is MedImagingException or IOException) && request.OnBadFile == BadFilePolicy.Skip && !request.ToFile)
            {
                ctx.Warn($"series '{series.Key}' not converted: {ex.Message}");
                failed.Append(new JsonObject { ["key"] = series.Key, ["error"] = ex.Message });
            }
        }

        if (outputs.Count == 0)
        {
            throw new SeriesInconsistentException(request.Folder, $"no series could be converted: {failed[0]!["error"]!.GetValue<string>()}");
        }

        return new JsonObject
        {
            ["input"] = request.Folder,
            ["dicomdir"] = scan.DicomDirectoryPath,
            ["outputs"] = outputs,
            ["failed"] = failed,
            ["skipped"] = SeriesJson.Skipped(scan.Skipped),
            ["ms"] = Json.Ms(ms),
        };
    }

    /// <summary>
    /// <c>&lt;SeriesNumber&gt;_&lt;Description&gt;[_suffix]</c> with each run of characters outside [A-Za-z0-9-] as one
    /// '_' (so non-ASCII letters too: names stay portable); the description is cut at 64 characters, the LO maximum,
    /// so that a non-conformant longer one still gives a legal file name; the suffix tells the volumes of one series
    /// apart (frame type, irregular-stack run).
    /// </summary>
    public static string BaseName(DicomSeriesInfo series, string? suffix)
    {
        string description = series.SeriesDescription.Length > MaxDescription ? series.SeriesDescription[..MaxDescription] : series.SeriesDescription;
        string raw = $"{series.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "0"}_{description}_{suffix}";
        var name = new StringBuilder(raw.Length);
        foreach (char c in raw)
        {
            bool keep = char.IsAsciiLetterOrDigit(c) || c == '-';
            if (keep || (name.Length > 0 && name[^1] != '_'))
            {
                name.Append(keep ? c : '_');
            }
        }

        return name.ToString().TrimEnd('_');
    }

    /// <summary>The sidecar of image file <paramref name="file"/>: its name with <c>.json</c> for the image extension (<c>ge.nii.gz</c> → <c>ge.json</c>).</summary>
    private static string SidecarOf(string file)
    {
        string name = Path.GetFileName(file);
        string stem = name.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase) ? name[..^".nii.gz".Length] : Path.GetFileNameWithoutExtension(name);
        return Path.Combine(Path.GetDirectoryName(file) ?? "", stem + ".json");
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }

        return candidate;
    }

    private static JsonObject Write(DicomSeriesReadResult result, DicomSeriesInfo series, DicomScanResult scan, Request request, string name, CliContext ctx)
    {
        VolumeSeries volumes = ConvertCommand.CastSeries(result.Volumes, request.PixelType, ctx.Execution);
        string file = request.ToFile ? request.OutputFolder : Path.Combine(request.OutputFolder, $"{name}.{request.Extension}");
        string sidecar = request.ToFile ? SidecarOf(file) : Path.Combine(request.OutputFolder, $"{name}.json");
        ImageFile.Write(volumes, file, execution: ctx.Execution);
        JsonObject scanEntry = SeriesJson.Describe(series);
        var side = new JsonObject
        {
            ["file"] = Path.GetFileName(file),
            ["series"] = scanEntry,
            ["report"] = SeriesJson.Report(result.Report),
            ["pixel_type"] = volumes.PixelType.ToName(),
            ["skipped"] = SeriesJson.Skipped(scan.Skipped),
            ["dicomdir"] = scan.DicomDirectoryPath,
        };
        File.WriteAllText(sidecar, Json.ToIndentedString(side));
        foreach (string w in result.Report.Warnings)
        {
            ctx.Remark($"{series.Key}: {w}");
        }

        ImageInputs.WarnSkipped(ctx, result.Report.Skipped, series.Key);

        var item = new JsonObject
        {
            ["file"] = file,
            ["sidecar"] = sidecar,
            ["key"] = result.Report.Key,
            ["pixel_type"] = volumes.PixelType.ToName(),
            ["volumes"] = volumes.Count,
        };
        item.AddGeometry(volumes.Geometry);
        item["warnings"] = Json.Array(result.Report.Warnings);
        item["skipped"] = SeriesJson.Skipped(result.Report.Skipped);
        return item;
    }
}
