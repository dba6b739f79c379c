using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// YBR_FULL(_422) → RGB against two outside decoders that agree: pydicom 2.3.1's <c>convert_color_space</c> and
/// DCMTK's conversion (pixel-reference.tsv: <c>SC_rgb_dcmtk_ebcyn2_dcmd.dcm</c>, B of <c>SC_rgb_dcmtk_+eb+cy+n2.dcm</c>),
/// both <c>ddb100d8f45a7fbf</c>; exact (8-bit integers).
/// </summary>
[TestFixture]
public sealed class ColorTests
{
    [TestCase("pydicom-data/data/SC_ybr_full_uncompressed.dcm")]
    [TestCase("pydicom-testfiles-debian/test_files/SC_ybr_full_422_uncompressed.dcm")]
    public void GetFrameRgb_YbrFull_MatchesPydicomAndDcmtk(string relative)
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", relative));
        byte[] rgb = DicomPixelData.Create(DicomFile.Open(path)).GetFrameRgb(0);
        Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(rgb))[..16], Is.EqualTo("ddb100d8f45a7fbf"));
    }

    [Test]
    public void GetFrameRgb_Monochrome_ThrowsNamingPhotometric()
    {
        var pixels = DicomPixelData.Create(DicomFile.Open(TestPaths.TestData("dicom/implicit_le.dcm")));
        var ex = Assert.Throws<DicomFormatException>(() => pixels.GetFrameRgb(0));
        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.PhotometricInterpretation));
    }
}
