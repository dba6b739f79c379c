using System.Globalization;
using System.Text.Json;
using MedImaging.Dicom.Series;
using MedImaging.Filters;
using MedImaging.Measurements;
using MedImaging.Resampling;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Documentation;

/// <summary>
/// samples/ as a .NET user gets it: the MedImaging library is packed (under a version no earlier run can have left in
/// the package cache) into the local-feed folder that samples/nuget.config names, the console sample and the
/// file-based app restore it from there, and both run the seed's steps on a small CT written with
/// <see cref="DicomSeriesWriter"/>. Their reports must equal the same steps run here through the library, as the
/// clinical pipeline runs them (resample, threshold, closing, label statistics), and the known sphere.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SamplePackageTests
{
    // The sample's parameters: spacing mm, lower HU, upper HU, closing radius in voxels (the seed: 0.7, 0, 100, 3; a
    // coarser grid keeps the test fast).
    private static readonly string[] Parameters = ["1.5", "0", "100", "2"];

    private const double LiverRadiusMm = 24;
    private const short LiverHu = 60;
    private const short FatHu = -100;

    private string work = "";
    private string version = "";
    private string dicom = "";

    [OneTimeSetUp]
    public void PackIntoTheSamplesFeed()
    {
        work = TestPaths.NewTempDirectory();
        string samples = Path.Combine(TestPaths.RepositoryRoot, "samples");
        foreach (string file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}local-feed{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            string target = Path.Combine(work, Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // A version of this run only: a package left in ~/.nuget/packages by an earlier run can never satisfy it.
        version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string project = Path.Combine(TestPaths.RepositoryRoot, "src", "MedImaging", "MedImaging.csproj");
        string built = Path.Combine(TestPaths.RepositoryRoot, "src", "MedImaging", "bin", "Release", "net10.0", "MedImaging.dll");
        var pack = new List<string> { "pack", project, "-c", "Release", "-p:PackageVersion=" + version, "-o", Path.Combine(work, "local-feed") };
        if (File.Exists(built))
        {
            pack.Add("--no-build");
        }

        Dotnet(pack, work);
        dicom = Path.Combine(work, "ct");
        DicomSeriesWriter.Write(Phantom(), dicom, new DicomSeriesWriteOptions { SeriesDescription = "sample test phantom" });
    }

    [OneTimeTearDown]
    public void RemoveThisRunsPackage()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Path.Combine(cache, "medimaging", version);
        if (version.Length > 0 && Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }

    [Test]
    public void ConsoleSample_FromThePackedPackage_ReportsTheLibrarysNumbers()
    {
        string project = Path.Combine(work, "SeedPipeline", "SeedPipeline.csproj");
        Dotnet(["build", project, "-c", "Release", "-p:MedImagingVersion=" + version], work);
        string output = Path.Combine(work, "console-out");
        string dll = Path.Combine(work, "SeedPipeline", "bin", "Release", "net10.0", "SeedPipeline.dll");
        string report = Dotnet([dll, dicom, output, .. Parameters], work, forBuild: false);

        CheckReport(report, output);
    }

    [Test]
    public void FileBasedApp_FromThePackedPackage_ReportsTheLibrarysNumbers()
    {
        string app = Path.Combine(work, "seed_pipeline.cs");
        string source = File.ReadAllText(app);
        Assert.That(source, Does.StartWith("#:package MedImaging@"), "the file-based app names its package on its first line");
        File.WriteAllText(app, "#:package MedImaging@" + version + source[source.IndexOf('\n', StringComparison.Ordinal)..]);
        string output = Path.Combine(work, "file-based-out");
        string report = Dotnet(["run", app, "--", dicom, output, .. Parameters], work);

        CheckReport(report, output);
    }

    /// <summary>The sample's report against the seed's steps run here through the library on the same series.</summary>
    private void CheckReport(string stdout, string output)
    {
        using JsonDocument printed = JsonDocument.Parse(stdout);
        JsonElement sample = printed.RootElement;
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.That(written.RootElement.GetRawText(), Is.EqualTo(sample.GetRawText()), "report.json is what was printed");

        Dictionary<string, double[]> expected = SeedStepsThroughTheLibrary();
        Assert.Multiple(() =>
        {
            foreach ((string name, double[] values) in expected)
            {
                // Both sides run the same code on the same bits; JSON numbers round-trip doubles exactly.
                Assert.That(Numbers(sample.GetProperty(name)), Is.EqualTo(values), name);
            }

            // Analytic: the 60 HU sphere of radius 24 mm (57.906 mL) inside −100 HU fat. The 0 HU threshold sits
            // 5/8 of the way up the −100→60 edge, where the 3 mm slices blur it: a surface shift of up to ±0.5 mm over
            // 4πr² = 7238 mm² is ±3.6 mL, so ±7 %. Edge voxels interpolate between 0 and 60 HU, pulling the mean below 60.
            double truth = 4.0 / 3.0 * Math.PI * Math.Pow(LiverRadiusMm, 3) / 1000;
            Assert.That(sample.GetProperty("volume_ml").GetDouble(), Is.EqualTo(truth).Within(7).Percent, "sphere volume");
            Assert.That(sample.GetProperty("mean_hu").GetDouble(), Is.InRange(45.0, 60.5), "sphere mean HU");
        });
        Assert.That(File.Exists(Path.Combine(output, "ct_isotropic.nii.gz")) && File.Exists(Path.Combine(output, "liver_mask.nii.gz")));
        Assert.That(MedImaging.IO.ImageFile.ReadGeometry(Path.Combine(output, "liver_mask.nii.gz")).Spacing,
            Is.EqualTo(new Vec3(1.5, 1.5, 1.5)));
    }

    /// <summary>
    /// The seed's chain with the library calls the clinical pipeline uses for it (CtResampleStep: ResampleToSpacing
    /// with a cubic B-spline and −1024 HU outside; a threshold mask; closing with a ball; StatisticsStep:
    /// LabelStatistics and LabelShapeStatistics of label 1). When `medimg pipeline --config
    /// docs/examples/seed-ct-liver.json` can take these parameters, its report.json is the better reference.
    /// </summary>
    private Dictionary<string, double[]> SeedStepsThroughTheLibrary()
    {
        double spacing = double.Parse(Parameters[0], CultureInfo.InvariantCulture);
        Volume<short> ct = DicomSeriesReader.Read(dicom).Volume.As<short>();
        Volume<short> iso = Resampler.ResampleToSpacing(ct, new Vec3(spacing, spacing, spacing), InterpolatorType.BSpline3, defaultPixelValue: -1024);
        Volume<byte> mask = ImageFilters.BinaryThreshold(iso, double.Parse(Parameters[1], CultureInfo.InvariantCulture),
            double.Parse(Parameters[2], CultureInfo.InvariantCulture));
        Volume<byte> liver = ImageFilters.BinaryMorphologicalClosing(mask, int.Parse(Parameters[3], CultureInfo.InvariantCulture), KernelType.Ball);
        LabelIntensityStatistics hu = ImageMeasurements.LabelStatistics(iso, liver, onlyLabels: [1]).Get(1);
        LabelShapeStatistics shape = ImageMeasurements.LabelShapeStatistics(liver).Get(1);
        return new Dictionary<string, double[]>
        {
            ["size"] = [iso.Size.X, iso.Size.Y, iso.Size.Z],
            ["voxels"] = [shape.NumberOfPixels],
            ["volume_ml"] = [shape.PhysicalSizeMl],
            ["mean_hu"] = [hu.Mean],
            ["sd_hu"] = [hu.Sigma],
            ["bbox_index"] = [shape.BoundingBoxIndex.X, shape.BoundingBoxIndex.Y, shape.BoundingBoxIndex.Z],
            ["bbox_size"] = [shape.BoundingBoxSize.X, shape.BoundingBoxSize.Y, shape.BoundingBoxSize.Z],
            ["bbox_min_lps_mm"] = shape.PhysicalBoundingBoxMin.ToArray(),
            ["bbox_max_lps_mm"] = shape.PhysicalBoundingBoxMax.ToArray(),
        };
    }

    private static double[] Numbers(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(e => e.GetDouble())] : [element.GetDouble()];

    /// <summary>A 64×64×30 CT (2×2×3 mm) of −100 HU fat around a 60 HU sphere of <see cref="LiverRadiusMm"/> (no air:
    /// the B-spline's ringing at a −1000→−100 HU edge would reach the 0–100 HU window).</summary>
    private static Volume<short> Phantom()
    {
        var geometry = new VolumeGeometry(new Size3(64, 64, 30), new Vec3(2, 2, 3), new Vec3(-64, -64, -45), Mat3.Identity);
        var ct = new Volume<short>(geometry);
        for (int z = 0; z < 30; z++)
        {
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    Vec3 p = geometry.TransformIndexToPhysicalPoint(x, y, z);
                    ct[x, y, z] = p.Length <= LiverRadiusMm ? LiverHu : FatHu;
                }
            }
        }

        return ct;
    }

    /// <summary>Runs the dotnet host in <paramref name="folder"/>; fails with its output unless it exits 0. The
    /// builds run with the SIMD switch of the scalar CI rerun removed (it is the sample's run that is tested).</summary>
    private static string Dotnet(IEnumerable<string> arguments, string folder, bool forBuild = true)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        if (forBuild)
        {
            environment["DOTNET_EnableHWIntrinsic"] = null;
        }

        var (exitCode, stdout, stderr) = ExternalTool.Run("dotnet", arguments, folder, environment);
        Assert.That(exitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)}\n{stdout}\n{stderr}");
        return stdout;
    }
}
