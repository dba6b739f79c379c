using System.Text.Json;
using MedImaging.Cli.Demo;
using MedImaging.Clinical;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary><see cref="BatchRunner"/>: good and corrupt cases side by side, resume, cancellation.</summary>
[TestFixture]
public sealed class BatchRunnerTests : TempDirectoryTest
{
    private string Root => Path.Combine(TempDir, "root");

    private string Output => Path.Combine(TempDir, "out");

    /// <summary>root/a_file.nii.gz (CT file), root/b_dicom/ (CT series), root/c_truncated/ (a series whose 10th file is cut in its pixel data), root/d_bad.nii (zeros), root/notes.txt.</summary>
    private (string TruncatedFile, string BadFile) MakeRoot()
    {
        Directory.CreateDirectory(Root);
        (string image, _) = ClinicalTestData.WritePhantomFiles(Root);
        File.Move(image, Path.Combine(Root, "a_file.nii.gz"));
        File.Delete(Path.Combine(Root, "phantom_labels.nii.gz"));
        DicomSeriesWriter.Write(DemoPhantom.Create(), Path.Combine(Root, "b_dicom"));
        DicomSeriesWriteResult broken = DicomSeriesWriter.Write(DemoPhantom.Create(), Path.Combine(Root, "c_truncated"));
        string truncated = broken.Files[9];
        byte[] bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..^5000]);
        string bad = Path.Combine(Root, "d_bad.nii");
        File.WriteAllBytes(bad, new byte[100]);
        File.WriteAllText(Path.Combine(Root, "notes.txt"), "not an image");
        return (truncated, bad);
    }

    [Test]
    public void Run_CorruptCases_OthersSucceedAndErrorsNameTheFile()
    {
        (string truncated, string bad) = MakeRoot();

        BatchSummary summary = BatchRunner.Run(Root, Output, new BatchOptions { MaxParallelCases = 2 });

        Assert.That(summary.Cases.Select(c => (c.Name, c.Status)), Is.EqualTo(new[]
        {
            ("b_dicom", "ok"), ("c_truncated", "ok"), ("a_file", "ok"), ("d_bad", "failed"),
        }));
        Assert.That((summary.Ok, summary.Failed, summary.Skipped), Is.EqualTo((3, 1, 0)));
        Assert.That(summary.Ignored, Is.EqualTo(new[] { Path.Combine(Root, "notes.txt") }));
        // The cut slice is left out (its slice treated as missing) and named, in batch.json and the case's report.
        Assert.That(summary.Cases[1].SkippedFiles.Select(f => f.File), Is.EqualTo(new[] { truncated }));
        Assert.That(ClinicalReport.Parse(File.ReadAllText(Path.Combine(Output, "c_truncated", "report.json"))).Input.Skipped.Select(f => f.File), Is.EqualTo(new[] { truncated }));
        Assert.That(summary.Cases[3].Error!.File, Is.EqualTo(bad));
        Assert.That(summary.Cases[3].Error!.Problem, Does.Contain("d_bad.nii"));
        foreach (BatchCaseResult ok in summary.Cases.Where(c => c.Status == "ok"))
        {
            Assert.That(ClinicalReport.IsComplete(Path.Combine(Output, ok.Report!)), Is.True, ok.Name);
        }

        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, BatchRunner.SummaryFileName)));
        Assert.That(written.RootElement.GetProperty("failed").GetInt32(), Is.EqualTo(1));
        Assert.That(written.RootElement.GetProperty("cases")[1].GetProperty("skipped_files")[0].GetProperty("file").GetString(), Is.EqualTo(truncated));
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(Output, "a_file", "report.json"), Path.Combine(Output, "b_dicom", "report.json"),
            Path.Combine(Output, "c_truncated", "report.json"));
    }

    [Test]
    public void Run_Resume_SkipsCompleteReportsAndRerunsPartialOnes()
    {
        MakeRoot();
        BatchRunner.Run(Root, Output);
        File.WriteAllText(Path.Combine(Output, "b_dicom", "report.json"), "{\"schema_version\": \"1.0.0\", \"status\":");

        BatchSummary resumed = BatchRunner.Run(Root, Output, new BatchOptions { Resume = true });

        Assert.That(resumed.Cases.Select(c => (c.Name, c.Status)), Is.EqualTo(new[]
        {
            ("b_dicom", "ok"), ("c_truncated", "skipped"), ("a_file", "skipped"), ("d_bad", "failed"),
        }));
        Assert.That(ClinicalReport.IsComplete(Path.Combine(Output, "b_dicom", "report.json")), Is.True);
    }

    // A report cut while writing; one without its outputs list; one of another schema version; one whose image is gone.
    [TestCase("{\"schema_version\": \"1.0.0\", \"status\":")]
    [TestCase("{\"schema_version\": \"1.0.0\", \"status\": \"complete\"}")]
    [TestCase("{\"schema_version\": \"0.9.0\", \"status\": \"complete\", \"outputs\": [], \"qc\": []}")]
    [TestCase("{\"schema_version\": \"1.0.0\", \"status\": \"complete\", \"outputs\": [{\"file\": \"image.nii.gz\", \"kind\": \"image\", \"description\": \"\"}], \"qc\": []}")]
    public void IsComplete_PartialOrForeignReport_False(string text)
    {
        string path = Path.Combine(TempDir, "report.json");
        File.WriteAllText(path, text);

        Assert.That(ClinicalReport.IsComplete(path), Is.False);
    }

    [Test]
    public void Run_Cancelled_ThrowsAndSummaryMarksUnfinishedCases()
    {
        MakeRoot();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws(Is.InstanceOf<OperationCanceledException>(),
            () => BatchRunner.Run(Root, Output, execution: new ExecutionOptions { CancellationToken = cts.Token }));

        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, BatchRunner.SummaryFileName)));
        Assert.That(written.RootElement.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That(written.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("status").GetString()), Has.All.EqualTo("cancelled"));
    }

    [Test]
    public void Run_CancelledAfterTheFirstCase_FinishedCaseKeptOthersCancelled()
    {
        MakeRoot();
        using var cts = new CancellationTokenSource();
        var progress = new CancelOnReport(cts);

        Assert.Throws(Is.InstanceOf<OperationCanceledException>(), () => BatchRunner.Run(Root, Output,
            execution: new ExecutionOptions { CancellationToken = cts.Token, Progress = progress }));

        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, BatchRunner.SummaryFileName)));
        string?[] statuses = [.. written.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("status").GetString())];
        Assert.That(statuses.Count(x => x != "cancelled"), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(written.RootElement.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
    }

    [Test]
    public void Run_OutputInsideRoot_IsNotACase()
    {
        Directory.CreateDirectory(Root);
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(Root);
        File.Delete(labels);

        BatchSummary summary = BatchRunner.Run(Root, Path.Combine(Root, "results"));

        Assert.That(summary.Cases.Select(c => c.Input), Is.EqualTo(new[] { image }));
    }

    /// <summary>Cancels at the first report (a case finished), on the reporting thread.</summary>
    /// <summary>Cancels when the first case has finished (a running case's step reports do not count).</summary>
    private sealed class CancelOnReport(CancellationTokenSource cts) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value)
        {
            if (value.Operation == BatchRunner.CaseProgress)
            {
                cts.Cancel();
            }
        }
    }
}
