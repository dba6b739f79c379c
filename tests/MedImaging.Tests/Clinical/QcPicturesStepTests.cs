using MedImaging.Clinical;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>
/// The pipeline's <c>qc_pictures</c> step on the analytic demo phantom: three PNGs listed in <c>qc[]</c>, decoded by
/// Pillow, showing the lesion (labels 1 and 2) at the pixel the phantom's geometry predicts with the colours the
/// window and blend formulas give.
/// </summary>
[TestFixture]
public sealed class QcPicturesStepTests : TempDirectoryTest
{
    [Test]
    public void Run_CtPhantomWithLabels_QcPicturesThroughLesionWithLabelColours()
    {
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(TempDir);
        string output = Path.Combine(TempDir, "out");

        ClinicalReport report = ClinicalPipeline.Run(image, output, labels).Report;

        Assert.That(report.Qc.Select(q => (q.File, q.Plane)), Is.EqualTo(new[]
        {
            ("qc_axial.png", "axial"), ("qc_coronal.png", "coronal"), ("qc_sagittal.png", "sagittal"),
        }));
        Assert.That(report.Steps[^1].Name, Is.EqualTo("qc_pictures"));
        PngReference.Decoded axial = PngReference.Decode([Path.Combine(output, "qc_axial.png")])[0];

        // Working grid: 1 mm, origin (−56, −70, −50), 112 × 112 × 110, identity: axial column = x + 56, row = y + 70.
        Assert.That((axial.Mode, axial.Width, axial.Height), Is.EqualTo(("RGB", 112, 112)));
        // The labels' centroid is the lesion centre (14, −21, 10) (concentric labels): the plane z = 10 is a slice.
        Assert.That(report.Qc[0].Description, Does.Contain("(14, -21, 10) LPS mm"));
        Volume<short> hu = ImageFile.Read(Path.Combine(output, "image.nii.gz")).As<short>();

        // Lesion core (label 2, green), 100 HU 10 mm inside the surface: grey ⌊255·260/400 + 0.5⌋ = 166; fill α 0.3:
        // R = B = ⌊0.7·166 + 0.5⌋ = 116, G = ⌊0.7·166 + 0.3·255 + 0.5⌋ = 193.
        Assert.That(Pixel(axial, 70, 49), Is.EqualTo(new byte[] { 116, 193, 116 }));
        // Lesion shell (label 1, red) 10 mm toward the patient's left, i.e. 10 columns right; body (no label) 25 mm
        // toward the right, 25 columns left. Expected from the working image's HU there and the same formulas.
        byte shell = Grey(hu[80, 49, 60]), body = Grey(hu[45, 49, 60]);
        Assert.That(Pixel(axial, 80, 49), Is.EqualTo(new[] { Blend(shell, 255), Blend(shell, 0), Blend(shell, 0) }));
        Assert.That(Pixel(axial, 45, 49), Is.EqualTo(new[] { body, body, body }));
        Assert.That(body, Is.EqualTo(102), "0 HU water: ⌊255·160/400 + 0.5⌋");
        // Last: skips (Assert.Ignore) when python3-jsonschema is missing.
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(output, ClinicalPipeline.ReportFileName));
    }

    private static byte Grey(short hu) => (byte)Math.Clamp(Math.Floor(255 * (hu + 160) / 400.0 + 0.5), 0, 255);

    private static byte Blend(byte grey, byte colour) => (byte)Math.Floor(0.7 * grey + 0.3 * colour + 0.5);

    private static byte[] Pixel(PngReference.Decoded png, int column, int row) => png.Raw[(3 * (row * png.Width + column))..(3 * (row * png.Width + column) + 3)];
}
