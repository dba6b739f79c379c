using MedImaging.Cli.Demo;
using MedImaging.Clinical;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>
/// Steps as configuration (<see cref="PipelineOptions.Steps"/>): the seed's chain as shipped in
/// docs/examples/seed-ct-liver.json, named masks and outputs checked against the filters run independently on the
/// written image, the default chain stated as steps giving the same answers, oblique directions kept and reported,
/// and invalid chains refused with the step named.
/// </summary>
[TestFixture]
public sealed class ConfiguredStepsTests : TempDirectoryTest
{
    private static string SeedExample => Path.Combine(TestPaths.RepositoryRoot, "docs", "examples", "seed-ct-liver.json");

    /// <summary>The seed's chain on the demo phantom at 2 mm: threshold [50, 150] HU (the 100 HU lesion), closing by a ball of 1 voxel.</summary>
    private const string LesionChain = """
        { "modality": "CT", "qc_pictures": false,
          "steps": [
            { "step": "resample", "spacing": [2, 2, 2], "interpolator": "bspline3", "default_pixel_value": -1024 },
            { "step": "threshold", "mask": "lesion", "lower": 50, "upper": 150 },
            { "step": "binary_closing", "mask": "lesion", "radius": 1 } ],
          "outputs": { "image": "ct.nii.gz", "lesion": "lesion_mask.nii.gz" } }
        """;

    [Test]
    public void SeedExample_StatesTheSeedsChain()
    {
        PipelineOptions options = PipelineOptions.Load(SeedExample);

        Assert.That(options.Steps!.Select(s => s.Step), Is.EqualTo(new[] { PipelineStepKind.Resample, PipelineStepKind.Threshold, PipelineStepKind.BinaryClosing }));
        Assert.That(options.Steps![0].Spacing, Is.EqualTo(new[] { 0.7, 0.7, 0.7 }));
        Assert.That((options.Steps[1].Mask, options.Steps[1].Lower, options.Steps[1].Upper), Is.EqualTo(("liver", (double?)0, (double?)100)));
        Assert.That((options.Steps[2].Mask, options.Steps[2].Radius), Is.EqualTo(("liver", (int?)3)));
        Assert.That(options.Outputs, Is.EquivalentTo(new Dictionary<string, string> { ["image"] = "ct_isotropic.nii.gz", ["liver"] = "liver_mask.nii.gz" }));
    }

    [Test]
    public void ConfiguredChain_MaskEqualsTheFiltersOnTheWrittenImage_OneAndTwoThreadsIdentical()
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        PipelineOptions options = PipelineOptions.Parse(LesionChain);
        string one = Path.Combine(TempDir, "one"), two = Path.Combine(TempDir, "two");

        ClinicalReport report = ClinicalPipeline.Run(image, one, null, options, new ExecutionOptions { MaxDegreeOfParallelism = 1 }).Report;
        ClinicalPipeline.Run(image, two, null, options, new ExecutionOptions { MaxDegreeOfParallelism = 2 });

        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "read", "resample", "threshold", "binary_closing", "statistics", "write_images" }));
        Assert.That(report.Outputs.Select(o => o.File), Is.EqualTo(new[] { "ct.nii.gz", "lesion_mask.nii.gz" }));
        foreach (string file in new[] { "ct.nii.gz", "lesion_mask.nii.gz" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(two, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, file))), file);
        }

        Volume ct = ImageFile.Read(Path.Combine(one, "ct.nii.gz"));
        Volume<byte> expected = ImageFilters.BinaryMorphologicalClosing(ImageFilters.BinaryThreshold(ct, 50, 150), 1);
        Volume<byte> written = ImageFile.Read(Path.Combine(one, "lesion_mask.nii.gz")).As<byte>();
        Assert.That(written.Voxels.ToArray(), Is.EqualTo(expected.Voxels.ToArray()));

        StructureResult lesion = report.Structures.Single();
        long voxels = expected.Voxels.Count((byte)1);
        Assert.That((lesion.Name, lesion.Voxels, lesion.File), Is.EqualTo(("lesion", voxels, "lesion_mask.nii.gz")));
        Assert.That(lesion.VolumeMl, Is.EqualTo(voxels * 8 / 1000.0).Within(1e-9), "2 × 2 × 2 mm voxels");
        double sum = 0;
        for (int i = 0; i < written.Voxels.Length; i++)
        {
            sum += written.Voxels[i] == 1 ? ct.GetValueAsDouble(i % ct.Size.X, i / ct.Size.X % ct.Size.Y, i / (ct.Size.X * ct.Size.Y)) : 0;
        }

        // Sums of ≤ 10⁵ int16 values are exact in double: the mean agrees to the last bits of one division.
        Assert.That(lesion.Mean, Is.EqualTo(sum / voxels).Within(1e-12));
        // The world bounding box is the index box's corner voxel centres, origin included (the seed's bbox_mm forgot it).
        VolumeGeometry g = ct.Geometry;
        Vec3 first = g.TransformIndexToPhysicalPoint(lesion.BboxIndex![0], lesion.BboxIndex[1], lesion.BboxIndex[2]);
        Vec3 last = g.TransformIndexToPhysicalPoint(lesion.BboxIndex[0] + lesion.BboxSize![0] - 1, lesion.BboxIndex[1] + lesion.BboxSize[1] - 1,
            lesion.BboxIndex[2] + lesion.BboxSize[2] - 1);
        Assert.That(lesion.BboxMinLps, Is.EqualTo(first.ToArray()).Within(1e-9));
        Assert.That(lesion.BboxMaxLps, Is.EqualTo(last.ToArray()).Within(1e-9));
    }

    [Test]
    public void DefaultChain_StatedAsSteps_GivesTheSameStructures()
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        const string stated = """
            { "qc_pictures": false, "steps": [
                { "step": "resample", "spacing": [1, 1, 1] },
                { "step": "threshold", "name": "body_mask", "mask": "body", "lower": -500 },
                { "step": "keep_largest_components", "name": "body_mask", "mask": "body" },
                { "step": "fill_holes", "name": "body_mask", "mask": "body" },
                { "step": "threshold", "name": "bone_mask", "mask": "bone", "lower": 50, "within": "body" } ] }
            """;

        ClinicalReport byDefault = ClinicalPipeline.Run(image, Path.Combine(TempDir, "a"), null,
            new PipelineOptions { QcPictures = false, Ct = new CtPipelineOptions { BoneMask = true, BoneThreshold = 50 } }).Report;
        ClinicalReport byStep = ClinicalPipeline.Run(image, Path.Combine(TempDir, "b"), null, PipelineOptions.Parse(stated)).Report;

        Assert.That(byStep.Steps.Select(s => s.Name), Is.EqualTo(byDefault.Steps.Select(s => s.Name)));
        Assert.That(byStep.Steps.Select(s => s.Name), Is.EqualTo(new[] { "read", "resample", "body_mask", "bone_mask", "statistics", "write_images" }));
        Assert.That(byStep.Structures, Is.EqualTo(byDefault.Structures).Using<StructureResult>(SameNumbers));
    }

    [Test]
    public void ObliqueInput_DirectionKeptAndReported()
    {
        double angle = 20 * Math.PI / 180;
        var rotation = new Mat3(Math.Cos(angle), -Math.Sin(angle), 0, Math.Sin(angle), Math.Cos(angle), 0, 0, 0, 1);
        Volume<short> phantom = DemoPhantom.Create();
        var oblique = new Volume<short>(new VolumeGeometry(phantom.Size, phantom.Geometry.Spacing, phantom.Geometry.Origin, rotation), phantom.Voxels.ToArray());
        string path = Path.Combine(TempDir, "oblique.nii.gz");
        ImageFile.Write(oblique, path);
        Mat3 written = ImageFile.ReadGeometry(path).Direction;

        ClinicalReport report = ClinicalPipeline.Run(path, Path.Combine(TempDir, "out"), null, PipelineOptions.Parse(LesionChain)).Report;

        Assert.That(report.GeometryAfter.Direction, Is.EqualTo(written.ToRowMajorArray()), "resampling keeps the direction exactly");
        Assert.That(report.GeometryAfter.ObliqueDegrees, Is.EqualTo(20).Within(1e-3), "NIfTI stores the quaternion in float32: ~1e-5°");
        Assert.That(report.Warnings, Has.One.Contains("oblique").And.Contains("20°"));
        Assert.That(ImageFile.ReadGeometry(Path.Combine(TempDir, "out", "lesion_mask.nii.gz")).Direction.ToRowMajorArray(),
            Is.EqualTo(written.ToRowMajorArray()).Within(1e-6));
    }

    [Test]
    public void SeedExample_OnTheCorpusObliqueSagittalSeries_KeepsItsDirection()
    {
        string series = TestPaths.RequireShared(Path.Combine("corpus", "mr-uih-oblique-sag-subset", "In", "DTI_132225", "t1_gre_fsp_3d_sag__132750"));
        string output = Path.Combine(TempDir, "out");

        ClinicalReport report = ClinicalPipeline.Run(series, output, null, PipelineOptions.Load(SeedExample)).Report;

        Assert.That(report.Modality, Is.EqualTo("CT"), "forced by the config's modality");
        Assert.That(report.GeometryAfter.Direction, Is.EqualTo(report.GeometryBefore.Direction), "never reset to identity");
        // The slice normal is (−0.998, 0.068, 0) (corpus MANIFEST, 3 decimals): atan(0.068 / 0.998) = 3.90° from the
        // x axis; ±0.0005 in either component moves it by ≤ 0.03°.
        Assert.That(report.GeometryBefore.ObliqueDegrees, Is.EqualTo(Math.Atan2(0.068, 0.998) * 180 / Math.PI).Within(0.03));
        Assert.That(report.Warnings, Has.One.Contains("oblique"));
        foreach (string file in new[] { "ct_isotropic.nii.gz", "liver_mask.nii.gz" })
        {
            // NIfTI's quaternion is float32: 1e-6 is its resolution for unit vectors.
            Assert.That(ImageFile.ReadGeometry(Path.Combine(output, file)).Direction.ToRowMajorArray(),
                Is.EqualTo(report.GeometryBefore.Direction).Within(1e-6), file);
        }
    }

    [TestCase("""{ "steps": [ { "step": "binary_closing", "mask": "liver", "radius": 3 } ] }""", "mask 'liver' is not made by an earlier step")]
    [TestCase("""{ "steps": [ { "step": "threshold", "mask": "liver", "lower": 0, "radius": 3 } ] }""", "'radius' does not apply")]
    [TestCase("""{ "steps": [ { "step": "threshold", "mask": "liver" } ] }""", "give 'lower', 'upper' or both")]
    [TestCase("""{ "steps": [ { "step": "threshold", "mask": "a", "lower": 0 }, { "step": "binary_dilate", "mask": "a" } ] }""", "either 'radius'")]
    [TestCase("""{ "steps": [ { "step": "threshold", "mask": "image", "lower": 0 } ] }""", "names an output file")]
    [TestCase("""{ "outputs": { "image": "../x.nii.gz" } }""", "without a folder")]
    [TestCase("""{ "steps": [ { "step": "bogus" } ] }""", "steps[0].step")]
    [TestCase("""{ "steps": [ { "step": "register" } ] }""", "'reference' (the fixed image's path) is required")]
    [TestCase("""{ "steps": [ { "step": "register", "reference": "r.nii", "optimizer": "Exhaustive" } ] }""", "'optimizer' must be")]
    [TestCase("""{ "steps": [ { "step": "register", "reference": "r.nii", "learning_rate": 0 } ] }""", "'learning_rate' must be")]
    [TestCase("""{ "steps": [ { "step": "register", "reference": "r.nii", "spacing": [1, 1, 1] } ] }""", "'spacing' does not apply")]
    [TestCase("""{ "outputs": { "transform": "t.txt" } }""", "ending in .tfm")]
    public void InvalidChain_RefusedNamingTheStep(string json, string expected)
    {
        var ex = Assert.Throws<MedImagingException>(() => PipelineOptions.Parse(json, "config.json"));
        Assert.That(ex!.Message, Does.StartWith("'config.json'").And.Contain(expected));
    }

    [Test]
    public void Validate_StepOrOutputAtFault_NamesTheProperty()
    {
        var badStep = new PipelineOptions { Steps = [new PipelineStepOptions { Step = PipelineStepKind.Threshold, Mask = "a" }] };
        var badOutput = new PipelineOptions { Outputs = new Dictionary<string, string> { ["image"] = "../x.nii.gz" } };

        Assert.That(Assert.Throws<ArgumentException>(badStep.Validate)!.ParamName, Is.EqualTo(nameof(PipelineOptions.Steps)));
        Assert.That(Assert.Throws<ArgumentException>(badOutput.Validate)!.ParamName, Is.EqualTo(nameof(PipelineOptions.Outputs)));
    }

    [Test]
    public void OutputKeyNamingNoImage_Refused()
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        var options = PipelineOptions.Parse("""{ "outputs": { "liver": "liver.nii.gz" } }""");
        var ex = Assert.Throws<ArgumentException>(() => ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), null, options));
        Assert.That(ex!.Message, Does.Contain("no step makes a mask 'liver'"));
    }

    private static bool SameNumbers(StructureResult a, StructureResult b) =>
        a.Name == b.Name && a.Voxels == b.Voxels && a.VolumeMl == b.VolumeMl && a.Mean == b.Mean && a.Sd == b.Sd
        && a.BboxIndex!.SequenceEqual(b.BboxIndex!) && a.BboxSize!.SequenceEqual(b.BboxSize!);
}
