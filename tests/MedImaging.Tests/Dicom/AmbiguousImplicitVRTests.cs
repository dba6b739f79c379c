using System.Buffers.Binary;
using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// Implicit-VR attributes that PS3.6 gives two VRs: "US or SS" follows PixelRepresentation and waveform "OB or OW"
/// follows WaveformBitsAllocated (PS3.5 A.1, as pydicom's correct_ambiguous_vr does); an explicit VR stays as written.
/// </summary>
public class AmbiguousImplicitVRTests
{
    [TestCase(1, -5, 100, "SS")]
    [TestCase(0, 65531, 100, "US")]
    public void Open_ImplicitSmallestAndLargestPixelValue_FollowPixelRepresentation(int representation, int smallest, int largest, string vr)
    {
        // Stored bytes FB FF and 64 00: -5 and 100 as signed 16-bit, 65531 and 100 as unsigned.
        byte[] file = Part10("1.2.840.10008.1.2", bytes =>
        {
            Implicit(bytes, DicomTag.PixelRepresentation, UInt16((ushort)representation));
            Implicit(bytes, new DicomTag(0x0028, 0x0106), [0xFB, 0xFF]);
            Implicit(bytes, new DicomTag(0x0028, 0x0107), [0x64, 0x00]);
        });

        DicomDataset dataset = DicomFile.Open(file, "implicit.dcm").Dataset;

        Assert.That(dataset.GetElement(new DicomTag(0x0028, 0x0106))!.VR.ToString(), Is.EqualTo(vr));
        Assert.That(dataset.GetInt32(new DicomTag(0x0028, 0x0106)), Is.EqualTo(smallest));
        Assert.That(dataset.GetInt32(new DicomTag(0x0028, 0x0107)), Is.EqualTo(largest));
    }

    [Test]
    public void Open_ImplicitPixelPaddingBeforeItsPixelRepresentationInTagOrder_StillSigned()
    {
        // ZeroVelocityPixelValue (0018,9810) comes before PixelRepresentation (0028,0103): resolved once the dataset is read.
        byte[] file = Part10("1.2.840.10008.1.2", bytes =>
        {
            Implicit(bytes, new DicomTag(0x0018, 0x9810), [0x00, 0x80]);
            Implicit(bytes, DicomTag.PixelRepresentation, UInt16(1));
        });

        DicomDataset dataset = DicomFile.Open(file, "implicit.dcm").Dataset;

        Assert.That(dataset.GetInt32(new DicomTag(0x0018, 0x9810)), Is.EqualTo(short.MinValue));
    }

    [TestCase(8, "OB")]
    [TestCase(16, "OW")]
    public void Open_ImplicitWaveformData_FollowsWaveformBitsAllocated(int bits, string vr)
    {
        byte[] file = Part10("1.2.840.10008.1.2", bytes =>
        {
            Implicit(bytes, new DicomTag(0x5400, 0x1004), UInt16((ushort)bits));
            Implicit(bytes, new DicomTag(0x5400, 0x1010), [1, 2, 3, 4]);
        });

        DicomDataset dataset = DicomFile.Open(file, "waveform.dcm").Dataset;

        Assert.That(dataset.GetElement(new DicomTag(0x5400, 0x1010))!.VR.ToString(), Is.EqualTo(vr));
    }

    [Test]
    public void Open_ExplicitUsWithSignedPixels_KeepsTheWrittenVR()
    {
        byte[] file = Part10("1.2.840.10008.1.2.1", bytes =>
        {
            Explicit(bytes, DicomTag.PixelRepresentation, "US", UInt16(1));
            Explicit(bytes, new DicomTag(0x0028, 0x0106), "US", [0xFB, 0xFF]);
        });

        DicomDataset dataset = DicomFile.Open(file, "explicit.dcm").Dataset;

        Assert.That(dataset.GetElement(new DicomTag(0x0028, 0x0106))!.VR.ToString(), Is.EqualTo("US"));
        Assert.That(dataset.GetInt32(new DicomTag(0x0028, 0x0106)), Is.EqualTo(65531));
    }

    /// <summary>Preamble, "DICM", a meta group naming <paramref name="transferSyntax"/>, then the dataset <paramref name="body"/> writes.</summary>
    private static byte[] Part10(string transferSyntax, Action<List<byte>> body)
    {
        var bytes = new List<byte>(new byte[128]);
        bytes.AddRange("DICM"u8.ToArray());
        byte[] ts = Encoding.ASCII.GetBytes(transferSyntax.Length % 2 == 0 ? transferSyntax : transferSyntax + "\0");
        Explicit(bytes, DicomTag.FileMetaInformationGroupLength, "UL", UInt32(8 + (uint)ts.Length));
        Explicit(bytes, DicomTag.TransferSyntaxUid, "UI", ts);
        body(bytes);
        return [.. bytes];
    }

    private static void Implicit(List<byte> bytes, DicomTag tag, byte[] value)
    {
        Tag(bytes, tag);
        bytes.AddRange(UInt32((uint)value.Length));
        bytes.AddRange(value);
    }

    private static void Explicit(List<byte> bytes, DicomTag tag, string vr, byte[] value)
    {
        Tag(bytes, tag);
        bytes.AddRange(Encoding.ASCII.GetBytes(vr));
        bytes.AddRange(UInt16((ushort)value.Length));
        bytes.AddRange(value);
    }

    private static void Tag(List<byte> bytes, DicomTag tag)
    {
        bytes.AddRange(UInt16(tag.Group));
        bytes.AddRange(UInt16(tag.Element));
    }

    private static byte[] UInt16(ushort value)
    {
        byte[] b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return b;
    }

    private static byte[] UInt32(uint value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }
}
