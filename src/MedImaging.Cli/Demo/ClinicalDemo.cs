using MedImaging.Clinical;
using MedImaging.Dicom.Series;
using MedImaging.IO;

namespace MedImaging.Cli.Demo;

/// <summary>One known answer of the demo.</summary>
/// <param name="Name">What is checked, e.g. "lesion_volume_ml".</param>
/// <param name="Expected">The analytic value.</param>
/// <param name="Measured">The value in the pipeline's report.</param>
/// <param name="Tolerance">Largest accepted |measured − expected|.</param>
/// <param name="Reason">Why the tolerance is what it is.</param>
internal sealed record DemoCheck(string Name, double Expected, double Measured, double Tolerance, string Reason)
{
    /// <summary>|measured − expected| ≤ tolerance.</summary>
    public bool Pass => Math.Abs(Measured - Expected) <= Tolerance;
}

/// <summary>The outcome of <see cref="ClinicalDemo.Run"/>.</summary>
/// <param name="Pipeline">The pipeline's report and its path.</param>
/// <param name="DicomFolder">The synthetic series that was written.</param>
/// <param name="Checks">Every known answer against the report.</param>
internal sealed record ClinicalDemoResult(ClinicalPipelineResult Pipeline, string DicomFolder, IReadOnlyList<DemoCheck> Checks)
{
    /// <summary>True when every check passes.</summary>
    public bool Passed => Checks.All(c => c.Pass);
}

/// <summary>
/// The built-in demonstration with known answers: writes a synthetic CT as a DICOM series (air, an ellipsoidal water
/// body, a 100 HU lesion sphere; 0.7 × 0.7 × 2.5 mm slices) and a lesion label image, runs <see cref="ClinicalPipeline"/>
/// on them with the default options, and compares the report with the analytic answers. Part of the tool, not of the
/// library package: a library user has no use for a phantom.
/// </summary>
internal static class ClinicalDemo
{
    /// <summary>Runs the demo: inputs under <c>OUTDIR/input/</c>, the pipeline's outputs and report in <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The output folder (created when missing).</param>
    /// <param name="execution">Threads, cancellation, progress.</param>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public static ClinicalDemoResult Run(string outputDirectory, ExecutionOptions? execution = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        string dicom = Path.Combine(outputDirectory, "input", "dicom");
        string labels = Path.Combine(outputDirectory, "input", "lesion_labels.nii.gz");
        DicomSeriesWriter.Write(DemoPhantom.Create(), dicom, new DicomSeriesWriteOptions { SeriesDescription = "MedImaging demo phantom", SeriesNumber = 1 });
        ImageFile.Write(DemoPhantom.Labels(), labels);
        var options = new PipelineOptions { LabelNames = new Dictionary<int, string> { [1] = "lesion", [2] = "lesion_core" } };
        ClinicalPipelineResult result = ClinicalPipeline.Run(dicom, outputDirectory, labels, options, execution);
        return new ClinicalDemoResult(result, dicom, Checks(result.Report));
    }

    private static List<DemoCheck> Checks(ClinicalReport report)
    {
        VolumeGeometry g = DemoPhantom.Geometry;
        double originalHalfDiagonal = g.Spacing.Length / 2;
        StructureResult? body = report.Structures.FirstOrDefault(s => s.Name == "body");
        StructureResult? lesion = report.Structures.FirstOrDefault(s => s is { Source: "labels", Label: 1 });
        StructureResult? core = report.Structures.FirstOrDefault(s => s is { Source: "labels", Label: 2 });
        double bodyArea = 4 * Math.PI * Math.Pow(DemoPhantom.BodySemiAxes.X, 2);
        double lesionArea = 4 * Math.PI * DemoPhantom.LesionRadius * DemoPhantom.LesionRadius;
        Vec3 centroid = lesion?.CentroidLps is [double x, double y, double z] ? new Vec3(x, y, z) : new Vec3(double.NaN, 0, 0);
        const string Boundary = "a voxel takes the value at its centre, so the sampled surface lies within half a voxel diagonal "
            + "(½·|(0.7, 0.7, 2.5)| = 1.35 mm) of the true one: |error| ≤ surface area × 1.35 mm";
        return
        [
            new("dicom_slices", g.Size.Z, report.Input.Files.Count, 0, "one DICOM file per slice written and read back"),
            new("modality_ct_from_dicom", 1, report is { Modality: "CT", ModalitySource: "dicom" } ? 1 : 0, 0, "the series' Modality attribute is CT"),
            new("resampled_voxels", 112.0 * 112 * 110, report.GeometryAfter.Size.Aggregate(1.0, (p, s) => p * s), 0,
                "112 × 112 × 110 mm at 1 mm: size = round(size · spacing / 1 mm) per axis"),
            new("body_volume_ml", DemoPhantom.BodyVolumeMl, body?.VolumeMl ?? double.NaN, bodyArea * originalHalfDiagonal / 1000,
                Boundary + " (area bounded by the sphere of the largest semi-axis); the −500 HU threshold is midway between air and water"),
            new("lesion_volume_ml", DemoPhantom.LesionVolumeMl, lesion?.VolumeMl ?? double.NaN, lesionArea * (originalHalfDiagonal + Math.Sqrt(3) / 2) / 1000,
                Boundary + ", plus half the 1 mm voxel diagonal (0.87 mm) moved by nearest-neighbour label resampling"),
            new("lesion_core_mean_hu", DemoPhantom.Lesion, core?.Mean ?? double.NaN, 0,
                "10 mm (4 slices) inside the surface the cubic B-spline's ringing (decaying by 2 − √3 ≈ 0.27 per sample) is below 0.5 HU, so int16 rounding gives 100 exactly"),
            new("lesion_core_sd_hu", 0, core?.Sd ?? double.NaN, 0, "the core is homogeneous after resampling (previous check)"),
            new("lesion_centroid_error_mm", 0, (centroid - DemoPhantom.LesionCentre).Length, 1e-6,
                "the lesion centre lies on a voxel centre of both grids and nearest-neighbour resampling has no ties here, so the label is symmetric about it (1e-6 mm: floating-point rounding)"),
        ];
    }
}
