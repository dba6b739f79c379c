using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// JPEG 2000 decoding against the corpus's GDCM (OpenJPEG) fingerprints in pixel-reference.tsv: the canonical
/// SHA-256 prefix must match exactly for lossless (.90) rows.
/// </summary>
[TestFixture]
public sealed class Jpeg2000CodecTests
{
    private const string Lossless = "1.2.840.10008.1.2.4.90";
    private const string Lossy = "1.2.840.10008.1.2.4.91";

    private static IEnumerable<TestCaseData> LosslessRows() =>
        CorpusFiles.PixelReferenceRows()
            .Where(r => r.TransferSyntax == Lossless)
            .Select(r => new TestCaseData(r).SetName($"J2K lossless {r.DataSet}: {r.File}"));

    [TestCaseSource(nameof(LosslessRows))]
    public void Lossless_CorpusFile_MatchesGdcmFingerprint(PixelReferenceRow row)
    {
        TestPaths.RequireShared(Path.Combine("corpus", row.DataSet, row.File));
        string actual = DicomPixelData.Create(DicomFile.Open(row.FullPath)).ComputeCanonicalSha256()[..16];
        Assert.That(actual, Is.EqualTo(row.ASha));
    }
}
