using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>window</c> and <c>threshold</c> through <see cref="CliApp.Run"/>: JSON fields, files written, exit codes.</summary>
public sealed class IntensityCommandsTests : TempDirectoryTest
{
    private static readonly VolumeGeometry Grid = new(new Size3(4, 1, 1), new Vec3(0.5, 0.75, 2), new Vec3(10, -20, 30));

    [Test]
    public void Threshold_SmallImage_WritesMaskAndCountsForeground()
    {
        string input = WriteInput("ct.nii.gz", -1000, -100, 200, 201);
        string output = Path.Combine(TempDir, "mask.mha");

        JsonObject json = RunOk("threshold", input, output, "--lower", "-100", "--upper", "200", "--inside", "7");

        Assert.That(json["foreground"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(json["pixel_type"]!.GetValue<string>(), Is.EqualTo("uint8"));
        Assert.That(json["spacing"]!.AsArray().Select(v => v!.GetValue<double>()), Is.EqualTo(new[] { 0.5, 0.75, 2 }));
        Assert.That(json["ms"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(ImageFile.Read(output).As<byte>().Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 7, 7, 0 }));
    }

    [Test]
    public void Window_SmallImage_KeepsTypeAndAppliesItkFormula()
    {
        string input = WriteInput("ct.nrrd", -101, -20, 299, 301);
        string output = Path.Combine(TempDir, "windowed.nii");

        JsonObject json = RunOk("window", input, output, "--min", "-100", "--max", "300", "--threads", "1");

        Assert.That(json["pixel_type"]!.GetValue<string>(), Is.EqualTo("int16"));
        // ITK's double arithmetic, worked out by hand in IntensityMappingTests: −20 → 50, 299 → 254.
        Assert.That(ImageFile.Read(output).As<short>().Voxels.ToArray(), Is.EqualTo(new short[] { 0, 50, 254, 255 }));
    }

    [Test]
    public void Threshold_CtPhantom_ForegroundMatchesItkAndNumpy()
    {
        // itkref info of our mask printed sum 8434580 (2026-11-26), numpy counts 8 434 580 voxels in [−100, 200].
        string ct = TestPaths.RequireGenerated("ct_phantom.nii.gz");
        JsonObject json = RunOk("threshold", ct, Path.Combine(TempDir, "mask.nii.gz"), "--lower", "-100", "--upper", "200");
        Assert.That(json["foreground"]!.GetValue<int>(), Is.EqualTo(8434580));
    }

    [TestCase("window", "--max", "5")]
    [TestCase("window", "--min", "5", "--max", "5")]
    [TestCase("threshold", "--lower", "5", "--upper", "1")]
    [TestCase("threshold", "--lower", "0", "--upper", "1", "--inside", "300")]
    public void BadOptions_ExitTwo(string verb, params string[] options)
    {
        string input = WriteInput("in.nii", 1, 2, 3, 4);
        (int code, _, string stderr) = Run([verb, input, Path.Combine(TempDir, "out.nii"), .. options]);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("usage error"));
    }

    [Test]
    public void MissingInput_ExitOneWithOneErrorLine()
    {
        (int code, string stdout, string stderr) = Run("threshold", Path.Combine(TempDir, "none.nii"), Path.Combine(TempDir, "o.nii"), "--lower", "0", "--upper", "1");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.All.StartsWith("error:").And.All.Contains("none.nii"));
    }

    private string WriteInput(string name, params short[] values)
    {
        string path = Path.Combine(TempDir, name);
        ImageFile.Write(new Volume<short>(Grid, values), path);
        return path;
    }

    private static JsonObject RunOk(params string[] args)
    {
        (int code, string stdout, string stderr) = Run(args);
        Assert.That(code, Is.Zero, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        return (CliApp.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }
}
