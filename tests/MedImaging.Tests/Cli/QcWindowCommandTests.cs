using System.Text.Json.Nodes;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary>
/// The default window of <c>medimg qc</c> against the values the files carry, read with pydicom (not with our reader),
/// and the named presets against Radiopaedia's table (docs/CLI.md).
/// </summary>
[TestFixture]
public sealed class QcWindowCommandTests : TempDirectoryTest
{
    private static double[] Window(JsonObject json) => [.. json["outputs"]![0]!["window"]!.AsArray().Select(v => v!.GetValue<double>())];

    [Test]
    public void HeadCt_DefaultIsTheFilesOwnWindow()
    {
        string folder = TestPaths.RequireShared("corpus/ct-tilt-ge-philips/In/GE");

        (int code, JsonObject json, string stderr) = CliJson.Run("qc", folder, Path.Combine(TempDir, "ct.png"), "--quiet");

        // pydicom 2.3: WindowCenter is 35 in all 28 files; WindowWidth differs between files, median 92.5
        // (python3 -c "import pydicom,glob,statistics; ...median(float(pydicom.dcmread(f).WindowWidth) ...)").
        Assert.That(code, Is.Zero, stderr);
        Assert.That(Window(json), Is.EqualTo(new[] { 92.5, 35 }));
        Assert.That(json["window_source"]!.GetValue<string>(), Does.StartWith("dicom WindowCenter/WindowWidth"));
    }

    [Test]
    public void Mr_DefaultIsTheMedianOfThePerSliceWindows_AndTheSmallPictureIsUpscaled()
    {
        string folder = TestPaths.RequireShared("corpus/mr-siemens-decubitus/In");

        (int code, JsonObject json, string stderr) = CliJson.Run("qc", folder, Path.Combine(TempDir, "mr.png"), "--recursive", "--quiet");

        // pydicom 2.3 over the 35 files: centres 4 … 706 (edge slices are windowed on noise), median 680; widths median 1357.
        Assert.That(code, Is.Zero, stderr);
        Assert.That(Window(json), Is.EqualTo(new[] { 1357.0, 680 }));
        Assert.That(json["outputs"]!.AsArray().Max(o => Math.Max(o!["width"]!.GetValue<int>(), o["height"]!.GetValue<int>())), Is.GreaterThanOrEqualTo(512),
            "the 256-voxel image's largest extent shown on at least 512 pixels");
    }

    [Test]
    public void CtWithoutDicomHeader_AbdomenPreset_AndNamedPresetsOverride()
    {
        string phantom = TestPaths.RequireGenerated("ct_phantom.nii.gz");

        (int code, JsonObject json, string stderr) = CliJson.Run("qc", phantom, Path.Combine(TempDir, "a.png"), "--plane", "axial");
        (int brainCode, JsonObject brain, _) = CliJson.Run("qc", phantom, Path.Combine(TempDir, "b.png"), "--plane", "axial", "--window", "brain");
        (int lungCode, JsonObject lung, _) = CliJson.Run("qc", phantom, Path.Combine(TempDir, "l.png"), "--plane", "axial", "--window", "LUNG");

        // Radiopaedia, Windowing (CT): abdomen soft tissue W400 L50, brain W80 L40, lungs W1500 L-600.
        Assert.That(code + brainCode + lungCode, Is.Zero, stderr);
        Assert.That(Window(json), Is.EqualTo(new[] { 400.0, 50 }));
        Assert.That(json["window_source"]!.GetValue<string>(), Does.Contain("abdomen"));
        Assert.That(Window(brain), Is.EqualTo(new[] { 80.0, 40 }));
        Assert.That(Window(lung), Is.EqualTo(new[] { 1500.0, -600 }));
    }

    [Test]
    public void UnknownPreset_UsageErrorNamingThePresets()
    {
        (int code, _, string stderr) = CliJson.Run("qc", "x.nii", Path.Combine(TempDir, "a.png"), "--window", "kidney");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("brain, subdural, stroke, abdomen, liver, lung, mediastinum, bone"));
    }
}
