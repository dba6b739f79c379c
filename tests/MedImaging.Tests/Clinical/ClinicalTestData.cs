using System.Text.Json;
using MedImaging.Cli.Demo;
using MedImaging.Clinical;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>Inputs and outside checkers shared by the clinical tests.</summary>
internal static class ClinicalTestData
{
    /// <summary>The published report schema.</summary>
    public static string SchemaPath => Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json");

    /// <summary>Writes the demo phantom CT as NIfTI and its labels; returns both paths.</summary>
    public static (string Image, string Labels) WritePhantomFiles(string folder)
    {
        string image = Path.Combine(folder, "phantom.nii.gz"), labels = Path.Combine(folder, "phantom_labels.nii.gz");
        ImageFile.Write(DemoPhantom.Create(), image);
        ImageFile.Write(DemoPhantom.Labels(), labels);
        return (image, labels);
    }

    /// <summary>Validates JSON files against <paramref name="schema"/> with python-jsonschema (skips when it is missing); fails listing every error.</summary>
    public static void AssertValid(string schema, params string[] files)
    {
        string python = RequireJsonSchemaPython();
        string script = Path.Combine(TestPaths.RepositoryRoot, "tests", "MedImaging.Tests", "Clinical", "Scripts", "validate_report.py");
        (int code, string stdout, string stderr) = ExternalTool.Run(python, [script, schema, .. files]);
        Assert.That(code, Is.Zero, stdout + stderr);
    }

    /// <summary>nibabel/numpy statistics per label of <paramref name="labels"/> over <paramref name="image"/> (Scripts/label_stats.py).</summary>
    public static JsonDocument NibabelLabelStatistics(string image, string labels)
    {
        string python = ExternalTool.RequireNibabelPython();
        string script = Path.Combine(TestPaths.RepositoryRoot, "tests", "MedImaging.Tests", "Clinical", "Scripts", "label_stats.py");
        (int code, string stdout, string stderr) = ExternalTool.Run(python, [script, image, labels]);
        Assert.That(code, Is.Zero, stderr);
        return JsonDocument.Parse(stdout);
    }

    private static string RequireJsonSchemaPython()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || ExternalTool.Run(python, ["-c", "import jsonschema; jsonschema.Draft202012Validator"]).ExitCode != 0)
        {
            Assert.Ignore($"{python} with jsonschema ≥ 4 (Debian python3-jsonschema) is not present");
        }

        return python;
    }
}
