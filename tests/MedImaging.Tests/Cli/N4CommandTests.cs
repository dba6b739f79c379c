using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.BiasCorrection;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

public sealed class N4CommandTests
{
    [Test]
    public void N4_PhantomWithMask_PrintsContractFieldsAndWritesOutputs()
    {
        string folder = TestPaths.NewTempDirectory();
        (Volume<float> image, Volume<byte> mask, _) = N4BiasFieldCorrectionTests.BiasedPhantom();
        string input = Path.Combine(folder, "in.nii.gz");
        string maskPath = Path.Combine(folder, "mask.nii.gz");
        string output = Path.Combine(folder, "out.nii.gz");
        string logBias = Path.Combine(folder, "log.nii.gz");
        ImageFile.Write(image, input);
        ImageFile.Write(mask, maskPath);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(["n4", input, output, "--mask", maskPath, "--iterations", "4,3", "--shrink", "2", "--threshold", "0", "--log-bias", logBias], stdout, stderr);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        JsonObject json = JsonNode.Parse(stdout.ToString())!.AsObject();
        Assert.That(json["iterations"]!.AsArray().Select(n => n!.GetValue<int>()), Is.EqualTo(new[] { 4, 3 }));
        Assert.That(json["convergence"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(json["mask_voxels"]!.GetValue<long>(), Is.EqualTo(mask.Voxels.ToArray().Count(v => v == 1)));
        // Removing the bias from a piecewise-constant phantom must lower the intensity spread inside the mask.
        Assert.That(json["cv_after"]!.GetValue<double>(), Is.LessThan(json["cv_before"]!.GetValue<double>()));
        Assert.That(stderr.ToString(), Does.Contain("N4 level 2/2"));
        Assert.That(ImageFile.ReadGeometry(output).Size, Is.EqualTo(image.Geometry.Size));
        Assert.That(ImageFile.Read(logBias).PixelType, Is.EqualTo(PixelType.Float32));
    }

    [TestCase("--iterations", "50,x", "--iterations")]
    [TestCase("--fwhm", "0", "BiasFieldFullWidthAtHalfMaximum")]
    [TestCase("--shrink", "0", "--shrink")]
    public void N4_BadOption_UsageErrorNamingIt(string option, string value, string named)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(["n4", "a.nii", "b.nii", option, value], stdout, stderr);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain(named));
    }

    [Test]
    public void N4_MissingInput_ErrorLineExit1()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(["n4", "/nonexistent/in.nii.gz", "/tmp/out.nii.gz", "--quiet"], stdout, stderr);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.ToString(), Does.StartWith("error:"));
    }
}
