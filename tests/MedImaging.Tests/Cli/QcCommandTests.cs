using System.Text.Json.Nodes;
using MedImaging.IO;
using MedImaging.Resampling;
using MedImaging.Tests.Clinical.Qc;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>medimg qc</c>: files, JSON fields, exit codes, and the marker where radiological display puts it.</summary>
[TestFixture]
public sealed class QcCommandTests : TempDirectoryTest
{
    [Test]
    public void Qc_AllPlanes_ThreeFilesAndFrameInJson()
    {
        string input = WritePhantom("lps.nii.gz", Mat3.Identity);
        string output = Path.Combine(TempDir, "pic.png");

        (int code, JsonObject json, string stderr) = Run("qc", input, output, "--window", "1000,500");

        Assert.That(code, Is.Zero, stderr);
        JsonArray outputs = json["outputs"]!.AsArray();
        Assert.That(outputs.Select(o => o!["plane"]!.GetValue<string>()), Is.EqualTo(new[] { "axial", "coronal", "sagittal" }));
        foreach (JsonNode? o in outputs)
        {
            string file = o!["file"]!.GetValue<string>();
            Assert.That(Path.GetFileName(file), Is.EqualTo($"pic_{o["plane"]!.GetValue<string>()}.png"));
            Assert.That(File.ReadAllBytes(file)[..8], Is.EqualTo(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }));
            // The smallest spacing (1.5 mm) would show the 70 × 1.5 = 105 mm extent on 70 pixels; the default --min-size
            // 512 shows it on 512: 105 / 512 mm per pixel.
            Assert.That(o["pixel_spacing"]!.GetValue<double>(), Is.EqualTo(70 * 1.5 / 512));
            // The grid centre is the phantom centre; each plane sits on its nearest slice centre, ≤ half a voxel (0.75 mm) away along its normal.
            double[] point = [.. o["point"]!.AsArray().Select(v => v!.GetValue<double>())];
            Assert.That((Vec3.FromSpan(point) - QcPhantoms.Centre).Length, Is.LessThanOrEqualTo(0.75 + 1e-9));
            Assert.That(o["window"]!.AsArray().Select(v => v!.GetValue<double>()), Is.EqualTo(new[] { 1000.0, 500.0 }));
        }
    }

    [TestCase("lps.nii.gz")]
    [TestCase("ras.nii.gz")]
    public void Qc_AxialOfAnyOrientation_LeftMarkerOnImageRight(string name)
    {
        Mat3 direction = name.StartsWith("ras", StringComparison.Ordinal) ? Mat3.Diagonal(new Vec3(-1, -1, 1)) : Mat3.Identity;
        string input = WritePhantom(name, direction);
        string output = Path.Combine(TempDir, "axial.png");

        (int code, JsonObject json, string stderr) = Run("qc", input, output, "--plane", "axial", "--window", "1000,500", "--no-annotations", "--min-size", "1");
        Assert.That(code, Is.Zero, stderr);
        PngReference.Decoded png = PngReference.Decode([output])[0];

        // 70 voxels of 1.5 mm shown voxel for voxel: the centre is at pixel 34.5; marker 200 lies 30 mm toward the
        // patient's left (+x): 20 pixels right of it, at 54.5, inside its 8 mm ball (pixels 54 and 55 both in the core).
        Assert.That((png.Width, png.Height, json["outputs"]![0]!["width"]!.GetValue<int>()), Is.EqualTo((70, 70, 70)));
        int i = 3 * (34 * png.Width + 55);
        Assert.That(png.Raw[i..(i + 3)], Is.EqualTo(new byte[] { 51, 51, 51 }), "255 · 200 / 1000 = 51");
    }

    [TestCase("--plane", "oblique", 2)]
    [TestCase("--window", "0,40", 2)]
    [TestCase("--window", "400", 2)]
    [TestCase("--overlay", "outline", 2)]
    [TestCase("--point", "0,0,900", 1)]
    public void Qc_BadArguments_ExitCodes(string option, string value, int expected)
    {
        string input = WritePhantom("lps.nii.gz", Mat3.Identity);

        (int code, _, string stderr) = Run("qc", input, Path.Combine(TempDir, "x.png"), option, value);

        Assert.That(code, Is.EqualTo(expected));
        Assert.That(stderr, Does.StartWith(expected == 1 ? "error:" : "usage error:"));
    }

    [Test]
    public void Qc_FractionalFloatLabel_ExitOneNamingFileVoxelAndValue()
    {
        string input = WritePhantom("lps.nii.gz", Mat3.Identity);
        var labels = new Volume<float>(ImageFile.Read(input).Geometry);
        labels[30, 31, 10] = 2.0f;  // an integral float is a label
        labels[35, 31, 10] = 0.75f; // would have been truncated to background
        string labelPath = Path.Combine(TempDir, "labels.nii");
        ImageFile.Write(labels, labelPath);

        (int code, _, string stderr) = Run("qc", input, Path.Combine(TempDir, "x.png"), "--labels", labelPath);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error:").And.Contain(labelPath).And.Contain("voxel (35, 31, 10) holds 0.75,"));
    }

    private string WritePhantom(string name, Mat3 direction)
    {
        Volume<short> volume = Orientation.Orient(QcPhantoms.MarkerVolume(Mat3.Identity, new Vec3(1.5, 1.5, 3.0), new Size3(70, 70, 35)),
            OrientationCode.FromDirection(direction).Code);
        string path = Path.Combine(TempDir, name);
        ImageFile.Write(volume, path);
        return path;
    }

    private static (int Code, JsonObject Json, string Stderr) Run(params string[] args) => CliJson.Run(args);
}
