using System.Globalization;
using System.Net;
using System.Text;

namespace MedImaging.Clinical.Review;

/// <summary>
/// <c>index.html</c>: one self-contained page (inline CSS and script, no network, opens from disk) with the batch's
/// totals and a row per case, failed cases first: status, modality, series, voxels and spacing of the working grid,
/// each structure's volume (mL) and mean intensity, the failure or the warnings, the wall time and the QC pictures
/// (thumbnails linking to the PNGs). Columns sort on a click (numbers numerically) and a filter box hides rows not
/// containing its text; <c>index.html#sort=KEY</c> (<c>-KEY</c> descending) and <c>#filter=TEXT</c> do the same
/// from the address, KEY being a column's <c>data-key</c> (case, status, modality, series, voxels, spacing,
/// volume:NAME, mean:NAME, notes, time; <c>volume</c>/<c>mean</c> alone = the first structure's). Every text from
/// the data is HTML-escaped.
/// </summary>
public static class BatchReviewPage
{
    /// <summary>The page of <paramref name="summary"/> with its <paramref name="cases"/> (<see cref="BatchReviewCase.Load"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> or <paramref name="cases"/> is null.</exception>
    public static string Render(BatchSummary summary, IReadOnlyList<BatchReviewCase> cases)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(cases);
        string[] structures = [.. cases.SelectMany(c => c.Report?.Structures ?? []).Select(s => s.Name).Distinct(StringComparer.Ordinal)];
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Batch review: ")
            .Append(E(summary.Root)).Append("</title>\n<style>").Append(BatchReviewAssets.Style).Append("</style></head>\n<body>\n");
        html.Append("<h1>Batch review</h1>\n<p class=\"root\">").Append(E(summary.Root)).Append("</p>\n");
        AppendTotals(html, summary);
        html.Append("<p><input id=\"filter\" type=\"search\" placeholder=\"Filter cases (any text in the row)\" size=\"40\"> <span id=\"shown\"></span></p>\n");
        html.Append("<table id=\"cases\"><thead><tr>");
        AppendHeader(html, "case", "Case");
        AppendHeader(html, "status", "Status");
        AppendHeader(html, "modality", "Modality");
        AppendHeader(html, "series", "Series");
        AppendHeader(html, "voxels", "Voxels");
        AppendHeader(html, "spacing", "Spacing (mm)");
        foreach (string name in structures)
        {
            AppendHeader(html, "volume:" + name, name + " volume (mL)");
            AppendHeader(html, "mean:" + name, name + " mean");
        }

        AppendHeader(html, "notes", "Failure / warnings");
        AppendHeader(html, "time", "Time (s)");
        html.Append("<th>QC</th></tr></thead>\n<tbody>\n");
        foreach (BatchReviewCase item in cases)
        {
            AppendRow(html, item, structures);
        }

        html.Append("</tbody></table>\n<script>").Append(BatchReviewAssets.Script).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void AppendTotals(StringBuilder html, BatchSummary summary)
    {
        int cancelled = summary.Cases.Count(c => c.Status == BatchCaseResult.Cancelled);
        double caseSeconds = summary.Cases.Sum(c => c.Ms) / 1000;
        html.Append("<p class=\"totals\" id=\"totals\">")
            .Append(Inv($"<b>{summary.Cases.Count}</b> cases: <span class=\"n-ok\">{summary.Ok} ok</span>, <span class=\"n-failed\">{summary.Failed} failed</span>, {summary.Skipped} skipped"))
            .Append(cancelled > 0 ? Inv($", {cancelled} cancelled") : "")
            .Append(Inv($"; batch status <b>{E(summary.Status)}</b>; wall time {summary.TotalMs / 1000:0.0} s, case time {caseSeconds:0.0} s"));
        if (summary.Merge is { } merge)
        {
            html.Append(Inv($"; merged from {merge.Shards.Count} of {merge.ShardCount} shards"));
            AppendList(html, "missing shards", [.. merge.MissingShards.Select(i => i.ToString(CultureInfo.InvariantCulture))]);
            AppendList(html, "missing cases", merge.MissingCases);
            AppendList(html, "cases in two shards", merge.DuplicatedCases);
        }

        AppendList(html, "ignored files", summary.Ignored);
        html.Append("</p>\n");
    }

    private static void AppendList(StringBuilder html, string what, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            html.Append("<br><span class=\"n-failed\">").Append(E(what)).Append(": ").Append(E(string.Join(", ", items))).Append("</span>");
        }
    }

    private static void AppendHeader(StringBuilder html, string key, string title) =>
        html.Append("<th data-key=\"").Append(E(key)).Append("\" title=\"sort\">").Append(E(title)).Append("</th>");

    private static void AppendRow(StringBuilder html, BatchReviewCase item, string[] structures)
    {
        BatchCaseResult result = item.Result;
        ClinicalReport? report = item.Report;
        html.Append("<tr class=\"status-").Append(E(result.Status)).Append("\" data-case=\"").Append(E(result.Name)).Append("\">");
        string name = report is null ? E(result.Name) : $"<a href=\"{Href(result.Report!)}\">{E(result.Name)}</a>";
        Cell(html, result.Name, name);
        Cell(html, StatusRank(result.Status), $"<span class=\"badge status-{E(result.Status)}\">{E(result.Status)}</span>");
        Cell(html, report?.Modality ?? "", E(report?.Modality ?? ""));
        Cell(html, item.Series, E(item.Series));
        IReadOnlyList<int> size = report?.GeometryAfter.Size ?? [];
        IReadOnlyList<double> spacing = report?.GeometryAfter.Spacing ?? [];
        Cell(html, size.Count == 3 ? Inv($"{(long)size[0] * size[1] * size[2]}") : "", E(string.Join("×", size.Select(v => v.ToString(CultureInfo.InvariantCulture)))));
        Cell(html, spacing.Count == 3 ? Inv($"{spacing[0] * spacing[1] * spacing[2]:R}") : "", E(string.Join("×", spacing.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))));
        foreach (string structure in structures)
        {
            StructureResult? s = report?.Structures.FirstOrDefault(r => r.Name == structure);
            Cell(html, s is null ? "" : Inv($"{s.VolumeMl:R}"), s is null ? "" : Inv($"{s.VolumeMl:0.0}"));
            string unit = report?.IntensityUnit == "HU" ? " HU" : "";
            Cell(html, s?.Mean is double m ? Inv($"{m:R}") : "", s?.Mean is double mean ? E(Inv($"{mean:0.0}") + unit) : "");
        }

        string[] notes = [.. item.Notes];
        html.Append("<td class=\"notes\" data-sort=\"").Append(notes.Length.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .AppendJoin("", notes.Select(n => $"<div>{E(n)}</div>")).Append("</td>");
        Cell(html, Inv($"{result.Ms:R}"), Inv($"{result.Ms / 1000:0.0}"));
        html.Append("<td class=\"qc\">");
        foreach (QcPicture qc in report?.Qc ?? [])
        {
            string href = Href(item.Folder + "/" + qc.File);
            html.Append("<a href=\"").Append(href).Append("\"><img loading=\"lazy\" src=\"").Append(href).Append("\" alt=\"")
                .Append(E(qc.Plane)).Append("\" title=\"").Append(E(qc.Description)).Append("\"></a>");
        }

        html.Append("</td></tr>\n");
    }

    private static void Cell(StringBuilder html, string sortValue, string content) =>
        html.Append("<td data-sort=\"").Append(E(sortValue)).Append("\">").Append(content).Append("</td>");

    /// <summary>Failed cases sort first, then cancelled, ok, skipped.</summary>
    private static string StatusRank(string status) => status switch
    {
        BatchCaseResult.Failed => "0 failed",
        BatchCaseResult.Cancelled => "1 cancelled",
        BatchCaseResult.Ok => "2 ok",
        _ => "3 " + status,
    };

    /// <summary>A relative link: each '/'-separated segment percent-encoded, then HTML-escaped.</summary>
    private static string Href(string relativePath) =>
        E(string.Join("/", relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
