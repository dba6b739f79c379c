using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.Clinical;
using MedImaging.Tests.Clinical;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>pipeline</c>, <c>batch</c> and <c>demo</c> through <see cref="CliApp.Run"/>: JSON fields, files and exit codes.</summary>
[TestFixture]
public sealed class ClinicalCommandsTests : TempDirectoryTest
{
    [Test]
    public void Demo_WritesDicomSeriesRunsPipeline_EveryCheckPasses()
    {
        (int code, JsonObject json, string stderr) = Run("demo", TempDir, "--quiet");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(Directory.GetFiles(Path.Combine(TempDir, "input", "dicom"), "*.dcm"), Has.Length.EqualTo(44), "one file per 2.5 mm slice");
        JsonArray checks = json["checks"]!.AsArray();
        Assert.That(checks.Select(c => c!["name"]!.GetValue<string>()), Does.Contain("body_volume_ml").And.Contain("lesion_volume_ml").And.Contain("lesion_core_mean_hu"));
        Assert.That(checks.Where(c => !c!["pass"]!.GetValue<bool>()).Select(c => c!.ToJsonString()), Is.Empty);
        Assert.That(checks.Select(c => c!["reason"]!.GetValue<string>()), Has.All.Not.Empty);
        Assert.That(json["report"]!.GetValue<string>(), Is.EqualTo(Path.Combine(TempDir, "report.json")));
        Assert.That(json["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "read", "resample", "body_mask", "statistics", "write_images", "qc_pictures" }));
        Assert.That(stderr, Is.Empty, "--quiet: no progress lines");
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(TempDir, "report.json"));
    }

    [Test]
    public void Demo_NoOutdir_WritesIntoDefaultFolderOfTheCurrentDirectory()
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = TempDir;
        try
        {
            (int code, JsonObject json, string stderr) = Run("demo");

            Assert.That(code, Is.Zero, stderr);
            Assert.That(json["passed"]!.GetValue<bool>(), Is.True);
            Assert.That(File.Exists(Path.Combine(TempDir, "medimg-demo", "report.json")), Is.True);
            Assert.That(stderr, Does.Contain("pipeline: resample"), "progress on stderr without --quiet");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Test]
    public void Pipeline_FileWithConfigAndLabels_StepsStructuresAndReport()
    {
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(TempDir);
        string config = Path.Combine(TempDir, "cfg.json");
        File.WriteAllText(config, """{ "ct": { "bone_mask": true, "spacing": [2, 2, 2] }, "label_names": { "1": "lesion" } }""");
        string output = Path.Combine(TempDir, "out");

        (int code, JsonObject json, string stderr) = Run("pipeline", image, output, "--config", config, "--labels", labels, "--quiet");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), Does.Contain("bone_mask"));
        Assert.That(json["spacing"]!.AsArray().Select(v => v!.GetValue<double>()), Is.EqualTo(new[] { 2.0, 2, 2 }));
        Assert.That(json["size"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { 56, 56, 55 }), "112 × 112 × 110 mm at 2 mm");
        Assert.That(json["structures"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "body", "bone", "lesion", "label 2" }));
        ClinicalReport report = ClinicalReport.Parse(File.ReadAllText(json["report"]!.GetValue<string>()));
        Assert.That(report.Steps.Sum(s => s.Ms), Is.LessThanOrEqualTo(report.TotalMs), "steps are timed inside the total");
        Assert.That(json["ms"]!.GetValue<double>(), Is.EqualTo(report.TotalMs));
    }

    [TestCase("""{ "ct": { "spacing": "fine" } }""")]
    [TestCase("""{ "ct": """)]
    public void Pipeline_BadConfig_ExitOneWithOneErrorLineNamingTheFile(string text)
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        string config = Path.Combine(TempDir, "cfg.json");
        File.WriteAllText(config, text);

        (int code, _, string stderr) = Run("pipeline", image, Path.Combine(TempDir, "out"), "--config", config);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1).And.All.StartWith("error: ").And.All.Contain("cfg.json"));
    }

    [Test]
    public void Batch_OneCorruptCase_ExitZeroWithCountsAndTheFileNamed()
    {
        string root = Path.Combine(TempDir, "root");
        Directory.CreateDirectory(root);
        (_, string labels) = ClinicalTestData.WritePhantomFiles(root);
        File.Delete(labels);
        string bad = Path.Combine(root, "bad.nii");
        File.WriteAllBytes(bad, new byte[100]);

        (int code, JsonObject json, string stderr) = Run("batch", root, Path.Combine(TempDir, "out"), "--parallel", "2");

        Assert.That(code, Is.Zero, stderr);
        Assert.That((json["cases"]!.GetValue<int>(), json["ok"]!.GetValue<int>(), json["failed"]!.GetValue<int>()), Is.EqualTo((2, 1, 1)));
        Assert.That(json["errors"]![0]!["file"]!.GetValue<string>(), Is.EqualTo(bad));
        Assert.That(stderr, Does.Contain("warning: case 'bad' failed"));
        Assert.That(File.Exists(Path.Combine(TempDir, "out", "batch.json")), Is.True);

        (int again, JsonObject resumed, _) = Run("batch", root, Path.Combine(TempDir, "out"), "--resume");

        Assert.That(again, Is.Zero);
        Assert.That((resumed["ok"]!.GetValue<int>(), resumed["skipped"]!.GetValue<int>(), resumed["failed"]!.GetValue<int>()), Is.EqualTo((0, 1, 1)));
    }

    [Test]
    public void PipelineAndBatch_NoQc_StepAbsentNoPicturesAndQcEmpty()
    {
        string root = Path.Combine(TempDir, "root");
        Directory.CreateDirectory(root);
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(root);
        File.Delete(labels);
        string config = Path.Combine(TempDir, "cfg.json");
        File.WriteAllText(config, """{ "ct": { "resample": false }, "write_image": false }"""); // fast: the input grid, no image written
        string output = Path.Combine(TempDir, "out"), defaults = Path.Combine(TempDir, "defaults");

        (int code, JsonObject json, string stderr) = Run("pipeline", image, output, "--config", config, "--no-qc", "--quiet");
        (int codeWith, JsonObject with, _) = Run("pipeline", image, defaults, "--config", config, "--quiet");

        Assert.That((code, codeWith), Is.EqualTo((0, 0)), stderr);
        Assert.That(json["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "read", "body_mask", "statistics", "write_images" }));
        Assert.That(with["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Last(), Is.EqualTo("qc_pictures"), "the default keeps the QC step");
        Assert.That(Directory.GetFiles(output, "qc_*.png"), Is.Empty);
        Assert.That(Directory.GetFiles(defaults, "qc_*.png").Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "qc_axial.png", "qc_coronal.png", "qc_sagittal.png" }));
        ClinicalReport report = ClinicalReport.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.That(report.Qc, Is.Empty);
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(output, "report.json"));

        (int batchCode, JsonObject batch, string batchErr) = Run("batch", root, Path.Combine(TempDir, "batch"), "--config", config, "--no-qc");

        Assert.That((batchCode, batch["ok"]!.GetValue<int>()), Is.EqualTo((0, 1)), batchErr);
        Assert.That(Directory.GetFiles(Path.Combine(TempDir, "batch", "phantom"), "qc_*.png"), Is.Empty);
    }

    [TestCase("batch", "a", "b", "--parallel", "0")]
    [TestCase("pipeline", "a")]
    [TestCase("batch", "a")]
    public void UsageError_ExitTwo(params string[] args)
    {
        (int code, _, string stderr) = Run(args);

        Assert.That(code, Is.EqualTo(2), stderr);
    }

    private static (int Code, JsonObject Json, string Stderr) Run(params string[] args) => CliJson.Run(args);
}
