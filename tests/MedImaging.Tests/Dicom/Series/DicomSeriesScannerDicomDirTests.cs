using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;
using R = MedImaging.Tests.Dicom.DicomDirectoryFixture.Record;

namespace MedImaging.Tests.Dicom.Series;

public class DicomSeriesScannerDicomDirTests : TempDirectoryTest
{
    /// <summary>
    /// A File-set: three slices in SUB/ (written as slice000.dcm.. by SelfMadeSeries), a DICOMDIR listing them in upper
    /// case plus MISSING, and a stray slice copy at the top level that the DICOMDIR does not list.
    /// </summary>
    private void WriteFileSet()
    {
        SelfMadeSeries.Write(Path.Combine(TempDir, "SUB"), [0.0, 1.0, 2.0], "listed");
        File.Copy(Path.Combine(TempDir, "SUB", "slice000.dcm"), Path.Combine(TempDir, "stray.dcm"));
        R[] records =
        [
            new("PATIENT", Lower: 1),
            new("STUDY", Lower: 2),
            new("SERIES", Lower: 3),
            new("IMAGE", ["SUB", "SLICE000.DCM"], Next: 4),
            new("IMAGE", ["SUB", "SLICE001.DCM"], Next: 5),
            new("IMAGE", ["SUB", "MISSING"], Next: 6),
            new("IMAGE", ["SUB", "SLICE002.DCM"]),
        ];
        File.WriteAllBytes(Path.Combine(TempDir, "DICOMDIR"), DicomDirectoryFixture.Build(records));
    }

    [Test]
    public void Scan_FolderWithDicomdir_ScansTheListedFilesOnly()
    {
        WriteFileSet();

        DicomScanResult scan = DicomSeriesScanner.Scan(TempDir);

        Assert.That(scan.DicomDirectoryPath, Is.EqualTo(Path.Combine(TempDir, "DICOMDIR")));
        // The three listed slices (found although the DICOMDIR spells them in upper case); not stray.dcm.
        Assert.That(scan.Series.Single().Images.Select(h => Path.GetRelativePath(TempDir, h.Path)).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { Path.Combine("SUB", "slice000.dcm"), Path.Combine("SUB", "slice001.dcm"), Path.Combine("SUB", "slice002.dcm") }));
        SkippedFile missing = scan.Skipped.Single();
        Assert.That(missing.Path, Is.EqualTo(Path.Combine(TempDir, "SUB", "MISSING")));
        Assert.That(missing.Reason, Does.Contain("listed in DICOMDIR").And.Contain("missing"));
    }

    [Test]
    public void Scan_DicomdirIgnoredByOption_ScansTheFolder()
    {
        WriteFileSet();

        DicomScanResult scan = DicomSeriesScanner.Scan(TempDir, new DicomScanOptions { UseDicomDirectory = false, Recursive = true });

        Assert.That(scan.DicomDirectoryPath, Is.Null);
        // stray.dcm is a copy of slice 0 (same SOP instance), so the series holds 4 files; the DICOMDIR is no image.
        Assert.That(scan.Series.Single().Images, Has.Count.EqualTo(4));
        Assert.That(scan.Skipped.Select(s => Path.GetFileName(s.Path)), Is.EqualTo(new[] { "DICOMDIR" }));
    }

    [Test]
    public void Scan_DicomdirWithLoop_FallsBackToTheFolderAndSaysWhy()
    {
        SelfMadeSeries.Write(TempDir, [0.0, 1.0], "flat");
        File.WriteAllBytes(Path.Combine(TempDir, "DICOMDIR"), DicomDirectoryFixture.Build([new("IMAGE", ["SLICE000.DCM"], Next: 0)]));

        DicomScanResult scan = DicomSeriesScanner.Scan(TempDir);

        Assert.That(scan.DicomDirectoryPath, Is.Null);
        Assert.That(scan.Series.Single().Images, Has.Count.EqualTo(2));
        SkippedFile dicomdir = scan.Skipped.Single();
        Assert.That(dicomdir.Reason, Does.StartWith("DICOMDIR unusable").And.Contain("(0004,1400)").And.Contain("loop"));
    }

    [Test]
    public void Scan_DicomdirListingNothing_ScansTheFolderAndSaysWhy()
    {
        SelfMadeSeries.Write(TempDir, [0.0, 1.0, 2.0], "flat");
        File.WriteAllBytes(Path.Combine(TempDir, "DICOMDIR"), DicomDirectoryFixture.Build([], first: -1));

        DicomScanResult scan = DicomSeriesScanner.Scan(TempDir);

        Assert.That(scan.DicomDirectoryPath, Is.Null);
        Assert.That(scan.Series.Single().Images, Has.Count.EqualTo(3));
        Assert.That(scan.Skipped.Single().Reason, Does.Contain("lists no files"));
    }

    [Test]
    public void Scan_CorpusDicomdirFolder_UsesTheDicomdirList()
    {
        string folder = TestPaths.RequireShared("corpus/pydicom-testfiles-debian/test_files/dicomdirtests");

        DicomScanResult scan = DicomSeriesScanner.Scan(folder);

        // pydicom's FileSet lists 31 instances in this DICOMDIR (see DicomDirectoryCorpusTests); each is either an
        // image of some series or skipped with a reason, and nothing else is read (not the DICOMDIR-* variants).
        Assert.That(scan.DicomDirectoryPath, Is.EqualTo(Path.Combine(folder, "DICOMDIR")));
        string[] seen = [.. scan.Series.SelectMany(s => s.Images.Select(h => h.Path)).Concat(scan.Skipped.Select(s => s.Path)).Distinct()];
        Assert.That(seen, Has.Length.EqualTo(31));
        Assert.That(seen.All(p => Path.GetRelativePath(folder, p).Contains(Path.DirectorySeparatorChar)), Is.True, "only files below the DICOMDIR's folder");
    }
}
