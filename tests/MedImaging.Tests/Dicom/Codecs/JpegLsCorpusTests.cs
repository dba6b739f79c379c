using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// Every JPEG-LS file of the shared corpus (.4.80 and .4.81 rows of pixel-reference.tsv) against the GDCM/CharLS
/// fingerprint A: exact equality of the canonical SHA-256 prefix (lossless and near-lossless decoding are both
/// deterministic integer procedures, so any difference is a bug).
/// </summary>
[TestFixture]
public sealed class JpegLsCorpusTests
{
    private static IEnumerable<TestCaseData> Rows() =>
        CorpusFiles.PixelReferenceRows()
            .Where(r => r.TransferSyntax is "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81")
            .Select(r => new TestCaseData(r).SetName($"JpegLs {r.DataSet}: {r.File}"));

    [TestCaseSource(nameof(Rows))]
    public void Hash_JpegLsCorpusFile_MatchesGdcm(PixelReferenceRow row)
    {
        TestPaths.RequireShared(Path.Combine("corpus", row.DataSet, row.File));
        Assert.That(row.ASha, Is.Not.Empty, "every JPEG-LS row of the corpus has a GDCM fingerprint");
        string actual = DicomPixelData.Create(DicomFile.Open(row.FullPath)).ComputeCanonicalSha256()[..16];
        Assert.That(actual, Is.EqualTo(row.ASha), $"B (DCMTK) = {row.BSha}");
    }
}
