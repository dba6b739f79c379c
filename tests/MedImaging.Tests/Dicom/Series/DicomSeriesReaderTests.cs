using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

public class DicomSeriesReaderTests
{
    [Test]
    public void Read_GeneratedCtFolder_EqualsTheNiftiPhantom()
    {
        string folder = TestPaths.RequireGenerated("ct_phantom_dicom");
        Volume nifti = ImageFile.Read(TestPaths.RequireGenerated("ct_phantom.nii.gz"));

        DicomSeriesReadResult result = DicomSeriesReader.Read(folder);

        // make_inputs.py: 12-bit unsigned + RescaleIntercept -1024 -> int16 HU, identical voxels to ct_phantom.nii.gz.
        Assert.That(result.Volume.PixelType, Is.EqualTo(PixelType.Int16));
        Assert.That(result.Volume.Size, Is.EqualTo(nifti.Size));
        // NIfTI keeps spacing/origin in float32 (0.7 reads 0.699999988): 1e-4 mm covers it; DICOM DS keeps 0.7.
        Assert.That(Vec3.MaxAbsDifference(result.Volume.Geometry.Spacing, nifti.Geometry.Spacing), Is.LessThan(1e-4));
        Assert.That(Vec3.MaxAbsDifference(result.Volume.Geometry.Origin, nifti.Geometry.Origin), Is.LessThan(1e-4));
        Assert.That(Mat3.MaxAbsDifference(result.Volume.Geometry.Direction, nifti.Geometry.Direction), Is.LessThan(1e-6));
        Assert.That(result.Volume.As<short>().Voxels.SequenceEqual(nifti.As<short>().Voxels), Is.True);
        Assert.That(result.Report.Warnings, Has.Some.Contains("other series"));
    }

    [Test]
    public void Read_IrregularWithErrorPolicy_ThrowsNamingTheIrregularity()
    {
        DicomSeriesInfo series = DicomSeriesScanner.Scan(TestPaths.RequireShared("corpus/ct-tilt-ge-philips/In/GE")).Series.Single();

        var ex = Assert.Throws<SeriesInconsistentException>(() => DicomSeriesReader.Read(series, new DicomSeriesReadOptions { Irregular = IrregularStackPolicy.Error }));
        Assert.That(ex!.Message, Does.Contain("gantry tilt").And.Contain("variable spacing"));
    }
}
