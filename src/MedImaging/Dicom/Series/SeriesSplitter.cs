using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Splits image headers into stackable series, like dcm2niix: by SeriesInstanceUID, then by SeriesNumber (one UID
/// can carry several), then by what must never be stacked — localizer vs. not, orientation, Rows × Columns, PixelSpacing, pixel
/// format, echo. Each split is named in the key and explained in <see cref="DicomSeriesInfo.SplitReasons"/>.
/// Repeated positions (4-D) and irregular spacing are not splits: the reader handles them.
/// </summary>
internal static class SeriesSplitter
{
    /// <summary>Largest difference between direction cosines still counted as the same orientation.</summary>
    private const double OrientationTolerance = 1e-3;

    /// <summary>Groups <paramref name="images"/> into series ordered by SeriesNumber, then key.</summary>
    public static IReadOnlyList<DicomSeriesInfo> Split(IEnumerable<DicomImageHeader> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new List<DicomSeriesInfo>();
        foreach (var byUid in images.GroupBy(h => h.SeriesInstanceUid, StringComparer.Ordinal))
        {
            var groups = new List<(string Key, List<string> Reasons, List<DicomImageHeader> Images)>
            {
                (byUid.Key.Length > 0 ? byUid.Key : "(no SeriesInstanceUID)", [], [.. byUid.OrderBy(h => h.Path, StringComparer.Ordinal)]),
            };
            groups = SplitBy(groups, h => h.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "none", v => $"n{v}", "SeriesNumber differs");
            groups = SplitBy(groups, h => h.IsLocalizer ? "localizer" : "image", v => v, "localizer images (ImageType LOCALIZER) are never stacked with others");
            groups = SplitBy(groups, h => $"{h.Columns}x{h.Rows}", v => v, "image size (Columns x Rows) differs");
            groups = SplitBy(groups, h => h.PixelFormat, v => $"px{v}", "pixel format (BitsAllocated, PixelRepresentation, SamplesPerPixel) differs");
            groups = SplitBy(groups, PixelSpacingKey, v => $"ps{v}", "pixel spacing (PixelSpacing) differs");
            groups = SplitByOrientation(groups);
            groups = SplitBy(groups, EchoKey, v => $"echo{v}", "echo (EchoNumbers / EchoTime) differs");
            foreach (var (key, reasons, members) in groups)
            {
                DicomImageHeader first = members[0];
                result.Add(new DicomSeriesInfo
                {
                    Key = key,
                    SeriesInstanceUid = first.SeriesInstanceUid,
                    SeriesNumber = first.SeriesNumber,
                    SeriesDescription = first.SeriesDescription,
                    Modality = first.Modality,
                    Images = members,
                    SplitReasons = reasons,
                });
            }
        }

        return [.. result.OrderBy(s => s.SeriesNumber ?? int.MaxValue).ThenBy(s => s.Key, StringComparer.Ordinal)];
    }

    // 5 decimals (0.00001 mm): a 512-pixel row then drifts < 0.01 mm, the design's bound on positions.
    private static string PixelSpacingKey(DicomImageHeader h) => h.Plane is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{p.RowSpacing:0.#####}x{p.ColumnSpacing:0.#####}")
        : "none";

    private static string EchoKey(DicomImageHeader h) =>
        h.EchoNumber?.ToString(CultureInfo.InvariantCulture) ?? h.EchoTime?.ToString("G6", CultureInfo.InvariantCulture) ?? "none";

    private static List<(string, List<string>, List<DicomImageHeader>)> SplitBy(
        List<(string Key, List<string> Reasons, List<DicomImageHeader> Images)> groups,
        Func<DicomImageHeader, string> value, Func<string, string> suffix, string reason)
    {
        var output = new List<(string, List<string>, List<DicomImageHeader>)>();
        foreach (var (key, reasons, members) in groups)
        {
            var parts = members.GroupBy(value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            if (parts.Count == 1)
            {
                output.Add((key, reasons, members));
                continue;
            }

            foreach (var part in parts)
            {
                output.Add(($"{key}#{suffix(part.Key)}", [.. reasons, reason], [.. part]));
            }
        }

        return output;
    }

    private static List<(string, List<string>, List<DicomImageHeader>)> SplitByOrientation(
        List<(string Key, List<string> Reasons, List<DicomImageHeader> Images)> groups)
    {
        var output = new List<(string, List<string>, List<DicomImageHeader>)>();
        foreach (var group in groups)
        {
            // Cluster orientations around the first image of each cluster; images without a plane form their own cluster.
            var clusters = new List<(SlicePlane? Plane, List<DicomImageHeader> Members)>();
            foreach (DicomImageHeader h in group.Images)
            {
                int index = clusters.FindIndex(c => SameOrientation(c.Plane, h.Plane));
                if (index < 0)
                {
                    clusters.Add((h.Plane, [h]));
                }
                else
                {
                    clusters[index].Members.Add(h);
                }
            }

            if (clusters.Count == 1)
            {
                output.Add(group);
                continue;
            }

            for (int c = 0; c < clusters.Count; c++)
            {
                output.Add(($"{group.Key}#orient{c + 1}", [.. group.Reasons, "image orientation (ImageOrientationPatient) differs"], clusters[c].Members));
            }
        }

        return output;
    }

    private static bool SameOrientation(SlicePlane? a, SlicePlane? b) =>
        a is null || b is null
            ? a is null && b is null
            : Vec3.MaxAbsDifference(a.RowDirection, b.RowDirection) <= OrientationTolerance
              && Vec3.MaxAbsDifference(a.ColumnDirection, b.ColumnDirection) <= OrientationTolerance;
}
