using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

public class DicomSeriesReaderMosaicTests
{
    private static DicomSeriesInfo SeriesOf(string folder, string fileName) =>
        DicomSeriesScanner.Scan(TestPaths.RequireShared(folder)).Series.Single(s => Path.GetFileName(s.Images[0].Path) == fileName);

    // MANIFEST: upstream Ref/1..9.nii (dcm2niix v1.0.20260620) are the de-mosaicked 64x64x35 volumes; all nine files
    // hold the same pixels in different transfer syntaxes (7, 8: JPEG-LS; 9: JPEG 2000 lossless).
    [TestCase("1.dcm", "1.nii")]
    [TestCase("2.dcm", "2.nii")]
    [TestCase("3.dcm", "3.nii")]
    [TestCase("4.dcm", "4.nii")]
    [TestCase("5.dcm", "5.nii")]
    [TestCase("6.dcm", "6.nii")]
    [TestCase("7.dcm", "1.nii")]
    [TestCase("8.dcm", "1.nii")]
    [TestCase("9.dcm", "1.nii")]
    public void Read_TransferSyntaxMosaic_MatchesDcm2niixInWorldSpace(string file, string reference) =>
        AssertMatchesReference("corpus/mr-siemens-transfer-syntaxes", file, reference);

    // MANIFEST: 12-bit stored in 16 with junk above bit 11 (2, 3) and signed 12-bit (4). Debian's 4_* is suspect (no
    // sign extension); upstream Ref/2,3,4.nii agree with pixel-reference.tsv.
    [TestCase("12bitUnsigned.dcm", "2.nii")]
    [TestCase("12bitUnsigned_0x0F0F.dcm", "3.nii")]
    [TestCase("12bitSigned_0x0F0F.dcm", "4.nii")]
    public void Read_TwelveBitMosaic_MatchesUpstreamDcm2niix(string file, string reference) =>
        AssertMatchesReference("corpus/mr-siemens-12bit", file, reference);

    private static void AssertMatchesReference(string set, string file, string reference)
    {
        DicomSeriesInfo series = SeriesOf($"{set}/In", file);
        Volume expected = ImageFile.Read(TestPaths.RequireShared($"{set}/Ref/{reference}"));

        Volume ours = DicomSeriesReader.Read(series).Volume;

        // Both corpora: 35 tiles of 64x64 in a 384x384 mosaic (MANIFEST), de-mosaicked by dcm2niix to 64x64x35.
        Assert.That(ours.Size, Is.EqualTo(new Size3(64, 64, 35)));
        Assert.That(WorldSpace.MaxCornerDistance(ours.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        Assert.That(WorldSpace.AssertSameValues(ours, expected), Is.EqualTo(64L * 64 * 35));
    }
}
