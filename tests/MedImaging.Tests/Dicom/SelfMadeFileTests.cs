using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// The pydicom-written files in testdata/dicom (see testdata/README.md); expected values are the ones
/// tools/make_dicom_testdata.py wrote, never our own output.
/// </summary>
[TestFixture]
public sealed class SelfMadeFileTests
{
    /// <summary>The canonical values the script stored (12-bit signed, junk above HighBit on odd pixels).</summary>
    private static readonly short[] Canonical = [.. Enumerable.Range(0, 12).Select(i => (short)((((i * 300) - 1800 + 2048) % 4096 + 4096) % 4096 - 2048))];

    [TestCase("implicit_le.dcm", "1.2.840.10008.1.2")]
    [TestCase("explicit_be.dcm", "1.2.840.10008.1.2.2")]
    [TestCase("sequences_undefined_length.dcm", "1.2.840.10008.1.2.1")]
    public void Open_SelfMadeFile_ValuesAsWritten(string name, string transferSyntax)
    {
        DicomFile file = DicomFile.Open(TestPaths.TestData(Path.Combine("dicom", name)));
        DicomDataset ds = file.Dataset;
        Assert.Multiple(() =>
        {
            Assert.That(file.TransferSyntax.Uid, Is.EqualTo(transferSyntax));
            Assert.That(ds.GetString(DicomTag.PatientName), Is.EqualTo("Müller^Jürgen"));
            Assert.That(ds.GetPersonName(DicomTag.PatientName).GivenName, Is.EqualTo("Jürgen"));
            Assert.That(ds.GetString(DicomTag.PatientID), Is.EqualTo("ID 42"));
            Assert.That(ds.GetDoubles(DicomTag.ImagePositionPatient), Is.EqualTo(new[] { -125.0, 0.5, 3.0 }));
            Assert.That(ds.GetDoubles(DicomTag.PixelSpacing), Is.EqualTo(new[] { 0.5, 0.25 }));
            Assert.That(ds.GetInt32(DicomTag.SeriesNumber), Is.EqualTo(7));
            Assert.That(ds.GetDouble(DicomTag.RescaleIntercept), Is.EqualTo(-1024.0));
            Assert.That(ds.GetInt32(DicomTag.Rows), Is.EqualTo(3));
            Assert.That(ds.TryGetDate(DicomTag.StudyDate, out DateOnly date) ? date : default, Is.EqualTo(new DateOnly(2024, 2, 29)));
        });
        var pixels = DicomPixelData.Create(file);
        short[] values = new short[12];
        pixels.CopyFrameTo<short>(0, values);
        Assert.That(values, Is.EqualTo(Canonical));
    }

    [TestCase(1, "index")]
    [TestCase(-1, "index")]
    [TestCase(0, "destination")]
    public void CopyFrameTo_FrameOutsideOrShortDestination_NamesTheArgument(int index, string named)
    {
        var pixels = DicomPixelData.Create(DicomFile.Open(TestPaths.TestData("dicom/implicit_le.dcm")));
        short[] values = new short[named == "destination" ? 11 : 12];

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pixels.CopyFrameTo<short>(index, values));

        Assert.That(ex!.ParamName, Is.EqualTo(named));
    }

    [Test]
    public void Open_UndefinedLengthSequences_ItemsAndNestedItems()
    {
        DicomDataset ds = DicomFile.Open(TestPaths.TestData("dicom/sequences_undefined_length.dcm")).Dataset;
        IReadOnlyList<DicomDataset> items = ds.GetSequence(DicomTag.ReferencedImageSequence);
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[1].GetString(DicomTag.ReferencedSOPInstanceUid), Is.EqualTo("1.2.3.2"));
        DicomDataset nested = items[1].GetSequence(DicomTag.AnatomicRegionSequence)[0];
        Assert.That(nested.GetString(DicomTag.CodeMeaning), Is.EqualTo("Head"));
        Assert.That(nested.CharacterSet.Terms, Is.EqualTo(new[] { "ISO_IR 100" }), "items inherit the character set");
    }

    [Test]
    public void Open_HeaderOnly_StopsBeforePixelData()
    {
        DicomFile file = DicomFile.Open(TestPaths.TestData("dicom/implicit_le.dcm"), DicomReadOptions.HeaderOnly);
        Assert.That(file.Dataset.Contains(DicomTag.PixelData), Is.False);
        Assert.That(file.PixelDataOffset, Is.EqualTo(656), "offset of (7FE0,0010) as the script printed it");
        Assert.That(file.Dataset.GetInt32(DicomTag.Columns), Is.EqualTo(4));
    }

    [Test]
    public void Open_Truncated_NamesTagAndOffset()
    {
        string path = TestPaths.TestData("dicom/truncated.dcm");
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.PixelData));
        Assert.That(ex.Offset, Is.EqualTo(656));
        Assert.That(ex.FilePath, Is.EqualTo(path));
    }

    [Test]
    public void Open_AbsurdLength_NamesTagOffsetAndLength()
    {
        string path = TestPaths.TestData("dicom/absurd_length.dcm");
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.PixelData));
        Assert.That(ex.Offset, Is.EqualTo(656));
        Assert.That(ex.Message, Does.Contain("4294967290").And.Contain("(7FE0,0010)").And.Contain("absurd_length.dcm"));
    }

    [Test]
    public void Open_AbsurdLength_HeaderOnlyStillReadsHeader()
    {
        DicomFile file = DicomFile.Open(TestPaths.TestData("dicom/absurd_length.dcm"), DicomReadOptions.HeaderOnly);
        Assert.That(file.Dataset.GetString(DicomTag.Modality), Is.EqualTo("CT"));
    }

    [TestCase("1.5\\-2.25e1 \\ 3 ", new[] { 1.5, -22.5, 3.0 })]
    [TestCase("  +7.0E-1\0", new[] { 0.7 })]
    [TestCase("", new double[0])]
    public void GetDoubles_DecimalStringForms_ParsedInvariantly(string text, double[] expected)
    {
        var ds = new DicomDataset();
        ds.AddOrReplace(new DicomElement(DicomTag.SliceThickness, DicomVR.DS, System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.That(ds.GetDoubles(DicomTag.SliceThickness), Is.EqualTo(expected));
    }

    [Test]
    public void GetDoubles_NotANumber_ThrowsNamingTag()
    {
        var ds = new DicomDataset("made-up");
        ds.AddOrReplace(new DicomElement(DicomTag.SliceThickness, DicomVR.DS, "1,5 "u8.ToArray()));
        var ex = Assert.Throws<DicomFormatException>(() => ds.GetDoubles(DicomTag.SliceThickness));
        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.SliceThickness));
    }
}
