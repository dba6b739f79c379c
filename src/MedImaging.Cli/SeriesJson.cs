using System.Text.Json.Nodes;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;

namespace MedImaging.Cli;

/// <summary>JSON of DICOM series discovery and reading (scan entries, skipped files, series reports).</summary>
internal static class SeriesJson
{
    /// <summary>One scanned series: key, uid, number, description, modality, files, geometry (when the headers give one), warnings.</summary>
    public static JsonObject Describe(DicomSeriesInfo series)
    {
        JsonObject json = Identify(series);
        json["files"] = series.Images.Count;
        json["frames"] = series.Images.Sum(h => h.NumberOfFrames);
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
            warnings.Append(JsonValue.Create(GeometryUnknownReason(series)));
        }

        json["warnings"] = warnings;
        return json;
    }

    /// <summary>Why <see cref="DicomSeriesReader.EstimateGeometry"/> gave no geometry for <paramref name="series"/>.</summary>
    private static string GeometryUnknownReason(DicomSeriesInfo series)
    {
        if (series.Images.Any(SiemensMosaic.IsMosaic))
        {
            return "Siemens mosaic: the slices' geometry is known after de-mosaicking (read or convert the series)";
        }

        if (series.Images.Any(h => h.NumberOfFrames > 1))
        {
            return "multi-frame images: the geometry comes from the frames, known after reading";
        }

        (DicomTag Tag, string Name)[] placement = [(DicomTag.ImagePositionPatient, "ImagePositionPatient"), (DicomTag.ImageOrientationPatient, "ImageOrientationPatient")];
        string missing = string.Join(" and ", placement.Where(t => series.Images.Any(h => !h.Dataset.Contains(t.Tag))).Select(t => t.Name));
        return missing.Length > 0
            ? $"{missing} missing in some files: no geometry from the headers"
            : "ImagePositionPatient/ImageOrientationPatient/PixelSpacing unusable: no geometry from the headers";
    }

    /// <summary>Which series: key, uid, number, description, modality.</summary>
    public static JsonObject Identify(DicomSeriesInfo series) => new()
    {
        ["key"] = series.Key,
        ["uid"] = series.SeriesInstanceUid,
        ["number"] = series.SeriesNumber,
        ["description"] = series.SeriesDescription,
        ["modality"] = series.Modality,
    };

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
