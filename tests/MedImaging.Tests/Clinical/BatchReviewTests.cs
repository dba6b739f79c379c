using System.Globalization;
using System.Text.RegularExpressions;
using MedImaging.Clinical;
using MedImaging.Clinical.Review;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>
/// The review page and results.csv of a real batch (two phantom CTs and a broken file whose name needs escaping):
/// their content, RFC 4180 and the invariant culture, and the page in headless Chromium (rows, the failure, sorting, a screenshot).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class BatchReviewTests
{
    private string _folder = "";
    private string _output = "";
    private BatchSummary _summary = null!;

    [OneTimeSetUp]
    public void RunBatch()
    {
        _folder = TestPaths.NewTempDirectory();
        string root = BatchTestRoot.Make(Path.Combine(_folder, "root"), 2);
        _output = Path.Combine(_folder, "out");
        CultureInfo saved = CultureInfo.CurrentCulture;
        // A culture with a decimal comma (the build is globalization-invariant, so one is made): it must not reach the files.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = comma;
        try
        {
            _summary = BatchRunner.Run(root, _output);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    private string Page => File.ReadAllText(Path.Combine(_output, BatchReview.PageFileName));

    [Test]
    public void Page_SelfContained_EscapedAndFailedFirst()
    {
        string page = Page;
        Assert.That(page, Does.Not.Match("(src|href)=\"(https?:)?//"), "no network resource");
        Assert.That(page, Does.Not.Contain("<link"));
        Assert.That(page, Does.Not.Contain("<b>&\"broken"), "the broken file's name is data: escaped");
        Assert.That(page, Does.Contain("z&lt;b&gt;&amp;&quot;broken&#39;"));
        string[] rows = [.. RowCases(page)];
        Assert.That(rows, Is.EqualTo(new[] { "z&lt;b&gt;&amp;&quot;broken&#39;", "case01", "case02" }), "failed cases first");
        Assert.That(page, Does.Contain("case01/qc_axial.png"));
        Assert.That(page, Does.Contain("<b>3</b> cases"));
    }

    [Test]
    public void Csv_OneRowPerStructure_Rfc4180_Invariant()
    {
        string csv = File.ReadAllText(Path.Combine(_output, BatchReview.CsvFileName));
        Assert.That(csv, Does.EndWith("\r\n"));
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0].Split(','), Is.EqualTo(BatchResultsCsv.Columns));
        int structures = _summary.Cases.Where(c => c.Report is not null)
            .Sum(c => ClinicalReport.Parse(File.ReadAllText(Path.Combine(_output, c.Report!))).Structures.Count);
        Assert.That(lines, Has.Length.EqualTo(1 + structures + 1), "a row per structure per case, one for the failed case");
        string[] failed = [.. ParseCsvLine(lines[1])];
        Assert.That(failed, Has.Length.EqualTo(BatchResultsCsv.Columns.Count));
        Assert.That(failed[0], Is.EqualTo("z<b>&\"broken'"), "quotes doubled inside a quoted field, read back exactly");
        Assert.That(failed[1], Is.EqualTo("failed"));
        string[] ok = [.. ParseCsvLine(lines[2])];
        double volume = double.Parse(ok[Array.IndexOf([.. BatchResultsCsv.Columns], "volume_ml")], CultureInfo.InvariantCulture);
        ClinicalReport report = ClinicalReport.Parse(File.ReadAllText(Path.Combine(_output, "case01", "report.json")));
        Assert.That(volume, Is.EqualTo(report.Structures[0].VolumeMl), "round-trip precision, '.' decimal point");
    }

    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("two\nlines", "\"two\nlines\"")]
    [TestCase("plain", "plain")]
    public void CsvField_QuotedPerRfc4180(string value, string expected) => Assert.That(BatchResultsCsv.Field(value), Is.EqualTo(expected));

    [Test]
    public void Chromium_ShowsEveryCase_TheFailure_SortsByColumn_AndScreenshot()
    {
        string browser = Browser.Require();
        string profile = Path.Combine(_folder, "chromium-profile");
        string url = new Uri(Path.Combine(_output, BatchReview.PageFileName)).AbsoluteUri;

        string dom = Browser.DumpDom(browser, url, profile);
        Assert.That(RowCases(dom), Is.EqualTo(new[] { "z&lt;b&gt;&amp;\"broken'", "case01", "case02" }).Or.EqualTo(new[] { "z&lt;b&gt;&amp;&quot;broken'", "case01", "case02" }));
        Assert.That(dom, Does.Contain("3 of 3 shown"), "the script ran");
        Assert.That(dom, Does.Contain("ImageFormatException"));
        // A text node serialises with &, < and > escaped only.
        string file = Path.Combine(_summary.Root, BatchTestRoot.BrokenFile).Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        Assert.That(dom, Does.Contain("(file: " + file + ")"));

        // Sorting by the case column, descending, from the address: the script reorders the rows.
        string sorted = Browser.DumpDom(browser, url + "#sort=-case", profile);
        Assert.That(sorted, Does.Contain("data-sorted=\"-case\""));
        Assert.That(RowCases(sorted).First(), Does.StartWith("z&lt;"));
        string byTime = Browser.DumpDom(browser, url + "#sort=time", profile);
        double[] times = [.. TimeCells(byTime)];
        Assert.That(times, Is.Ordered.Ascending.And.Length.EqualTo(3));
        string byVolume = Browser.DumpDom(browser, url + "#sort=-volume", profile);
        Assert.That(RowCases(byVolume).Last(), Does.StartWith("z&lt;"), "a case without a volume sorts last");
        string filtered = Browser.DumpDom(browser, url + "#filter=case02", profile);
        Assert.That(filtered, Does.Contain("1 of 3 shown"));

        string png = Path.Combine(_folder, "batch-review.png");
        Browser.Screenshot(browser, url, png, 1600, 500, profile);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(10_000), "a screenshot of a rendered page, not a blank one");
        string artifacts = Path.Combine(TestPaths.RepositoryRoot, "TestResults", "artifacts");
        Directory.CreateDirectory(artifacts);
        File.Copy(png, Path.Combine(artifacts, "batch-review.png"), overwrite: true);
        TestContext.AddTestAttachment(png, "the batch review page in headless Chromium");
    }

    private static IEnumerable<string> RowCases(string html) =>
        RowRegex().Matches(html[html.IndexOf("<tbody", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value);

    private static IEnumerable<double> TimeCells(string html) =>
        TimeRegex().Matches(html).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private static IEnumerable<string> ParseCsvLine(string line)
    {
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                yield return field.ToString();
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        yield return field.ToString();
    }

    [GeneratedRegex("<tr class=\"status-[a-z]+\" data-case=\"([^\"]*)\"")]
    private static partial Regex RowRegex();

    // The time cell: the one before the QC cell.
    [GeneratedRegex("<td data-sort=\"([0-9.Ee+-]+)\">[0-9.]+</td><td class=\"qc\">")]
    private static partial Regex TimeRegex();
}
