using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>Enhanced and classic multi-frame files read as stacks, against dcm2niix's outputs in world space.</summary>
public class DicomMultiFrameReaderTests
{
    [Test]
    public void Read_SiemensXa10FourFilesOfSixFrames_FourVolumesLikeDcm2niix()
    {
        DicomSeriesInfo series = DicomSeriesScanner.Scan(TestPaths.RequireShared("corpus/mr-enhanced-multiframe/In/Siemens/XA10")).Series.Single();
        VolumeSeries expected = ImageFile.ReadSeries(TestPaths.RequireShared("corpus/mr-enhanced-multiframe/ref-dcm2niix-debian/6_REST1_w_SMS_PF7-8.nii.gz"));

        IReadOnlyList<DicomSeriesReadResult> results = DicomSeriesReader.ReadAll(series);

        // MANIFEST: 4 files (time points) x 6 frames (slices), 64x64.
        DicomSeriesReadResult result = results.Single();
        Assert.That(result.Volumes.Count, Is.EqualTo(4));
        Assert.That(expected.Count, Is.EqualTo(4));
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(64, 64, 6)));
        Assert.That(WorldSpace.MaxCornerDistance(result.Volume.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        for (int v = 0; v < 4; v++)
        {
            WorldSpace.AssertSameValues(result.Volumes[v], expected[v]);
        }
    }

    // Magnitude: dcm2niix's log prints ScaleSlope with 6 significant digits, hence 2e-5 relative. Field map (±500 Hz):
    // dcm2niix's float32 arithmetic on (stored x 0.2442 − 500) / (0.2442 x 4.095) differs from ours by up to 3e-3 Hz
    // near 0 (e.g. −0.1191 vs −0.1221 Hz for stored 2047) and 1.3e-5 relative near 409 Hz: 0.005 Hz + 2e-5 relative.
    [TestCase("T1_M", "801_B0_NS_e1.nii.gz", 1.27985347985347, 8.44864e-06, 2e-5, 0)]
    [TestCase("T1_FIELD_MAP", "801_B0_NS_e2_fieldmaphz.nii.gz", 0.24420024420024, 4.095, 2e-5, 5e-3)]
    public void Read_PhilipsMagnitudeAndFieldMapInOneFile_TwoStacksLikeDcm2niix(string frameType, string reference, double slope, double scaleSlope, double relative, double absolute)
    {
        DicomSeriesInfo series = DicomSeriesScanner.Scan(TestPaths.RequireShared("corpus/mr-enhanced-multiframe/In/Philips")).Series.Single();
        Volume expected = ImageFile.Read(TestPaths.RequireShared($"corpus/mr-enhanced-multiframe/ref-dcm2niix-debian/{reference}"));

        IReadOnlyList<DicomSeriesReadResult> results = DicomSeriesReader.ReadAll(series);

        // MANIFEST: 64 frames = 32 slices x 2 frame types, one stack each.
        Assert.That(results, Has.Count.EqualTo(2));
        DicomSeriesReadResult result = results.Single(r => r.Report.Key.EndsWith("#" + frameType.ToLowerInvariant(), StringComparison.Ordinal));
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(64, 64, 32)));
        Assert.That(result.Report.SplitReasons, Has.Some.Contains("frame type"));
        Assert.That(result.Report.Rescale.Distinct().Single().Slope, Is.EqualTo(slope).Within(1e-12), "the standard per-frame RescaleSlope (dcm2niix log)");
        Assert.That(WorldSpace.MaxCornerDistance(result.Volume.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        // dcm2niix applies the Philips precise scale: display / (RescaleSlope x ScaleSlope) (PMC3998685).
        WorldSpace.AssertSameValues(result.Volume, expected, v => v / (slope * scaleSlope), relative, absolute);
    }

    [Test]
    public void Read_EnhancedCtSupplemental_TwoSlicesLikeDcm2niix()
    {
        string folder = CopyToTemp("corpus/pydicom-data/data/eCT_Supplemental.dcm");
        Volume expected = ImageFile.Read(TestPaths.RequireShared("corpus/pydicom-data/ref-dcm2niix-debian/data__eCT_Supplemental.dcm/3_.nii.gz"));

        DicomSeriesReadResult result = DicomSeriesReader.Read(folder);

        // MANIFEST: enhanced CT, 2 frames 512x512; dcm2niix keeps stored values with scl_slope/scl_inter = HU exactly.
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(512, 512, 2)));
        Assert.That(WorldSpace.MaxCornerDistance(result.Volume.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        WorldSpace.AssertSameValues(result.Volume, expected);
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Read_EnhancedMrOneSharedPosition_OneVolumePerFrame()
    {
        string folder = CopyToTemp("corpus/fo-dicom-testdata/data/MOVEKNEE.dcm");

        DicomSeriesReadResult result = DicomSeriesReader.Read(folder);

        // fo-dicom's MOVEKNEE: Enhanced MR, 19 frames 256x256 sharing one PlanePositionSequence (shared functional
        // group), TemporalPositionIndex 1..19: a cine of one slice, so 19 volumes of one slice.
        Assert.That(result.Volumes.Count, Is.EqualTo(19));
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(256, 256, 1)));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Read_MultiFrameWithoutFunctionalGroups_FramesStackedWithWarning()
    {
        string folder = CopyToTemp("corpus/pydicom-data/data/emri_small.dcm");

        DicomSeriesReadResult result = DicomSeriesReader.Read(folder);

        // pydicom's emri_small: 10 frames 64x64, no functional groups and no ImagePositionPatient.
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(64, 64, 10)));
        Assert.That(result.Report.Warnings, Has.Some.Contains("without per-frame functional groups"));
        Directory.Delete(folder, recursive: true);
    }

    private static string CopyToTemp(string relative)
    {
        string file = TestPaths.RequireShared(relative);
        string folder = TestPaths.NewTempDirectory();
        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
