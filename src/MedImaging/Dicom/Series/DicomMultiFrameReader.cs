using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Multi-frame images as stacks. An enhanced (functional-group) file gives each frame its own placement and rescale:
/// the Per-Frame Functional Groups first, then the Shared ones (PlanePositionSequence, PlaneOrientationSequence,
/// PixelMeasuresSequence, PixelValueTransformationSequence, FrameContentSequence). Frames are ordered by their
/// DimensionIndexValues, split into one stack per frame type (e.g. Philips magnitude + B0 field map in one file), and
/// then stacked like single-frame images: along the normal, 4-D when positions repeat (several files, or temporal
/// frames in one). A multi-frame file without functional groups has no per-frame geometry: its frames are stacked in
/// file order with a warning.
/// </summary>
public static class DicomMultiFrameReader
{
    /// <summary>
    /// Expands a series holding multi-frame files into frame-level series (one per frame type), each image standing
    /// for one frame (<see cref="DicomImageHeader.Frame"/>) with its own plane and rescale.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="DicomFormatException">A file's Per-frame Functional Groups Sequence has not one item per frame.</exception>
    public static IReadOnlyList<DicomSeriesInfo> Expand(DicomSeriesInfo series)
    {
        ArgumentNullException.ThrowIfNull(series);
        List<DicomImageHeader> frames = [.. series.Images.SelectMany(ExpandFile)];
        var byType = frames.GroupBy(FrameTypeKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (byType.Count == 1)
        {
            return [series with { Images = frames }];
        }

        return [.. byType.Select(g => series with
        {
            Key = $"{series.Key}#{g.Key.ToLowerInvariant()}",
            Images = [.. g],
            SplitReasons = [.. series.SplitReasons, "frame type (FrameType of the MR/CT image frame type functional group) differs"],
        })];
    }

    /// <summary>Reads every frame-level series of <see cref="Expand"/>.</summary>
    internal static IReadOnlyList<DicomSeriesReadResult> ReadAll(DicomSeriesInfo series, DicomSeriesReadOptions options, ExecutionOptions? execution)
    {
        var results = new List<DicomSeriesReadResult>();
        foreach (DicomSeriesInfo part in Expand(series))
        {
            foreach (DicomSeriesReadResult result in DicomSeriesReader.ReadAll(part, options, execution))
            {
                results.Add(part.Images.Any(h => h.Plane is null)
                    ? result with { Report = result.Report with { Warnings = [.. result.Report.Warnings, "multi-frame image without per-frame functional groups: frames stacked in file order, geometry not known"] } }
                    : result);
            }
        }

        return results;
    }

    private static string FrameTypeKey(DicomImageHeader frame) => frame.ImageType.Count >= 3 ? string.Join("_", frame.ImageType.Skip(2)) : "image";

    private static IEnumerable<DicomImageHeader> ExpandFile(DicomImageHeader file)
    {
        if (file.NumberOfFrames <= 1)
        {
            return [file];
        }

        DicomDataset ds = file.Dataset;
        DicomDataset? shared = ds.TryGetSequence(DicomTag.SharedFunctionalGroupsSequence, out IReadOnlyList<DicomDataset>? s) && s.Count > 0 ? s[0] : null;
        IReadOnlyList<DicomDataset>? perFrame = ds.TryGetSequence(DicomTag.PerFrameFunctionalGroupsSequence, out IReadOnlyList<DicomDataset>? p) ? p : null;
        if (perFrame is null && shared is null)
        {
            return Enumerable.Range(0, file.NumberOfFrames).Select(f => file with { NumberOfFrames = 1, Frame = f, FrameOrder = f, Plane = null });
        }

        if (perFrame is not null && perFrame.Count != file.NumberOfFrames)
        {
            throw new DicomFormatException(file.Path, -1, DicomTag.PerFrameFunctionalGroupsSequence,
                string.Create(CultureInfo.InvariantCulture, $"{perFrame.Count} items for NumberOfFrames {file.NumberOfFrames}"));
        }

        var frames = new DicomImageHeader[file.NumberOfFrames];
        var order = new int[file.NumberOfFrames][];
        for (int f = 0; f < frames.Length; f++)
        {
            DicomDataset? own = perFrame?[f];
            frames[f] = Frame(file, f, own, shared);
            DicomDataset? content = Group(own, shared, DicomTag.FrameContentSequence);
            order[f] = content is not null && content.TryGetInt32s(DicomTag.DimensionIndexValues, out int[]? index) ? index : [];
        }

        int[] sorted = [.. Enumerable.Range(0, frames.Length).OrderBy(f => order[f], IndexComparer.Instance).ThenBy(f => f)];
        for (int rank = 0; rank < sorted.Length; rank++)
        {
            frames[sorted[rank]] = frames[sorted[rank]] with { FrameOrder = rank };
        }

        return frames;
    }

    private static DicomImageHeader Frame(DicomImageHeader file, int f, DicomDataset? own, DicomDataset? shared)
    {
        DicomDataset? position = Group(own, shared, DicomTag.PlanePositionSequence);
        DicomDataset? orientation = Group(own, shared, DicomTag.PlaneOrientationSequence);
        DicomDataset? measures = Group(own, shared, DicomTag.PixelMeasuresSequence);
        DicomDataset? transform = Group(own, shared, DicomTag.PixelValueTransformationSequence);
        DicomDataset? content = Group(own, shared, DicomTag.FrameContentSequence);
        DicomDataset? type = Group(own, shared, DicomTag.MRImageFrameTypeSequence)
            ?? Group(own, shared, DicomTag.CTImageFrameTypeSequence) ?? Group(own, shared, DicomTag.PETFrameTypeSequence);
        SlicePlane? plane = DicomImageHeader.CreatePlane(
            DicomImageHeader.Doubles(position, DicomTag.ImagePositionPatient) ?? DicomImageHeader.Doubles(file.Dataset, DicomTag.ImagePositionPatient),
            DicomImageHeader.Doubles(orientation, DicomTag.ImageOrientationPatient) ?? DicomImageHeader.Doubles(file.Dataset, DicomTag.ImageOrientationPatient),
            DicomImageHeader.Doubles(measures, DicomTag.PixelSpacing) ?? DicomImageHeader.Doubles(file.Dataset, DicomTag.PixelSpacing),
            file.Rows, file.Columns);
        (double, double)? rescale = transform is not null
            ? (transform.GetDoubleOrDefault(DicomTag.RescaleSlope, 1), transform.GetDoubleOrDefault(DicomTag.RescaleIntercept, 0))
            : null;
        int? temporal = content is not null && content.TryGetInt32(DicomTag.TemporalPositionIndex, out int t) ? t : file.TemporalPositionIdentifier;
        return file with
        {
            NumberOfFrames = 1,
            Frame = f,
            FrameOrder = f,
            Plane = plane,
            FrameRescale = rescale,
            TemporalPositionIdentifier = temporal,
            ImageType = type is not null && type.TryGetString(DicomTag.FrameType, out _) ? [.. type.GetStrings(DicomTag.FrameType).Select(v => v.Trim().ToUpperInvariant())] : file.ImageType,
        };
    }

    /// <summary>The first item of a functional group macro: the frame's own, else the shared one.</summary>
    private static DicomDataset? Group(DicomDataset? own, DicomDataset? shared, DicomTag sequence)
    {
        if (own is not null && own.TryGetSequence(sequence, out IReadOnlyList<DicomDataset>? a) && a.Count > 0)
        {
            return a[0];
        }

        return shared is not null && shared.TryGetSequence(sequence, out IReadOnlyList<DicomDataset>? b) && b.Count > 0 ? b[0] : null;
    }

    /// <summary>Lexicographic order of DimensionIndexValues.</summary>
    private sealed class IndexComparer : IComparer<int[]>
    {
        public static readonly IndexComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            x ??= [];
            y ??= [];
            for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                int c = x[i].CompareTo(y[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
