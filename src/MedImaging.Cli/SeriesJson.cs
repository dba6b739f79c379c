using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;

namespace MedImaging.Cli;

/// <summary>JSON of DICOM series discovery and reading (scan entries, skipped files, series reports).</summary>
internal static class SeriesJson
{
    /// <summary>One scanned series: key, uid, number, description, modality, files, geometry (when the headers give one), warnings.</summary>
    public static JsonObject Describe(DicomSeriesInfo series)
    {
        var json = new JsonObject
        {
            ["key"] = series.Key,
            ["uid"] = series.SeriesInstanceUid,
            ["number"] = series.SeriesNumber,
            ["description"] = series.SeriesDescription,
            ["modality"] = series.Modality,
            ["files"] = series.Images.Count,
            ["frames"] = series.Images.Sum(h => h.NumberOfFrames),
        };
        var warnings = new JsonArray();
        foreach (string reason in series.SplitReasons)
        {
            warnings.Append(JsonValue.Create($"split: {reason}"));
        }

        VolumeGeometry? geometry = DicomSeriesReader.EstimateGeometry(series, out StackLayout? layout);
        if (geometry is not null && layout is not null)
        {
            json.AddGeometry(geometry);
            json["volumes"] = layout.Volumes.Count;
            foreach (string finding in layout.Findings)
            {
                warnings.Append(JsonValue.Create(finding));
            }
        }
        else
        {
            json["geometry"] = null;
            warnings.Append(JsonValue.Create(series.Images.Any(h => h.NumberOfFrames > 1)
                ? "multi-frame images: the geometry comes from the frames, known after reading"
                : "ImagePositionPatient/ImageOrientationPatient missing: no geometry from the headers"));
        }

        json["warnings"] = warnings;
        return json;
    }

    /// <summary>The scan's skipped files as <c>[{file, reason}]</c>.</summary>
    public static JsonArray Skipped(IEnumerable<SkippedFile> skipped)
    {
        var array = new JsonArray();
        foreach (SkippedFile s in skipped)
        {
            array.Append(new JsonObject { ["file"] = s.Path, ["reason"] = s.Reason });
        }

        return array;
    }

    /// <summary>A read series' report: order of files, positions, rescale, irregularities, what was done.</summary>
    public static JsonObject Report(SeriesReport report)
    {
        var positions = new JsonArray();
        foreach (Vec3 p in report.SlicePositions)
        {
            positions.Append(Json.Array(p.ToArray()));
        }

        var rescale = new JsonArray();
        foreach ((double slope, double intercept) in report.Rescale.Distinct())
        {
            rescale.Append(new JsonObject { ["slope"] = slope, ["intercept"] = intercept });
        }

        return new JsonObject
        {
            ["key"] = report.Key,
            ["volumes"] = report.VolumeCount,
            ["irregularities"] = report.Irregularities.ToString(),
            ["resampled"] = report.Resampled,
            ["split_reasons"] = Json.Array(report.SplitReasons),
            ["warnings"] = Json.Array(report.Warnings),
            ["skipped"] = Skipped(report.Skipped),
            ["rescale"] = rescale,
            ["files"] = Json.Array(report.Files),
            ["slice_positions"] = positions,
        };
    }
}
