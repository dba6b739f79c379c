using System.Globalization;
using System.Text;

namespace MedImaging.Clinical.Review;

/// <summary>
/// <c>results.csv</c>: one row per structure per case (a case without structures, e.g. a failed one, has one row
/// with the structure columns empty), RFC 4180 (comma, CRLF, fields with a comma, quote or line break quoted, quotes
/// doubled), numbers in the invariant culture with a '.' decimal point, round-trip precision. Intensities are in the
/// case's <c>intensity_unit</c> (HU for CT).
/// </summary>
public static class BatchResultsCsv
{
    /// <summary>The header row's column names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "case", "status", "modality", "intensity_unit", "series", "series_instance_uid", "size_x", "size_y", "size_z",
        "spacing_x_mm", "spacing_y_mm", "spacing_z_mm", "structure", "source", "label", "voxels", "volume_ml",
        "mean", "sd", "min", "max", "median", "warnings", "error_file", "error", "ms",
    ];

    /// <summary>The CSV text of <paramref name="cases"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is null.</exception>
    public static string Render(IReadOnlyList<BatchReviewCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var text = new StringBuilder();
        AppendRow(text, Columns);
        foreach (BatchReviewCase item in cases)
        {
            IReadOnlyList<StructureResult> structures = item.Report?.Structures ?? [];
            IEnumerable<StructureResult?> rows = structures.Count > 0 ? structures.Select(s => (StructureResult?)s) : [null];
            foreach (StructureResult? structure in rows)
            {
                AppendRow(text, Row(item, structure));
            }
        }

        return text.ToString();
    }

    private static List<string> Row(BatchReviewCase item, StructureResult? s)
    {
        ClinicalReport? report = item.Report;
        IReadOnlyList<int> size = report?.GeometryAfter.Size ?? [];
        IReadOnlyList<double> spacing = report?.GeometryAfter.Spacing ?? [];
        return
        [
            item.Result.Name, item.Result.Status, report?.Modality ?? "", report?.IntensityUnit ?? "", item.Series,
            report?.Input.SeriesInstanceUid ?? "",
            At(size, 0), At(size, 1), At(size, 2), At(spacing, 0), At(spacing, 1), At(spacing, 2),
            s?.Name ?? "", s?.Source ?? "", s is null ? "" : Number(s.Label), s is null ? "" : Number(s.Voxels), Number(s?.VolumeMl),
            Number(s?.Mean), Number(s?.Sd), Number(s?.Min), Number(s?.Max), Number(s?.Median),
            string.Join(" | ", report?.Warnings ?? []), item.Result.Error?.File ?? "", item.Result.Error?.Problem ?? item.ReportProblem ?? "",
            Number(item.Result.Ms),
        ];
    }

    private static string At<T>(IReadOnlyList<T> values, int i) where T : IFormattable =>
        i < values.Count ? values[i].ToString(null, CultureInfo.InvariantCulture) : "";

    private static string Number<T>(T? value) where T : struct, IFormattable =>
        value is T v ? v.ToString(null, CultureInfo.InvariantCulture) : "";

    private static string Number<T>(T value) where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    /// <summary>An RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
