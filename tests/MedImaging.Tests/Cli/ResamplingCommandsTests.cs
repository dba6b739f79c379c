using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>resample</c> and <c>orient</c> through <see cref="CliApp.Run"/>: JSON fields and exit codes.</summary>
[TestFixture]
public sealed class ResamplingCommandsTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestPaths.NewTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string WriteRamp()
    {
        // 4×2×2 voxels of 1 mm holding 10·x + 100·z: linear resampling to 0.5 mm along x gives the ramp's values.
        var v = new Volume<short>(new VolumeGeometry(new Size3(4, 2, 2), Vec3.One, new Vec3(5, 6, 7)));
        for (int z = 0; z < 2; z++)
        {
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 4; x++)
                {
                    v[x, y, z] = (short)(10 * x + 100 * z);
                }
            }
        }

        string path = Path.Combine(_dir, "ramp.nii");
        ImageFile.Write(v, path);
        return path;
    }

    private static (int Code, JsonObject? Json, string Error) Medimg(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        string text = stdout.ToString();
        return (code, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text)!.AsObject(), stderr.ToString());
    }

    [Test]
    public void Resample_Spacing_GeometryAndStatisticsOfTheRamp()
    {
        string output = Path.Combine(_dir, "out.nii");
        (int code, JsonObject? json, string error) = Medimg("resample", WriteRamp(), output, "--spacing", "0.5,1,1", "--default", "-7");
        Assert.That(code, Is.Zero, error);

        // size round(4·1/0.5) = 8; x positions 0, 0.5, …, 3.5: the last is at index n − 0.5, outside ITK's
        // [−0.5, n − 0.5), so it takes the default −7.
        Assert.That(json!["size"]!.AsArray().Select(n => n!.GetValue<int>()), Is.EqualTo(new[] { 8, 2, 2 }));
        Assert.That(json["spacing"]!.AsArray().Select(n => n!.GetValue<double>()), Is.EqualTo(new[] { 0.5, 1, 1 }));
        Assert.That(json["origin"]!.AsArray().Select(n => n!.GetValue<double>()), Is.EqualTo(new double[] { 5, 6, 7 }));
        Assert.That(json["min"]!.GetValue<double>(), Is.EqualTo(-7));
        Assert.That(json["max"]!.GetValue<double>(), Is.EqualTo(130));

        // Mean: rows 0, 5, …, 30, −7 (mean 12.25) and the same + 100 except the default (mean 99.75).
        Assert.That(json["mean"]!.GetValue<double>(), Is.EqualTo(56).Within(1e-12));
        Volume<short> written = ImageFile.Read(output).As<short>();
        Assert.That(written[3, 0, 1], Is.EqualTo(115));
    }

    [Test]
    public void Resample_ReferenceAndFloat32_TakesReferenceGrid()
    {
        var reference = new Volume<byte>(new VolumeGeometry(new Size3(3, 1, 1), new Vec3(1.5, 1, 1), new Vec3(4, 6, 7)));
        string referencePath = Path.Combine(_dir, "ref.mha");
        ImageFile.Write(reference, referencePath);
        string output = Path.Combine(_dir, "out.mha");
        (int code, JsonObject? json, string error) = Medimg("resample", WriteRamp(), output, "--reference", referencePath,
            "--interpolator", "nearest", "--default", "-3", "--pixel-type", "float32");
        Assert.That(code, Is.Zero, error);
        Assert.That(json!["pixel_type"]!.GetValue<string>(), Is.EqualTo("float32"));

        // x = 4, 5.5, 7 mm → input index −1 (outside: −3), 0.5 (tie rounds up: 10), 2 (20).
        Volume<float> written = ImageFile.Read(output).As<float>();
        Assert.That(written.Voxels.ToArray(), Is.EqualTo(new float[] { -3, 10, 20 }));
    }

    [Test]
    public void Resample_SincAndLabelGaussianNames_SamplesKeptAndLabelsNotMixed()
    {
        string input = WriteRamp();
        string sincPath = Path.Combine(_dir, "sinc.nii"), labelPath = Path.Combine(_dir, "label.nii");
        (int code, JsonObject? json, string error) = Medimg("resample", input, sincPath, "--spacing", "0.5,1,1", "--interpolator", "lanczos-sinc");
        Assert.That(code, Is.Zero, error);
        Assert.That(json!["interpolator"]!.GetValue<string>(), Is.EqualTo("LanczosWindowedSinc"));

        // Even outputs sit exactly on input voxel centres (index 0.5·i), where the sinc weights are a delta.
        Volume<short> sinc = ImageFile.Read(sincPath).As<short>();
        for (int x = 0; x < 4; x++)
        {
            Assert.That(sinc[2 * x, 1, 1], Is.EqualTo(10 * x + 100));
        }

        (code, json, error) = Medimg("resample", input, labelPath, "--spacing", "0.5,1,1", "--interpolator", "label-gaussian", "--default", "-7");
        Assert.That(code, Is.Zero, error);
        Assert.That(json!["interpolator"]!.GetValue<string>(), Is.EqualTo("LabelGaussian"));

        // Voting returns input values (or the default), never a blend of two.
        short[] allowed = [0, 10, 20, 30, 100, 110, 120, 130, -7];
        Assert.That(ImageFile.Read(labelPath).As<short>().Voxels.ToArray(), Is.All.AnyOf(allowed.Cast<object>().ToArray()));
    }

    [Test]
    public void Resample_UsageErrors_ExitTwo()
    {
        string input = WriteRamp();
        string output = Path.Combine(_dir, "out.nii");
        Assert.That(Medimg("resample", input, output).Code, Is.EqualTo(2), "neither --spacing nor --reference");
        Assert.That(Medimg("resample", input, output, "--spacing", "1,0,1").Code, Is.EqualTo(2), "zero spacing");
        Assert.That(Medimg("resample", input, output, "--spacing", "1,1").Code, Is.EqualTo(2), "two values");
        Assert.That(Medimg("resample", input, output, "--spacing", "1,1,1", "--interpolator", "cubic").Code, Is.EqualTo(2));
        Assert.That(Medimg("resample", input, output, "--spacing", "1,1,1", "--pixel-type", "int8").Code, Is.EqualTo(2));
    }

    [Test]
    public void Resample_MissingInput_ExitOneWithErrorLine()
    {
        (int code, _, string error) = Medimg("resample", Path.Combine(_dir, "missing.nii"), Path.Combine(_dir, "o.nii"), "--spacing", "1,1,1");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("error:"));
    }

    [Test]
    public void Orient_ToRasAndBack_ReportsCodesAndRestoresVoxels()
    {
        string input = WriteRamp();
        string ras = Path.Combine(_dir, "ras.nii"), back = Path.Combine(_dir, "back.nii");
        (int code, JsonObject? json, string error) = Medimg("orient", input, ras, "--to", "RAS");
        Assert.That(code, Is.Zero, error);
        Assert.That(json!["from"]!.GetValue<string>(), Is.EqualTo("LPS"));
        Assert.That(json["to"]!.GetValue<string>(), Is.EqualTo("RAS"));

        // Voxel (0,0,0) of the RAS volume is the LPS volume's voxel (3,1,0): x = 3 + 5 = 8, y = 1 + 6 = 7 mm.
        Assert.That(json["origin"]!.AsArray().Select(n => n!.GetValue<double>()), Is.EqualTo(new double[] { 8, 7, 7 }));
        Assert.That(Medimg("orient", ras, back, "--to", "LPS").Code, Is.Zero);
        Assert.That(ImageFile.Read(back).As<short>().Voxels.ToArray(), Is.EqualTo(ImageFile.Read(input).As<short>().Voxels.ToArray()));
        Assert.That(Medimg("orient", input, back, "--to", "RAX").Code, Is.EqualTo(2));
    }
}
