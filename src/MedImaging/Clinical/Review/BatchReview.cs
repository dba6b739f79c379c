namespace MedImaging.Clinical.Review;

/// <summary>
/// The files a person reviews a batch with, written beside <c>batch.json</c>: <c>index.html</c>
/// (<see cref="BatchReviewPage"/>) and <c>results.csv</c> (<see cref="BatchResultsCsv"/>), both from the summary and
/// each case's <c>report.json</c>.
/// </summary>
public static class BatchReview
{
    /// <summary>The review page's file name.</summary>
    public const string PageFileName = "index.html";

    /// <summary>The spreadsheet's file name.</summary>
    public const string CsvFileName = "results.csv";

    /// <summary>Writes <c>index.html</c> and <c>results.csv</c> into <paramref name="outputDirectory"/> (atomically).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> or <paramref name="outputDirectory"/> is null.</exception>
    /// <exception cref="IOException">The page or the spreadsheet cannot be written.</exception>
    public static void Write(string outputDirectory, BatchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(summary);
        IReadOnlyList<BatchReviewCase> cases = BatchReviewCase.Load(outputDirectory, summary);
        ClinicalPipeline.WriteAtomically(Path.Combine(outputDirectory, PageFileName), BatchReviewPage.Render(summary, cases));
        ClinicalPipeline.WriteAtomically(Path.Combine(outputDirectory, CsvFileName), BatchResultsCsv.Render(cases));
    }
}
