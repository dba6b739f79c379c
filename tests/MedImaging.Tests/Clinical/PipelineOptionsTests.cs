using MedImaging.Clinical;
using MedImaging.Resampling;

namespace MedImaging.Tests.Clinical;

/// <summary><see cref="PipelineOptions"/>: SimpleITK-cookbook defaults, JSON round trip, partial files, refused input.</summary>
[TestFixture]
public sealed class PipelineOptionsTests
{
    [Test]
    public void Defaults_AreTheCookbookAndN4ExampleValues()
    {
        var o = new PipelineOptions();

        // SimpleITK notebooks' isotropic resampling: 1 mm, sitkBSpline (cubic), −1024 HU outside; body at −500 HU;
        // N4BiasFieldCorrection.py: Otsu mask (200 bins), shrink 4, SimpleITK's [50]*4 iterations, threshold 0.001.
        Assert.That((o.Modality, o.Ct.Resample, o.Ct.Spacing, o.Ct.Interpolator, o.Ct.DefaultPixelValue),
            Is.EqualTo((ClinicalModality.Auto, true, (IReadOnlyList<double>)[1.0, 1.0, 1.0], InterpolatorType.BSpline3, -1024.0)).Using<object>(TupleText));
        Assert.That((o.Ct.BodyMask, o.Ct.BodyThreshold, o.Ct.BoneMask, o.Ct.BoneThreshold), Is.EqualTo((true, -500.0, false, 300.0)));
        Assert.That((o.Mr.BiasCorrection, o.Mr.ShrinkFactor, o.Mr.ConvergenceThreshold, o.Mr.OtsuNumberOfHistogramBins), Is.EqualTo((true, 4, 0.001, 200)));
        Assert.That(o.Mr.MaximumNumberOfIterations, Is.EqualTo(new[] { 50, 50, 50, 50 }));
        Assert.That((o.WriteImage, o.WriteMasks, o.QcPictures, o.OutputExtension), Is.EqualTo((true, true, true, ".nii.gz")));
    }

    [Test]
    public void ToJsonThenParse_EveryFieldKept()
    {
        var o = new PipelineOptions
        {
            Modality = ClinicalModality.MR,
            Ct = new CtPipelineOptions { Resample = false, Spacing = [0.5, 0.75, 2], Interpolator = InterpolatorType.Linear, DefaultPixelValue = -1000, BodyMask = false, BodyThreshold = -400, BoneMask = true, BoneThreshold = 250 },
            Mr = new MrPipelineOptions { BiasCorrection = false, ShrinkFactor = 2, MaximumNumberOfIterations = [20, 10], ConvergenceThreshold = 0, OtsuNumberOfHistogramBins = 64, ForegroundMask = false },
            LabelNames = new Dictionary<int, string> { [1] = "liver", [12] = "lésion" },
            WriteImage = false,
            WriteMasks = false,
            QcPictures = false,
            OutputExtension = ".mha",
        };

        string json = o.ToJson();
        PipelineOptions back = PipelineOptions.Parse(json);

        Assert.That(back.ToJson(), Is.EqualTo(json));
        Assert.That(back with { Ct = o.Ct, Mr = o.Mr, LabelNames = o.LabelNames }, Is.EqualTo(o), "scalar fields");
        Assert.That(back.Ct with { Spacing = o.Ct.Spacing }, Is.EqualTo(o.Ct));
        Assert.That(back.Ct.Spacing, Is.EqualTo(o.Ct.Spacing));
        Assert.That(back.Mr.MaximumNumberOfIterations, Is.EqualTo(o.Mr.MaximumNumberOfIterations));
        Assert.That(back.LabelNames, Is.EquivalentTo(o.LabelNames));
        Assert.That(json, Does.Contain("\"lésion\""), "non-ASCII written as UTF-8, not \\u-escaped");
        Assert.That(json, Does.Contain("\"bone_threshold\": 250").And.Contain("\"modality\": \"MR\"").And.Contain("\"interpolator\": \"Linear\"").And.Contain("\"qc_pictures\": false"));
    }

    [Test]
    public void Parse_PartialSnakeCaseFile_OthersKeepDefaults()
    {
        const string Json = """
            // comments and trailing commas are accepted in hand-written configs
            { "ct": { "spacing": [2, 2, 2], "bone_mask": true, "interpolator": "bspline1", }, "label_names": { "1": "liver" } }
            """;

        PipelineOptions o = PipelineOptions.Parse(Json);

        Assert.That(o.Ct.Spacing, Is.EqualTo(new[] { 2.0, 2, 2 }));
        Assert.That((o.Ct.BoneMask, o.Ct.Interpolator, o.Ct.BodyThreshold, o.Modality), Is.EqualTo((true, InterpolatorType.BSpline1, -500.0, ClinicalModality.Auto)));
        Assert.That(o.LabelNames[1], Is.EqualTo("liver"));
        Assert.That(o.Mr.ShrinkFactor, Is.EqualTo(4));
    }

    [TestCase("""{ "ct": { "spacingg": [1, 1, 1] } }""", "spacingg")]
    [TestCase("""{ "ct": { "spacing": [1, 1] } }""", "ct.spacing")]
    [TestCase("""{ "ct": { "spacing": [1, 0, 1] } }""", "ct.spacing")]
    [TestCase("""{ "mr": { "shrink_factor": 0 } }""", "mr.shrink_factor")]
    [TestCase("""{ "mr": { "maximum_number_of_iterations": [] } }""", "mr.maximum_number_of_iterations: ")]
    [TestCase("""{ "mr": { "convergence_threshold": -1 } }""", "mr.convergence_threshold: ")]
    [TestCase("""{ "modality": "PET" }""", "$.modality")]
    [TestCase("""{ "output_extension": ".png" }""", "output_extension")]
    [TestCase("""{ "qc_pictures": "no" }""", "$.qc_pictures")]
    [TestCase("""[1, 2]""", "$")]
    [TestCase("""null""", "null")]
    public void Parse_BadConfig_MedImagingExceptionNamingSourceAndField(string json, string named)
    {
        var ex = Assert.Throws<MedImagingException>(() => PipelineOptions.Parse(json, "cfg.json"));

        Assert.That(ex!.Message, Does.Contain("cfg.json").And.Contain(named).And.Not.Contain("(Parameter '"));
    }

    [Test]
    public void Parse_NullOrMissingFields_KeepTheDefaults()
    {
        const string Json = """{ "ct": null, "mr": { "maximum_number_of_iterations": null }, "label_names": null, "output_extension": null }""";

        PipelineOptions o = PipelineOptions.Parse(Json);

        Assert.That(o.ToJson(), Is.EqualTo(new PipelineOptions().ToJson()));
        Assert.That(o.Ct.Spacing, Is.EqualTo(new[] { 1.0, 1, 1 }));
        Assert.That(o.Mr.MaximumNumberOfIterations, Is.EqualTo(new[] { 50, 50, 50, 50 }));
        Assert.That((o.Ct.DefaultPixelValue, o.Ct.BodyThreshold, o.Mr.ShrinkFactor, o.OutputExtension, o.WriteImage),
            Is.EqualTo((-1024.0, -500.0, 4, ".nii.gz", true)));
    }

    [Test]
    public void With_ChangesTheCopyOnly()
    {
        var original = new PipelineOptions(ct: new CtPipelineOptions(spacing: [2.0, 2, 2]));

        PipelineOptions changed = original with { Ct = original.Ct with { BoneMask = true } };

        Assert.That((original.Ct.BoneMask, changed.Ct.BoneMask, changed.Ct.Spacing[0]), Is.EqualTo((false, true, 2.0)));
    }

    private static bool TupleText(object a, object b) =>
        a.ToString()!.Replace("System.Double[]", "", StringComparison.Ordinal) == b.ToString()!.Replace("System.Double[]", "", StringComparison.Ordinal);
}
