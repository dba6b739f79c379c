using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// Every file of the shared corpus (DICOM and the helper files beside them) either parses or fails with a
/// DicomFormatException naming the file; the deliberately broken ones fail as MANIFEST.md says.
/// </summary>
[TestFixture]
public sealed class CorpusParseTests
{
    /// <summary>Files MANIFEST.md says must fail clearly (truncated); parsing them fully must throw.</summary>
    private static readonly string[] MustFail =
    [
        "pydicom-testfiles-debian/test_files/MR_truncated.dcm",
        "pydicom-testfiles-debian/test_files/rtplan_truncated.dcm",
        "fo-dicom-testdata/data/GH1146.dcm",
    ];

    /// <summary>
    /// Meta-less, missing-transfer-syntax, bad-VR and private/UN-sequence files MANIFEST.md lists, with the top-level
    /// element count and encoding pydicom 2.3.1 reports for them (<c>len(dcmread(f, force=True))</c>,
    /// <c>is_little_endian</c>, <c>is_implicit_VR</c>).
    /// </summary>
    private static readonly object[] MustParse =
    [
        new object[] { "pydicom-testfiles-debian/test_files/ExplVR_BigEndNoMeta.dcm", 24, false, true },
        new object[] { "pydicom-testfiles-debian/test_files/ExplVR_LitEndNoMeta.dcm", 24, true, true },
        new object[] { "pydicom-testfiles-debian/test_files/no_meta_group_length.dcm", 3, true, false },
        new object[] { "pydicom-testfiles-debian/test_files/meta_missing_tsyntax.dcm", 2, true, false },
        new object[] { "pydicom-testfiles-debian/test_files/badVR.dcm", 45, true, true },
        new object[] { "pydicom-testfiles-debian/test_files/UN_sequence.dcm", 1, true, true },
        new object[] { "pydicom-testfiles-debian/test_files/priv_SQ.dcm", 2, true, false },
        new object[] { "pydicom-testfiles-debian/test_files/nested_priv_SQ.dcm", 2, true, false },
    ];

    [Test]
    public void Open_EveryCorpusFile_ParsesOrFailsNamingFile()
    {
        TestPaths.RequireShared("corpus");
        int parsed = 0;
        var failures = new List<string>();
        foreach (string relative in CorpusFiles.AllInputFiles())
        {
            string path = Path.Combine(CorpusFiles.Root, relative);
            try
            {
                DicomFile.Open(path);
                parsed++;
            }
            catch (DicomFormatException ex)
            {
                Assert.That(ex.FilePath, Is.EqualTo(path));
                Assert.That(ex.Message, Does.Contain(Path.GetFileName(path)));
                failures.Add(relative);
            }
        }

        TestContext.Out.WriteLine($"{parsed} parsed, {failures.Count} rejected: {string.Join(", ", failures.Where(f => f.EndsWith(".dcm", StringComparison.Ordinal)))}");
        Assert.That(parsed, Is.GreaterThan(700), "the corpus holds over 700 DICOM files");
        Assert.That(failures.Intersect(MustParse.Select(c => (string)((object[])c)[0])), Is.Empty);
    }

    [TestCaseSource(nameof(MustFail))]
    public void Open_BrokenFile_ThrowsWithOffsetAndTag(string relative)
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", relative));
        var ex = Assert.Throws<DicomFormatException>(() => DicomPixelData.Create(DicomFile.Open(path)).GetFrame(0));
        Assert.That(ex!.Offset, Is.GreaterThanOrEqualTo(0));
        Assert.That(ex.Tag, Is.Not.Null);
    }

    [TestCaseSource(nameof(MustParse))]
    public void Open_UnusualEncoding_SameElementsAndEncodingAsPydicom(string relative, int elements, bool littleEndian, bool explicitVR)
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", relative));
        DicomFile file = DicomFile.Open(path);
        Assert.Multiple(() =>
        {
            Assert.That(file.Dataset.Count, Is.EqualTo(elements));
            Assert.That(file.TransferSyntax.IsBigEndian, Is.EqualTo(!littleEndian));
            Assert.That(file.TransferSyntax.IsExplicitVR, Is.EqualTo(explicitVR));
        });
    }

    [Test]
    public void Open_IconImageSequence_TopLevelPixelDataIsTheImage()
    {
        string path = TestPaths.RequireShared("corpus/fo-dicom-testdata/data/JPEGwithIcon.dcm");
        var pixels = DicomPixelData.Create(DicomFile.Open(path));
        Assert.That((pixels.Rows, pixels.Columns), Is.EqualTo((600, 600)), "pixel-reference.tsv: 600x600 (the icon is smaller)");
    }
}
