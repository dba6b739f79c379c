using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.Registration;
using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Cli;

[TestFixture]
public sealed class RegisterCommandTests
{
    private static readonly VolumeGeometry Grid = new(new Size3(24, 26, 20), new Vec3(4, 4, 4.4), new Vec3(-47, -51, -42.9));

    /// <summary>Fixed and moving phantoms (moving shifted by (2, −1.5, 1) mm) as NIfTI files, and an output path.</summary>
    private static (string Fixed, string Moving, string Tfm) WriteShiftedPair()
    {
        string dir = TestPaths.NewTempDirectory();
        float[] intensities = [0, 300, 800, 550, 150, 650];
        var truth = new Euler3DTransform(Grid.Center, 0, 0, 0, new Vec3(2, -1.5, 1));
        string f = Path.Combine(dir, "f.nii"), m = Path.Combine(dir, "m.nii");
        ImageFile.Write(RegistrationPhantoms.Render(Grid, p => p, intensities, 1), f);
        ImageFile.Write(RegistrationPhantoms.Render(Grid, truth.GetInverse().TransformPoint, intensities, 2), m);
        return (f, m, Path.Combine(dir, "out.tfm"));
    }

    [Test]
    public void Register_WritesTfmHoldingThePrintedParameters()
    {
        (string f, string m, string tfm) = WriteShiftedPair();
        var stdout = new StringWriter();
        int code = CliApp.Run(["register", f, m, tfm, "--shrink", "2,1", "--sigmas", "4,0", "--metric", "meansquares", "--threads", "1"], stdout, new StringWriter());
        Assert.That(code, Is.Zero);
        JsonNode json = JsonNode.Parse(stdout.ToString())!;
        double[] printed = [.. json["parameters"]!.AsArray().Select(v => v!.GetValue<double>())];
        // The file holds exactly what was printed (ITK's text format keeps 17 significant digits).
        Assert.That(TransformFile.Read(tfm).Parameters, Is.EqualTo(printed).Within(1e-15));
        Assert.That(json["iterations"]!.AsArray(), Has.Count.EqualTo(2));
        // GEOMETRY initializer: the rotation centre is the fixed grid's geometric centre (NIfTI stores the origin as
        // float32, so the file's grid differs from ours by ~1e-6 mm).
        Assert.That(json["fixed_parameters"]!.AsArray().Take(3).Select(v => v!.GetValue<double>()),
            Is.EqualTo(new[] { Grid.Center.X, Grid.Center.Y, Grid.Center.Z }).Within(1e-5));
    }

    [Test]
    public void Register_UnknownMetric_IsUsageError()
    {
        int code = CliApp.Run(["register", "a.nii", "b.nii", "c.tfm", "--metric", "bogus"], new StringWriter(), new StringWriter());
        Assert.That(code, Is.EqualTo(2));
    }

    [Test]
    public void Register_ConjugateGradient_ReportsItsStopAndRecoversTheShift()
    {
        (string f, string m, string tfm) = WriteShiftedPair();
        var stdout = new StringWriter();
        int code = CliApp.Run(["register", f, m, tfm, "--optimizer", "cg", "--shrink", "2,1", "--sigmas", "4,0", "--metric", "meansquares",
            "--line-search-epsilon", "0.02"], stdout, new StringWriter());
        Assert.That(code, Is.Zero);
        JsonNode json = JsonNode.Parse(stdout.ToString())!;
        Assert.That(json["stop"]!.GetValue<string>(), Does.StartWith("Convergence checker passed").Or.StartWith("Maximum number of iterations"));
        double[] t = [.. json["parameters"]!.AsArray().Skip(3).Select(v => v!.GetValue<double>())];
        // A pure 2.7 mm shift rendered exactly on 4 mm voxels: recovered to a quarter voxel.
        Assert.That(Math.Sqrt(Math.Pow(t[0] - 2, 2) + Math.Pow(t[1] + 1.5, 2) + Math.Pow(t[2] - 1, 2)), Is.LessThan(1.0));
    }

    [TestCase("--optimizer", "newton", "is not rsgd, gd, cg, amoeba or exhaustive")]
    [TestCase("--simplex-delta", "0", "SimplexDelta")]
    [TestCase("--line-search-upper", "0", "LineSearchUpperLimit")]
    [TestCase("--steps", "0,0,-1,0,0,0", "NumberOfSteps")]
    public void Register_BadOptimizerSetting_IsUsageErrorNamingIt(string option, string value, string named)
    {
        var stderr = new StringWriter();
        int code = CliApp.Run(["register", "a.nii", "b.nii", "c.tfm", option, value], new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain(named));
    }
}
