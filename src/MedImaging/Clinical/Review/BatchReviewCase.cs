namespace MedImaging.Clinical.Review;

/// <summary>One case of the review: its batch result and, when it has one, its report (read from the output folder).</summary>
/// <param name="Result">The case's entry in the batch summary.</param>
/// <param name="Report">Its report; null when the case failed, was cancelled or its report cannot be read.</param>
/// <param name="ReportProblem">Why a listed report could not be read; null otherwise.</param>
public sealed record BatchReviewCase(BatchCaseResult Result, ClinicalReport? Report, string? ReportProblem)
{
    /// <summary>The cases of <paramref name="summary"/>, failed ones first (then the batch order).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static IReadOnlyList<BatchReviewCase> Load(string outputDirectory, BatchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return [.. summary.Cases.OrderBy(c => c.Status == BatchCaseResult.Failed ? 0 : 1).Select(c => Of(outputDirectory, c))];
    }

    private static BatchReviewCase Of(string outputDirectory, BatchCaseResult result)
    {
        if (result.Report is null)
        {
            return new BatchReviewCase(result, null, null);
        }

        string path = Path.Combine(outputDirectory, result.Report);
        try
        {
            return new BatchReviewCase(result, ClinicalReport.Parse(File.ReadAllText(path), path), null);
        }
        catch (Exception ex) when (ex is MedImagingException or IOException or UnauthorizedAccessException)
        {
            return new BatchReviewCase(result, null, ex.Message);
        }
    }

    /// <summary>The case's folder relative to the batch output folder ('/'-separated), where its report's files are.</summary>
    public string Folder => Result.Report is string report ? (Path.GetDirectoryName(report) ?? "").Replace('\\', '/') : Result.Name;

    /// <summary>The series shown for the case: description and number for DICOM, else the input's file name.</summary>
    public string Series
    {
        get
        {
            ReportInput? input = Report?.Input;
            if (input is null)
            {
                return "";
            }

            string number = input.SeriesNumber is int n ? "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            string text = string.Join(" ", new[] { input.SeriesDescription ?? "", number }.Where(t => t.Length > 0));
            return text.Length > 0 ? text : Path.GetFileName(input.Path);
        }
    }

    /// <summary>Everything a reader should know: the failure (problem and file), an unreadable report, the report's warnings.</summary>
    public IEnumerable<string> Notes
    {
        get
        {
            if (Result.Error is { } error)
            {
                yield return $"{error.Type}: {error.Problem} (file: {error.File})";
            }

            if (ReportProblem is not null)
            {
                yield return "report unreadable: " + ReportProblem;
            }

            foreach (string warning in Report?.Warnings ?? [])
            {
                yield return warning;
            }
        }
    }
}
