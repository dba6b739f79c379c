using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

public class DicomSeriesScannerTests
{
    [Test]
    public void Scan_GeneratedCtFolder_FindsCtAndScoutAndSkipsReadme()
    {
        string folder = TestPaths.RequireGenerated("ct_phantom_dicom");

        DicomScanResult scan = DicomSeriesScanner.Scan(folder);

        // make_inputs.py writes 128 axial CT slices, a 2-image scout series (coronal + sagittal) and README.txt.
        DicomSeriesInfo ct = scan.Series.Single(s => s.Images.Count == 128);
        Assert.That(ct.Modality, Is.EqualTo("CT"));
        Assert.That(ct.SplitReasons, Is.Empty);
        int scoutImages = scan.Series.Where(s => s != ct).Sum(s => s.Images.Count);
        Assert.That(scoutImages, Is.EqualTo(2));
        Assert.That(scan.Series.Where(s => s != ct).All(s => s.SeriesInstanceUid != ct.SeriesInstanceUid), Is.True);
        Assert.That(scan.Skipped.Select(s => Path.GetFileName(s.Path)), Is.EqualTo(new[] { "README.txt" }));
    }

    [Test]
    public void Scan_CtTiltCorpus_SplitsThreeSeriesAndSkipsDirectoryFiles()
    {
        string folder = TestPaths.RequireShared("corpus/ct-tilt-ge-philips/In");

        DicomScanResult scan = DicomSeriesScanner.Scan(folder, new DicomScanOptions { Recursive = true });

        // MANIFEST: GE series 2 (28 slices), Philips localizer 100 (1) and axial 201 (28); two DIRFILEs are not images.
        Assert.That(scan.Series.Select(s => (s.SeriesNumber, s.Images.Count)), Is.EqualTo(new (int?, int)[] { (2, 28), (100, 1), (201, 28) }));
        Assert.That(scan.Skipped.Count(s => Path.GetFileName(s.Path) == "DIRFILE"), Is.EqualTo(2));
    }

    [Test]
    public void Scan_OneUidManySeriesNumbers_SplitsBySeriesNumber()
    {
        string folder = TestPaths.RequireShared("corpus/mr-siemens-transfer-syntaxes/In");

        DicomScanResult scan = DicomSeriesScanner.Scan(folder, new DicomScanOptions { Recursive = true });

        // MANIFEST: nine files, one SeriesInstanceUID, SeriesNumbers 1..9 (the same mosaic in nine transfer syntaxes).
        Assert.That(scan.Series, Has.Count.EqualTo(9));
        Assert.That(scan.Series.Select(s => s.SeriesNumber), Is.EqualTo(Enumerable.Range(1, 9).Select(i => (int?)i)));
        Assert.That(scan.Series.All(s => s.SplitReasons.Contains("SeriesNumber differs")), Is.True);
    }
}
