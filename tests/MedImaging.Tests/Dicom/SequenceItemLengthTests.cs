using System.Buffers.Binary;
using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// An item of defined length that claims more bytes than its defined-length sequence has left (pydicom's
/// DICOMDIR-nooffset, edited without fixing the last item's length): read up to the sequence's end, as DCMTK's dcmdump
/// and pydicom read it, while the elements inside are still checked against that end.
/// </summary>
public class SequenceItemLengthTests
{
    /// <summary>Part 10 bytes: (0008,1115) SQ of <paramref name="sequenceLength"/> holding one item that claims
    /// <paramref name="itemLength"/> bytes and contains PatientName "AB^C"; then PatientID "ID42" at top level.</summary>
    private static byte[] File(uint sequenceLength, uint itemLength)
    {
        var bytes = new List<byte>(new byte[128]);
        bytes.AddRange("DICM"u8.ToArray());
        byte[] ts = Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1\0");
        Short(bytes, DicomTag.FileMetaInformationGroupLength, "UL", 4);
        Int(bytes, 8 + (uint)ts.Length);
        Short(bytes, DicomTag.TransferSyntaxUid, "UI", (ushort)ts.Length);
        bytes.AddRange(ts);
        Tag(bytes, new DicomTag(0x0008, 0x1115));
        bytes.AddRange("SQ\0\0"u8.ToArray());
        Int(bytes, sequenceLength);
        Tag(bytes, new DicomTag(0xFFFE, 0xE000));
        Int(bytes, itemLength);
        Short(bytes, DicomTag.PatientName, "PN", 4);
        bytes.AddRange("AB^C"u8.ToArray());
        Short(bytes, DicomTag.PatientID, "LO", 4);
        bytes.AddRange("ID42"u8.ToArray());
        return [.. bytes];
    }

    [Test]
    public void Open_ItemLongerThanItsSequence_EndsWithTheSequence()
    {
        // The sequence holds the 8-byte item header and the 12-byte PatientName element; the item claims 28 bytes.
        DicomFile file = DicomFile.Open(File(sequenceLength: 20, itemLength: 28), "long-item");

        DicomDataset item = file.Dataset.GetSequence(new DicomTag(0x0008, 0x1115)).Single();
        Assert.That(item.GetString(DicomTag.PatientName), Is.EqualTo("AB^C"));
        Assert.That(file.Dataset.GetString(DicomTag.PatientID), Is.EqualTo("ID42"), "the top level resumes after the sequence");
    }

    [Test]
    public void Open_ItemLongerThanItsSequenceWithAnElementCut_ThrowsNamingTheElement()
    {
        // The sequence ends 2 bytes into PatientName's 4-byte value.
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(File(sequenceLength: 18, itemLength: 28), "cut-item"));

        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.PatientName));
        Assert.That(ex.Message, Does.Contain("cut-item"));
    }

    private static void Tag(List<byte> bytes, DicomTag tag)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(b, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), tag.Element);
        bytes.AddRange(b);
    }

    private static void Short(List<byte> bytes, DicomTag tag, string vr, ushort length)
    {
        Tag(bytes, tag);
        bytes.AddRange(Encoding.ASCII.GetBytes(vr));
        bytes.Add((byte)length);
        bytes.Add((byte)(length >> 8));
    }

    private static void Int(List<byte> bytes, uint value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        bytes.AddRange(b);
    }
}
