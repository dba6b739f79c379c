using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>info</c> and <c>convert</c> through <see cref="CliApp.Run"/>: JSON fields and exit codes.</summary>
[TestFixture]
public sealed class IOCommandsTests : TempDirectoryTest
{
    [Test]
    public void Info_SmallVolume_GeometryTypeAndStatisticsFromKnownVoxels()
    {
        var g = new VolumeGeometry(new Size3(3, 2, 2), new Vec3(0.5, 0.5, 2), new Vec3(1, 2, 3), Mat3.Diagonal(new Vec3(-1, -1, 1)));
        var v = new Volume<short>(g, [-5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
        string path = Path.Combine(TempDir, "v.mha");
        ImageFile.Write(v, path);

        (int code, JsonObject json, string stderr) = Run("info", path);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["pixel_type"]!.GetValue<string>(), Is.EqualTo("int16"));
        Assert.That(Doubles(json["size"]), Is.EqualTo(new double[] { 3, 2, 2 }));
        Assert.That(Doubles(json["spacing"]), Is.EqualTo(new[] { 0.5, 0.5, 2 }));
        Assert.That(Doubles(json["origin"]), Is.EqualTo(new double[] { 1, 2, 3 }));
        Assert.That(Doubles(json["direction"]), Is.EqualTo(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }));
        // −5 + 0 + 1 + … + 9 + 100 = 140 over 12 voxels.
        Assert.That((json["min"]!.GetValue<double>(), json["max"]!.GetValue<double>(), json["sum"]!.GetValue<double>()), Is.EqualTo((-5.0, 100.0, 140.0)));
        Assert.That(json["mean"]!.GetValue<double>(), Is.EqualTo(140.0 / 12));
        Assert.That(json["ms"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Info_CtPhantom_SameNumbersAsItkInfo()
    {
        // ITK 5.2 `itkref info ct_phantom.mha`: int16 512x512x128, spacing [0.7,0.7,5], origin [-179.3,-200.6,-702.5],
        // sum -24417815785, min -1024, max 754, mean -727.707618028 (12 significant digits printed).
        string path = TestPaths.RequireGenerated("ct_phantom.mha");

        (int code, JsonObject json, _) = Run("info", path);

        Assert.That(code, Is.Zero);
        Assert.That(Doubles(json["spacing"]), Is.EqualTo(new[] { 0.7, 0.7, 5 }));
        Assert.That(Doubles(json["origin"]), Is.EqualTo(new[] { -179.3, -200.6, -702.5 }));
        Assert.That(json["sum"]!.GetValue<double>(), Is.EqualTo(-24417815785.0));
        Assert.That(json["mean"]!.GetValue<double>(), Is.EqualTo(-727.707618028).Within(5e-10), "ITK prints 12 digits");
    }

    [Test]
    public void Info_FourDimensional_VolumesAndStatisticsOverAllVolumes()
    {
        var g = new VolumeGeometry(new Size3(2, 2, 1));
        Volume[] volumes = [new Volume<byte>(g, [1, 2, 3, 4]), new Volume<byte>(g, [10, 20, 30, 40]), new Volume<byte>(g, [0, 0, 0, 200])];
        string path = Path.Combine(TempDir, "four.nii");
        ImageFile.Write(new VolumeSeries(volumes), path);

        (int code, JsonObject json, string stderr) = Run("info", path);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["volumes"]!.GetValue<int>(), Is.EqualTo(3));
        // 10 + 100 + 200 = 310 over 12 voxels; min 0, max 200.
        Assert.That((json["min"]!.GetValue<double>(), json["max"]!.GetValue<double>(), json["sum"]!.GetValue<double>(), json["mean"]!.GetValue<double>()),
            Is.EqualTo((0.0, 200.0, 310.0, 310.0 / 12)));
    }

    [Test]
    public void Convert_NiftiToNrrdAsFloat32_ValuesAndGeometryKept()
    {
        VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(4, 4, 4));
        Volume source = IOTestVolumes.Random(PixelType.Int16, g, seed: 5);
        string input = Path.Combine(TempDir, "in.nii.gz"), output = Path.Combine(TempDir, "out.nrrd");
        ImageFile.Write(source, input);

        (int code, JsonObject json, string stderr) = Run("convert", input, output, "--pixel-type", "float32", "--compress");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["outputs"]![0]!["pixel_type"]!.GetValue<string>(), Is.EqualTo("float32"));
        Volume read = ImageFile.Read(output);
        Assert.That(read.As<float>().Voxels.ToArray(), Is.EqualTo(source.As<short>().Voxels.ToArray().Select(v => (float)v).ToArray()), "int16 → float32 is exact");
        IOTestVolumes.AssertGeometry(read.Geometry, g, 1e-4);
    }

    [TestCase("info", "missing.nii.gz")]
    [TestCase("info", "bad.nii")]
    [TestCase("convert", "bad.nii", "out.mha")]
    [TestCase("convert", "folder", "out.nii.gz")]
    public void BadInput_ExitOneWithOneErrorLine(params string[] args)
    {
        File.WriteAllBytes(Path.Combine(TempDir, "bad.nii"), new byte[100]);
        Directory.CreateDirectory(Path.Combine(TempDir, "folder"));
        string[] full = [args[0], .. args.Skip(1).Select(a => Path.Combine(TempDir, a))];

        (int code, _, string stderr) = Run(full);

        Assert.That(code, Is.EqualTo(1));
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("error: "));
    }

    [TestCase("info")]
    [TestCase("convert", "a.nii")]
    [TestCase("convert", "a.nii", "b.png")]
    [TestCase("convert", "a.nii", "b.mha", "--pixel-type", "complex")]
    public void UsageError_ExitTwo(params string[] args)
    {
        (int code, _, string stderr) = Run(args);

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("usage error"));
    }

    private static (int Code, JsonObject Json, string Stderr) Run(params string[] args) => CliJson.Run(args);

    private static double[] Doubles(JsonNode? node) => [.. node!.AsArray().Select(v => v!.GetValue<double>())];
}
