using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>otsu</c>, <c>morph</c>, <c>components</c>, <c>fill-holes</c>, <c>stats</c>, <c>overlap</c> on small hand-made files.</summary>
[TestFixture]
public sealed class SegmentationCommandsTests
{
    private string _folder = "";
    private string _cube = "";
    private string _shifted = "";
    private string _image = "";

    [OneTimeSetUp]
    public void WriteInputs()
    {
        _folder = TestPaths.NewTempDirectory();
        var geometry = new VolumeGeometry(new Size3(10, 10, 10), new Vec3(1, 1, 2), new Vec3(-5, 3, 10));
        // A 4×4×4 cube at index 2..5 with a cavity at (3, 3, 3); its copy shifted by one voxel in x; an image with
        // 100 inside the cube and 0 outside.
        var cube = new Volume<byte>(geometry);
        var shifted = new Volume<byte>(geometry);
        var image = new Volume<short>(geometry);
        for (int z = 2; z < 6; z++)
        {
            for (int y = 2; y < 6; y++)
            {
                for (int x = 2; x < 6; x++)
                {
                    cube[x, y, z] = 1;
                    shifted[x + 1, y, z] = 1;
                    image[x, y, z] = 100;
                }
            }
        }

        cube[3, 3, 3] = 0;
        _cube = Path.Combine(_folder, "cube.nii");
        _shifted = Path.Combine(_folder, "shifted.nii");
        _image = Path.Combine(_folder, "image.nii");
        ImageFile.Write(cube, _cube);
        ImageFile.Write(shifted, _shifted);
        ImageFile.Write(image, _image);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Otsu_TwoLevelImage_CountsTheBrightVoxels()
    {
        var (code, json, stderr) = Run("otsu", _image, Path.Combine(_folder, "otsu.nii"), "--bins", "2");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["foreground"]!.GetValue<long>(), Is.EqualTo(64)); // the 4³ voxels at 100 HU lie above 50
        Assert.That(json["threshold"]!.GetValue<double>(), Is.EqualTo(50)); // 0 + 100.5/2 truncated to int16
    }

    [Test]
    public void FillHoles_Cavity_AddsOneVoxel()
    {
        var (code, json, stderr) = Run("fill-holes", _cube, Path.Combine(_folder, "filled.nii"));
        Assert.That(code, Is.Zero, stderr);
        Assert.That((json["foreground_before"]!.GetValue<long>(), json["foreground_after"]!.GetValue<long>()), Is.EqualTo((63L, 64L)));
    }

    [Test]
    public void Morph_CloseAndMillimetreDilate_ReportCounts()
    {
        var (code, json, _) = Run("morph", _cube, Path.Combine(_folder, "closed.nii"), "--op", "close", "--radius", "1");
        Assert.That(code, Is.Zero);
        Assert.That(json["foreground_after"]!.GetValue<long>(), Is.EqualTo(64)); // the cavity is closed, the cube kept
        (code, json, _) = Run("morph", _cube, Path.Combine(_folder, "dilated.nii"), "--op", "dilate", "--radius", "1.5", "--radius-mm");
        Assert.That(code, Is.Zero);
        // 1.5 mm reaches the x/y face neighbours (1 mm) and in-plane diagonals (1.41 mm) but not z (2 mm): each
        // of the cube's 4 slices grows from 4×4 to the full 6×6 (its corners are diagonal neighbours of the cube's
        // corners); the cavity is refilled too.
        Assert.That(json["foreground_after"]!.GetValue<long>(), Is.EqualTo(4 * 6 * 6));
    }

    [Test]
    public void Components_TwoObjects_SizesDescending()
    {
        var (code, json, _) = Run("components", _cube, Path.Combine(_folder, "labels.nii"));
        Assert.That(code, Is.Zero);
        Assert.That(json["components"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(json["sizes"]!.AsArray().Select(v => v!.GetValue<long>()), Is.EqualTo(new long[] { 63 }));
    }

    [Test]
    public void Stats_CubeLabel_VolumeMeanAndCentroid()
    {
        var (code, json, stderr) = Run("stats", _image, "--labels", _cube, "--label", "1");
        Assert.That(code, Is.Zero, stderr);
        JsonObject item = json["labels"]!.AsArray()[0]!.AsObject();
        Assert.That(item["count"]!.GetValue<long>(), Is.EqualTo(63));
        Assert.That(item["volume_mm3"]!.GetValue<double>(), Is.EqualTo(126)); // 63 voxels × 2 mm³
        Assert.That(item["mean"]!.GetValue<double>(), Is.EqualTo(100));
        Assert.That(item["sd"]!.GetValue<double>(), Is.Zero);

        // Perimeter: the 4³ box's closed-form estimate plus the cavity, whose 26 neighbours each see it once: 2
        // intercepts per axis class, 4 per face-diagonal class, 8 for the body diagonals (spacing 1, 1, 2 mm).
        var s = new Vec3(1, 1, 2);
        double v = s.X * s.Y * s.Z;
        double cavity = 4 * ((0.04577789120476 * 2 * ((v / s.X) + (v / s.Y) + (v / s.Z)))
            + (0.03698062787608 * 4 * ((v / Math.Sqrt(2)) + (2 * v / Math.Sqrt(5))))
            + (0.03519563978232 * 8 * v / Math.Sqrt(6)));
        double perimeter = Measurements.PerimeterTests.ExpectedBoxEstimate(4, 4, 4, s) + cavity;
        Assert.That(item["perimeter_mm2"]!.GetValue<double>(), Is.EqualTo(perimeter).Within(1e-9 * perimeter)); // rounding only
        Assert.That(item["perimeter_on_border_mm2"]!.GetValue<double>(), Is.Zero); // the cube lies inside the image
        double sphereArea = 4 * Math.PI * Math.Pow(126 * 3 / (4 * Math.PI), 2.0 / 3); // equal-volume sphere, 126 mm³
        Assert.That(item["roundness"]!.GetValue<double>(), Is.EqualTo(sphereArea / perimeter).Within(1e-9));
    }

    [Test]
    public void Overlap_ShiftedCube_DiceAndHausdorff()
    {
        var (code, json, stderr) = Run("overlap", _cube, _shifted);
        Assert.That(code, Is.Zero, stderr);
        // |S| = 63, |T| = 64, |S∩T| = 3·16 − 1 = 47 (the cavity lies in the shared part).
        Assert.That(json["dice"]!.GetValue<double>(), Is.EqualTo(94.0 / 127).Within(1e-12));
        Assert.That(json["hausdorff"]!.GetValue<double>(), Is.EqualTo(1).Within(1e-12)); // one voxel of 1 mm in x
    }

    [TestCase("morph", "a.nii", "b.nii", "--op", "grow", "--radius", "1")]
    [TestCase("morph", "a.nii", "b.nii", "--op", "close", "--radius", "1,2")]
    [TestCase("components", "a.nii", "b.nii", "--largest", "0")]
    [TestCase("otsu", "a.nii", "b.nii", "--bins", "0")]
    public void UsageError_ExitTwo(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.That(code, Is.EqualTo(2), stderr);
    }

    [Test]
    public void Overlap_DifferentGrids_ExitOneWithBothGeometries()
    {
        string other = Path.Combine(_folder, "other.nii");
        ImageFile.Write(new Volume<byte>(new VolumeGeometry(new Size3(10, 10, 11))), other);
        var (code, _, stderr) = Run("overlap", _cube, other);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain("10x10x11"));
    }

    [Test]
    public void Stats_Float32Labels_IntegralValuesAreLabelsFractionalRefused()
    {
        // The cube as float32 label 2.0: 63 voxels (64 minus the cavity) of 1 × 1 × 2 mm, all at 100 in the image.
        Volume<byte> cube = ImageFile.Read(_cube).As<byte>();
        var floats = new Volume<float>(cube.Geometry, [.. cube.Voxels.ToArray().Select(v => v * 2.0f)]);
        string path = Path.Combine(_folder, "float_labels.nii");
        ImageFile.Write(floats, path);

        var (code, json, stderr) = Run("stats", _image, "--labels", path, "--label", "2");

        Assert.That(code, Is.Zero, stderr);
        JsonObject item = json["labels"]!.AsArray()[0]!.AsObject();
        Assert.That((item["count"]!.GetValue<long>(), item["volume_mm3"]!.GetValue<double>(), item["mean"]!.GetValue<double>()), Is.EqualTo((63L, 126.0, 100.0)));

        floats[4, 5, 3] = 1.5f;
        floats[5, 5, 3] = float.NaN;
        ImageFile.Write(floats, path);
        (code, _, stderr) = Run("stats", _image, "--labels", path);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain(path).And.Contain("voxel (4, 5, 3) holds 1.5,"));
    }

    private static (int Code, JsonObject Json, string Stderr) Run(params string[] args) => CliJson.Run(args);
}
