using MedImaging.Cli.Demo;
using MedImaging.Clinical;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>
/// <see cref="ClinicalPipeline"/> on the analytic demo phantom (CT, 0.7 × 0.7 × 2.5 mm) and a synthetic MR: answers
/// from the phantom's closed forms, report values against an independent recomputation from the written files.
/// </summary>
[TestFixture]
public sealed class ClinicalPipelineTests : TempDirectoryTest
{
    private static readonly PipelineOptions Named = new() { LabelNames = new Dictionary<int, string> { [1] = "lesion", [2] = "lesion_core" } };

    [Test]
    public void Run_CtPhantomFile_ModalityFromIntensityAndAnalyticAnswers()
    {
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(TempDir);
        string output = Path.Combine(TempDir, "out");

        ClinicalReport report = ClinicalPipeline.Run(image, output, labels, Named).Report;

        Assert.That((report.Modality, report.ModalitySource, report.IntensityUnit), Is.EqualTo(("CT", "intensity", "HU")), "minimum −1000 HU ≤ −500");
        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "read", "resample", "body_mask", "statistics", "write_images", "qc_pictures" }));
        Assert.That(report.GeometryAfter.Size, Is.EqualTo(new[] { 112, 112, 110 }), "112 × 112 × 110 mm field of view at 1 mm");
        Assert.That(report.GeometryAfter.Spacing, Is.EqualTo(new[] { 1.0, 1, 1 }));
        Assert.That(report.GeometryAfter.Origin, Is.EqualTo(DemoPhantom.Geometry.Origin.ToArray()), "resampling keeps the origin (SimpleITK cookbook)");
        StructureResult body = report.Structures.Single(s => s.Name == "body");
        // Voxel-centre sampling puts the surface within half a voxel diagonal (1.35 mm) of the true one; area ≤ the
        // sphere of the largest semi-axis: |error| ≤ 4π·48.3²·1.35 mm³ = 39 mL. Measured: 0.19 mL.
        Assert.That(body.VolumeMl, Is.EqualTo(DemoPhantom.BodyVolumeMl).Within(4 * Math.PI * 48.3 * 48.3 * DemoPhantom.Geometry.Spacing.Length / 2 / 1000));
        StructureResult core = report.Structures.Single(s => s.Name == "lesion_core");
        // 10 mm (4 slices) inside the lesion surface the B-spline's ringing is < 0.5 HU: int16 rounding gives 100 exactly.
        Assert.That((core.Mean, core.Sd, core.Min, core.Max, core.Median), Is.EqualTo(((double?)100, (double?)0, (double?)100, (double?)100, (double?)100)));
        StructureResult lesion = report.Structures.Single(s => s.Name == "lesion");
        Assert.That(lesion.CentroidLps, Is.EqualTo(DemoPhantom.LesionCentre.ToArray()).Within(1e-9),
            "the lesion centre is a voxel centre of both grids; nearest-neighbour resampling has no ties here, so the label stays symmetric");
        Assert.That(report.Outputs.Select(o => o.File), Is.EquivalentTo(new[] { "image.nii.gz", "mask_body.nii.gz", "labels.nii.gz" }));
        Assert.That(report.Qc.Select(q => q.Plane), Is.EqualTo(new[] { "axial", "coronal", "sagittal" }), "the qc_pictures step (QcPicturesStepTests checks the pictures)");
    }

    [Test]
    public void Run_CtPhantom_ReportMatchesIndependentRecomputationFromWrittenFiles()
    {
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(TempDir);
        string output = Path.Combine(TempDir, "out");

        ClinicalReport report = ClinicalPipeline.Run(image, output, labels, Named with { Ct = new CtPipelineOptions { BoneMask = true, BoneThreshold = 50 } }).Report;

        Volume<short> written = ImageFile.Read(Path.Combine(output, "image.nii.gz")).As<short>();
        Assert.That(report.Structures.Select(s => s.Name), Is.EqualTo(new[] { "body", "bone", "lesion", "lesion_core" }));
        foreach (StructureResult s in report.Structures)
        {
            Volume<int> mask = ImageFilters.Cast(ImageFile.Read(Path.Combine(output, s.File!)), PixelType.Int32).As<int>();
            IndependentStatistics truth = IndependentStatistics.Of(written, mask, s.Label);
            Assert.That(s.Voxels, Is.EqualTo(truth.Count), s.Name);
            Assert.That(s.VolumeMl, Is.EqualTo(truth.Count / 1000.0).Within(1e-12), "1 mm³ voxels");
            // Sums of int16 values are exact in double; mean and sd agree to rounding (1e-9 relative).
            Assert.That(s.Mean, Is.EqualTo(truth.Mean).Within(1e-9 * Math.Max(1, Math.Abs(truth.Mean))), s.Name);
            Assert.That(s.Sd, Is.EqualTo(truth.Sd).Within(1e-9 * Math.Max(1, truth.Sd)), s.Name);
            Assert.That((s.Min, s.Max, s.Median), Is.EqualTo(((double?)truth.Min, (double?)truth.Max, (double?)truth.Median)), s.Name);
            Assert.That(s.CentroidLps, Is.EqualTo(truth.Centroid.ToArray()).Within(1e-9), s.Name);
            Assert.That(s.BboxIndex, Is.EqualTo(truth.BoxIndex), s.Name);
            Assert.That(s.BboxSize, Is.EqualTo(truth.BoxSize), s.Name);
        }

        // The "bone" (≥ 50 HU inside the body) is the lesion plus its B-spline overshoot ring: at least the core.
        Assert.That(report.Structures[1].Voxels, Is.GreaterThan(report.Structures[3].Voxels));
    }

    [Test]
    public void Run_Labels_ResampledByNearestNeighbour_NoAveragedValues()
    {
        // Labels 1 and 5 side by side (split at x = 80): any averaging would create values between them.
        var labels = new Volume<short>(DemoPhantom.Geometry);
        for (int z = 10; z < 30; z++)
        {
            for (int y = 60; y < 100; y++)
            {
                Span<short> row = labels.GetRow(y, z);
                row[60..80].Fill(1);
                row[80..100].Fill(5);
            }
        }

        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        string labelPath = Path.Combine(TempDir, "two.nii.gz");
        ImageFile.Write(labels, labelPath);

        ClinicalReport report = ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), labelPath).Report;

        Volume<int> resampled = ImageFile.Read(Path.Combine(TempDir, "out", "labels.nii.gz")).As<int>();
        Assert.That(resampled.Voxels.ToArray().Distinct().Order(), Is.EqualTo(new[] { 0, 1, 5 }));
        // 20 × 40 × 20 voxels of 0.7 × 0.7 × 2.5 mm = 14 × 28 × 50 mm = 19.6 mL each; nearest neighbour moves each face
        // by < 0.5 mm of the 1 mm grid: |error| ≤ (2·28·50 + 2·14·50 + 2·14·28) mm² · 0.5 mm = 4.6 mL.
        Assert.That(report.Structures.Where(s => s.Source == "labels").Select(s => s.VolumeMl), Has.All.EqualTo(19.6).Within(4.6));
        Assert.That(report.Structures.Where(s => s.Source == "labels").Select(s => s.Name), Is.EqualTo(new[] { "label 1", "label 5" }));
    }

    [Test]
    public void Run_LabelLostByResampling_ReportedWithNullStatisticsAndWarning()
    {
        // x index 2 (1.4 mm) is never the nearest original column of a 1 mm output column (1 mm → 1.43, 2 mm → 2.86).
        var labels = new Volume<short>(DemoPhantom.Geometry);
        labels[2, 5, 5] = 7;
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        string labelPath = Path.Combine(TempDir, "lost.nii.gz");
        ImageFile.Write(labels, labelPath);

        ClinicalReport report = ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), labelPath).Report;

        StructureResult lost = report.Structures.Single(s => s.Source == "labels");
        Assert.That((lost.Label, lost.Voxels, lost.Mean, lost.CentroidLps), Is.EqualTo((7, 0L, (double?)null, (IReadOnlyList<double>?)null)));
        Assert.That(report.Warnings, Has.One.Contains("label 7"));
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(TempDir, "out", ClinicalPipeline.ReportFileName));
    }

    [Test]
    public void Run_SyntheticMr_BiasCorrectedAndOtsuForegroundIsTheHead()
    {
        // A 30 mm head sphere (100, inner 15 mm sphere 200) under a smooth bias exp(0.3·x/L), background 0.
        var g = new VolumeGeometry(new Size3(48, 48, 32), new Vec3(1.5, 1.5, 2), Vec3.Zero);
        Vec3 centre = g.Center;
        var mr = new Volume<float>(g);
        long head = 0;
        for (int z = 0; z < 32; z++)
        {
            for (int y = 0; y < 48; y++)
            {
                for (int x = 0; x < 48; x++)
                {
                    double r = (g.TransformIndexToPhysicalPoint(x, y, z) - centre).Length;
                    double tissue = r <= 15 ? 200 : r <= 30 ? 100 : 0;
                    head += r <= 30 ? 1 : 0;
                    mr[x, y, z] = (float)(tissue * Math.Exp(0.3 * x / 48.0));
                }
            }
        }

        string path = Path.Combine(TempDir, "mr.mha");
        ImageFile.Write(mr, path);

        ClinicalReport report = ClinicalPipeline.Run(path, Path.Combine(TempDir, "out")).Report;

        Assert.That((report.Modality, report.ModalitySource, report.IntensityUnit), Is.EqualTo(("MR", "intensity", "arbitrary")), "minimum 0 > −500");
        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "read", "bias_correction", "foreground_mask", "statistics", "write_images", "qc_pictures" }));
        // Background stays 0 after dividing by the field; every head voxel stays ≥ 100·e^0 / max field > 0, so Otsu
        // separates exactly the voxel centres inside the 30 mm sphere.
        Assert.That(report.Structures.Single(s => s.Name == "foreground").Voxels, Is.EqualTo(head));
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(TempDir, "out", ClinicalPipeline.ReportFileName));
    }

    [Test]
    public void Run_OneAndTwoThreads_SameStructures()
    {
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(TempDir);

        string One(int threads) => string.Join("\n", ClinicalPipeline.Run(image, Path.Combine(TempDir, $"t{threads}"), labels, Named,
            new ExecutionOptions { MaxDegreeOfParallelism = threads }).Report.Structures);

        Assert.That(One(2), Is.EqualTo(One(1)));
    }

    [Test]
    public void Run_Progress_OneReportPerStepEndingAtOne()
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        var reports = new List<ProgressReport>();

        ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), execution: new ExecutionOptions { Progress = new SyncProgress(reports.Add) });

        Assert.That(reports.Select(r => r.Operation), Is.EqualTo(new[]
        {
            "pipeline: read", "pipeline: resample", "pipeline: body_mask", "pipeline: statistics", "pipeline: write_images", "pipeline: qc_pictures", "pipeline: done",
        }));
        Assert.That(reports.Select(r => r.Fraction), Is.Ordered.Ascending);
        Assert.That(reports[^1].Fraction, Is.EqualTo(1));
    }

    [Test]
    public void Run_CancelledDuringAStep_ThrowsAndWritesNoReport()
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        string output = Path.Combine(TempDir, "out");
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(r =>
        {
            if (r.Operation == "pipeline: body_mask")
            {
                cts.Cancel();
            }
        });

        Assert.Throws(Is.InstanceOf<OperationCanceledException>(),
            () => ClinicalPipeline.Run(image, output, execution: new ExecutionOptions { CancellationToken = cts.Token, Progress = progress }));
        Assert.That(File.Exists(Path.Combine(output, ClinicalPipeline.ReportFileName)), Is.False);
    }

    [Test]
    public void Run_UnreadableInput_MedImagingExceptionNamingTheFile()
    {
        string bad = Path.Combine(TempDir, "bad.nii");
        File.WriteAllBytes(bad, new byte[100]);

        var ex = Assert.Throws<ImageFormatException>(() => ClinicalPipeline.Run(bad, Path.Combine(TempDir, "out")));

        Assert.That(ex!.Path, Is.EqualTo(bad));
    }

    [Test]
    public void Run_NegativeLabel_ImageFormatExceptionNamingTheLabelFile()
    {
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        var labels = new Volume<short>(DemoPhantom.Geometry);
        labels[3, 4, 5] = -2;
        string labelPath = Path.Combine(TempDir, "negative.nii.gz");
        ImageFile.Write(labels, labelPath);

        var ex = Assert.Throws<ImageFormatException>(() => ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), labelPath));

        Assert.That((ex!.Path, ex.Field), Is.EqualTo((labelPath, "voxel values")));
        Assert.That(ex.Message, Does.Contain("-2"));
    }

    /// <summary><see cref="IProgress{T}"/> that calls back on the reporting thread (Progress&lt;T&gt; posts asynchronously).</summary>
    private sealed class SyncProgress(Action<ProgressReport> report) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => report(value);
    }
}
