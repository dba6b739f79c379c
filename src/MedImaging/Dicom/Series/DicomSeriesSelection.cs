using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Picks one series of a scan: by a selector (the scan key, SeriesInstanceUID, SeriesNumber or a SeriesDescription
/// pattern), else the series with the most images, as <see cref="DicomSeriesReader.ReadLargest"/> does.
/// </summary>
public static class DicomSeriesSelection
{
    /// <summary>
    /// The series of <paramref name="scan"/> that <paramref name="selector"/> names: first an exact scan key or
    /// SeriesInstanceUID, then an exact SeriesNumber, then a SeriesDescription pattern (case-insensitive; <c>*</c> and
    /// <c>?</c> wildcards; without them, a substring). Null: the series with the most images (the first of equals, in
    /// scan order) and the others in <c>Others</c>.
    /// </summary>
    /// <param name="scan">The scan of <paramref name="folder"/>.</param>
    /// <param name="folder">The scanned folder, for messages.</param>
    /// <param name="selector">Key, UID, number or description pattern; null for the largest.</param>
    /// <returns>The chosen series and the scan's other series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scan"/> is null.</exception>
    /// <exception cref="SeriesInconsistentException">The scan holds no series (see <see cref="NoSeriesReason"/>), or the
    /// selector matches none or several (the message lists them).</exception>
    public static (DicomSeriesInfo Series, IReadOnlyList<DicomSeriesInfo> Others) Select(DicomScanResult scan, string folder, string? selector = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (scan.Series.Count == 0)
        {
            throw new SeriesInconsistentException(folder, $"no DICOM image series found ({NoSeriesReason(scan, folder)})");
        }

        DicomSeriesInfo chosen = selector is null ? scan.Series.OrderByDescending(s => s.Images.Count).First() : Match(scan, folder, selector);
        return (chosen, [.. scan.Series.Where(s => s != chosen)]);
    }

    /// <summary>
    /// Why a scan of <paramref name="folder"/> found no series: "the folder is empty" or the first skipped file; when the
    /// scan was not recursive and sub-folders hold files, how many, and to scan recursively.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="scan"/> is null, or <paramref name="folder"/> is null and the
    /// scan was not recursive.</exception>
    public static string NoSeriesReason(DicomScanResult scan, string folder)
    {
        ArgumentNullException.ThrowIfNull(scan);
        string why = scan.Skipped.Count == 0
            ? "the folder holds no files"
            : string.Create(CultureInfo.InvariantCulture, $"{scan.Skipped.Count} file(s) skipped, e.g. '{scan.Skipped[0].Path}': {scan.Skipped[0].Reason}");
        return scan.Recursive || SubfolderHint(folder) is not string hint ? why : $"{why}; {hint}";
    }

    /// <summary>
    /// "N sub-folder(s) hold M file(s); use --recursive (DicomScanOptions.Recursive)" when sub-folders of
    /// <paramref name="folder"/> (at any depth) hold files; null when none do or the folder cannot be listed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="folder"/> is null.</exception>
    public static string? SubfolderHint(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        try
        {
            int folders = 0;
            long files = 0;
            foreach (string sub in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
            {
                int count = Directory.EnumerateFiles(sub).Count();
                folders += count > 0 ? 1 : 0;
                files += count;
            }

            return files == 0
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"{folders} sub-folder{(folders == 1 ? " holds" : "s hold")} {files} file{(files == 1 ? "" : "s")}; use --recursive (DicomScanOptions.Recursive) to read them");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One line per series for messages: <c>key (#number 'description', N images)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null (the exception names <c>source</c>).</exception>
    public static string Describe(IEnumerable<DicomSeriesInfo> series) =>
        string.Join("; ", series.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"'{s.Key}' (number {s.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "none"}, '{s.SeriesDescription}', {s.Images.Count} image{(s.Images.Count == 1 ? "" : "s")})")));

    private static DicomSeriesInfo Match(DicomScanResult scan, string folder, string selector)
    {
        List<DicomSeriesInfo> matches = [.. scan.Series.Where(s => s.Key == selector || s.SeriesInstanceUid == selector)];
        if (matches.Count == 0)
        {
            matches = [.. scan.Series.Where(s => s.SeriesNumber?.ToString(CultureInfo.InvariantCulture) == selector)];
        }

        if (matches.Count == 0)
        {
            matches = [.. scan.Series.Where(s => DescriptionMatches(s.SeriesDescription, selector))];
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new SeriesInconsistentException(folder, $"no series key, UID, number or description matches '{selector}'; the folder holds {Describe(scan.Series)}"),
            _ => throw new SeriesInconsistentException(folder, $"'{selector}' matches {matches.Count} series: {Describe(matches)}; name one by its key or number"),
        };
    }

    /// <summary>A case-insensitive wildcard match (<c>*</c> any run, <c>?</c> one character), or substring without wildcards.</summary>
    private static bool DescriptionMatches(string description, string pattern)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0)
        {
            return description.Contains(pattern, StringComparison.OrdinalIgnoreCase);
        }

        return Wildcard(description.ToUpperInvariant(), pattern.ToUpperInvariant(), 0, 0);
    }

    private static bool Wildcard(string text, string pattern, int t, int p)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                for (int k = t; k <= text.Length; k++)
                {
                    if (Wildcard(text, pattern, k, p + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length || (pattern[p] != '?' && pattern[p] != text[t]))
            {
                return false;
            }

            t++;
            p++;
        }

        return t == text.Length;
    }
}
