using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// Patient names of the corpus's character-set samples (D. Clunie's files, raw bytes listed in
/// charset_files/FileInfo.txt) against the decoded names given in DICOM PS3.5 Annexes H (Japanese), I (Korean),
/// J (Chinese) and the ISO 8859 code charts.
/// </summary>
[TestFixture]
public sealed class CharacterSetTests
{
    [TestCase("chrArab.dcm", "قباني^لنزار")]
    [TestCase("chrFren.dcm", "Buc^Jérôme")]
    [TestCase("chrGerm.dcm", "Äneas^Rüdiger")]
    [TestCase("chrGreek.dcm", "Διονυσιος")]
    [TestCase("chrHbrw.dcm", "שרון^דבורה")]
    [TestCase("chrRuss.dcm", "Люкceмбypг")]
    [TestCase("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [TestCase("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    [TestCase("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동")]
    [TestCase("chrX1.dcm", "Wang^XiaoDong=王^小東=")]
    [TestCase("chrX2.dcm", "Wang^XiaoDong=王^小东=")]
    public void PatientName_CharsetSample_DecodesAsStandard(string file, string expected)
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", "pydicom-testfiles-debian", "charset_files", file));
        Assert.That(DicomFile.Open(path).Dataset.GetString(DicomTag.PatientName), Is.EqualTo(expected));
    }

    [Test]
    public void PatientName_SequenceItemWithOwnCharacterSet_UsesIt()
    {
        // chrSQEncoding.dcm: dataset ISO_IR 192, sequence item ISO 2022 IR 13/87 (FileInfo.txt), Annex H names.
        string path = TestPaths.RequireShared("corpus/pydicom-testfiles-debian/charset_files/chrSQEncoding.dcm");
        DicomDataset ds = DicomFile.Open(path).Dataset;
        DicomDataset item = ds.Elements.First(e => e.Items is { Count: > 0 }).Items![0];
        Assert.That(item.GetString(DicomTag.PatientName), Is.EqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"));
    }

    [Test]
    public void Decode_NoEscapesLatin1_RoundTripsThroughEncode()
    {
        DicomCharacterSet latin1 = DicomCharacterSet.FromTerms(["ISO_IR 100"]);
        byte[] bytes = latin1.Encode("Müller^Jürgen ", DicomVR.PN);
        Assert.That(bytes, Has.Length.EqualTo(14), "one byte per character in ISO 8859-1");
        Assert.That(latin1.DecodeText(bytes, DicomVR.PN), Is.EqualTo("Müller^Jürgen"));
    }
}
