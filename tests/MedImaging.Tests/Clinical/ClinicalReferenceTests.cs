using System.Text.Json;
using MedImaging.Clinical;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>
/// End to end on the generated CT phantom's DICOM series (512 × 512 × 128, 0.7 × 0.7 × 5 mm, 12 HU noise) with the
/// generator's liver and lesion masks as labels: the report's label statistics against nibabel + numpy on the very
/// files the pipeline wrote (Scripts/label_stats.py), and the liver volume against the generator's voxel count.
/// </summary>
[TestFixture]
[Category("Reference")]
public sealed class ClinicalReferenceTests : TempDirectoryTest
{
    [Test]
    public void Pipeline_CtPhantomDicomWithLiverLabels_StatisticsMatchNibabelOnTheWrittenFiles()
    {
        string dicom = TestPaths.RequireGenerated("ct_phantom_dicom");
        Volume<byte> liver = ImageFile.Read(TestPaths.RequireGenerated("ct_liver_mask.nii.gz")).As<byte>();
        Volume<byte> lesion = ImageFile.Read(TestPaths.RequireGenerated("ct_lesion_mask.nii.gz")).As<byte>();
        ExternalTool.RequireNibabelPython();
        // Labels: 1 = liver, 2 = lesion (drawn over the liver).
        Volume<byte> labels = ImageFilters.Mask(liver, liver);
        Span<byte> l = labels.Voxels;
        ReadOnlySpan<byte> s = lesion.Voxels;
        for (int i = 0; i < l.Length; i++)
        {
            l[i] = s[i] != 0 ? (byte)2 : l[i];
        }

        string labelPath = Path.Combine(TempDir, "liver_lesion.nii.gz");
        ImageFile.Write(labels, labelPath);
        string output = Path.Combine(TempDir, "out");
        // 2 mm keeps the test fast (10 M voxels instead of 82 M at 1 mm); the statistics code is the same.
        var options = new PipelineOptions
        {
            Ct = new CtPipelineOptions { Spacing = [2, 2, 2], BoneMask = true },
            LabelNames = new Dictionary<int, string> { [1] = "liver", [2] = "lesion" },
        };

        ClinicalReport report = ClinicalPipeline.Run(dicom, output, labelPath, options).Report;

        Assert.That((report.Modality, report.ModalitySource, report.Input.Files.Count), Is.EqualTo(("CT", "dicom", 128)));
        Assert.That(report.GeometryAfter.Size, Is.EqualTo(new[] { 179, 179, 320 }), "512·0.7/2 = 179.2, 128·5/2 = 320");
        using JsonDocument numpy = ClinicalTestData.NibabelLabelStatistics(Path.Combine(output, "image.nii.gz"), Path.Combine(output, "labels.nii.gz"));
        foreach (StructureResult structure in report.Structures.Where(x => x.Source == "labels"))
        {
            JsonElement truth = numpy.RootElement.GetProperty(structure.Label.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(structure.Voxels, Is.EqualTo(truth.GetProperty("voxels").GetInt64()), structure.Name);
            // nibabel's voxel volume comes from the float32 sform: 1e-6 relative.
            Assert.That(structure.VolumeMl, Is.EqualTo(truth.GetProperty("volume_ml").GetDouble()).Within(1e-6).Percent, structure.Name);
            // Sums of int16 values in double are exact below 2^53; numpy's pairwise sum and ours agree to rounding.
            Assert.That(structure.Mean, Is.EqualTo(truth.GetProperty("mean").GetDouble()).Within(1e-9).Percent, structure.Name);
            Assert.That(structure.Sd, Is.EqualTo(truth.GetProperty("sd").GetDouble()).Within(1e-9).Percent, structure.Name);
            Assert.That((structure.Min, structure.Max, structure.Median),
                Is.EqualTo(((double?)truth.GetProperty("min").GetDouble(), (double?)truth.GetProperty("max").GetDouble(), (double?)truth.GetProperty("median").GetDouble())), structure.Name);
            // The NIfTI affine holds float32 origin and spacing: −702.5 mm is exact, spacing 2 exact; 1e-4 mm covers float32 rounding of the RAS flip.
            Assert.That(structure.CentroidLps, Is.EqualTo(truth.GetProperty("centroid_lps").EnumerateArray().Select(v => v.GetDouble())).Within(1e-4), structure.Name);
            Assert.That(structure.BboxIndex, Is.EqualTo(truth.GetProperty("bbox_index").EnumerateArray().Select(v => v.GetInt32())), structure.Name);
            Assert.That(structure.BboxSize, Is.EqualTo(truth.GetProperty("bbox_size").EnumerateArray().Select(v => v.GetInt32())), structure.Name);
        }

        // truth.json: liver_voxels 769628 of 0.7 × 0.7 × 5 mm = 1885.59 mL (liver and lesion labels together here).
        // Nearest-neighbour resampling to 2 mm moves each face by < 1 mm along its axis; the liver ellipsoid
        // (semi-axes 75, 60, 100 mm) projects ≤ 2·(π·60·100 + π·75·100 + π·75·60) = 113 000 mm² onto the three
        // axis planes: |error| ≤ 113 mL. Measured below: see docs/ACCURACY.md.
        double ml = report.Structures.Where(x => x.Source == "labels").Sum(x => x.VolumeMl);
        Assert.That(ml, Is.EqualTo(769628 * 0.7 * 0.7 * 5 / 1000).Within(113));
        TestContext.Out.WriteLine($"liver+lesion {ml:F3} mL vs 1885.589 mL on the source grid");
        ClinicalTestData.AssertValid(ClinicalTestData.SchemaPath, Path.Combine(output, ClinicalPipeline.ReportFileName));
    }
}
