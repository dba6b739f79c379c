using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Second copies of a slice position in a stack that is not 4-D (positions repeat unequally): one file per position
/// is used, the first readable one in stacking order; every other file is named with which file was used and why,
/// and copies whose pixels differ from the used one are a warning of their own.
/// </summary>
internal static class DuplicateSlices
{
    /// <summary>The images with one file per position, in their order; the others are added to <paramref name="skipped"/>.</summary>
    /// <param name="seriesKey">The series, for messages.</param>
    /// <param name="images">The slices in stacking order (temporal position, InstanceNumber, file name).</param>
    /// <param name="options">Position tolerance and bad-file policy.</param>
    /// <param name="skipped">Receives the files not used.</param>
    /// <param name="warnings">Receives the duplicate-position finding and one warning per copy with other pixels.</param>
    /// <exception cref="BadSlicesException">Every copy of a position is unreadable, or one is and the policy is Error.</exception>
    public static DicomImageHeader[] KeepOnePerPosition(string seriesKey, DicomImageHeader[] images, DicomSeriesReadOptions options,
        List<SkippedFile> skipped, List<string> warnings)
    {
        List<List<int>> groups = StackAnalyzer.PositionGroups([.. images.Select(h => h.Plane!)], options.PositionTolerance);
        var keep = new List<int>();
        var notes = new List<string>();
        var copies = new List<SkippedFile>();
        foreach (List<int> group in groups)
        {
            if (group.Count == 1)
            {
                keep.Add(group[0]);
                continue;
            }

            DicomImageHeader[] members = [.. group.Select(i => images[i])];
            (double[]?[] pixels, Exception?[] faults) = ReadAll(seriesKey, members);
            int used = Array.FindIndex(pixels, p => p is not null);
            if (used < 0 || (options.OnBadFile == BadFilePolicy.Error && faults.Any(f => f is not null)))
            {
                BadSlicesException.ThrowIfAny(members, faults);
            }

            keep.Add(group[used]);
            string usedPath = members[used].Path;
            Vec3 p = members[used].Plane!.Position;
            string at = Format($"ImagePositionPatient ({p.X:G6}, {p.Y:G6}, {p.Z:G6})");
            string why = used == 0 ? "first in stacking order: TemporalPositionIdentifier, InstanceNumber, file name" : "the files before it in stacking order are unreadable";
            for (int j = 0; j < members.Length; j++)
            {
                if (j == used)
                {
                    continue;
                }

                if (faults[j] is Exception fault)
                {
                    SkippedFile bad = BadSlicesException.Of(members[j].Path, fault);
                    copies.Add(bad with { Reason = $"second file at {at}, '{usedPath}' was used; this one is unreadable: {bad.Reason}" });
                    continue;
                }

                double difference = MaxAbsDifference(pixels[used]!, pixels[j]!);
                string same = difference == 0 ? "identical pixels" : Format($"other pixels (largest difference {difference:G6})");
                copies.Add(new SkippedFile(members[j].Path, $"second file at {at}: '{usedPath}' was used ({why}); {same}"));
                if (difference != 0)
                {
                    notes.Add(Format($"'{members[j].Path}' and '{usedPath}' share {at} but differ in pixels (largest difference {difference:G6}); '{usedPath}' was used ({why})"));
                }
            }
        }

        int repeated = groups.Count(g => g.Count > 1);
        warnings.Add(Format($"duplicate positions: {repeated} of {groups.Count} positions held more than one file; one file per position was used, the others are listed as skipped"));
        warnings.AddRange(notes);
        skipped.AddRange(copies);
        keep.Sort();
        return [.. keep.Select(i => images[i])];
    }

    /// <summary>Each file's pixels after rescale, or the exception that reading it threw.</summary>
    private static (double[]?[] Pixels, Exception?[] Faults) ReadAll(string seriesKey, DicomImageHeader[] members)
    {
        var pixels = new double[]?[members.Length];
        var faults = new Exception?[members.Length];
        using var reader = new SeriesSliceReader(seriesKey);
        for (int j = 0; j < members.Length; j++)
        {
            try
            {
                var values = new double[members[j].Rows * members[j].Columns];
                reader.Read<double>(members[j], members[j].Rescale, values);
                pixels[j] = values;
            }
            catch (Exception ex) when (BadSlicesException.IsFileFault(ex))
            {
                faults[j] = ex;
            }
        }

        return (pixels, faults);
    }

    private static double MaxAbsDifference(double[] a, double[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
