using System.Buffers.Binary;
using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// Header-only reads load the file in growing parts (4 KiB first): wherever the header happens to end relative to
/// those parts, the header-only dataset must hold every element before the pixel data, as a full read does.
/// </summary>
[TestFixture]
public sealed class HeaderOnlyReadTests
{
    [Test]
    public void HeaderOnly_ElementEndingAtEveryOffsetAroundTheFirstPart_ReadsTheWholeHeader()
    {
        string dir = TestPaths.NewTempDirectory();
        // A private OB element of growing length moves the following elements across the 4096-byte boundary one
        // even step at a time (explicit VR values have even lengths), including an element ending exactly there.
        for (int padding = 3700; padding <= 4000; padding += 2)
        {
            string path = Path.Combine(dir, $"p{padding}.dcm");
            DicomWriter.Write(path, Dataset(padding));

            DicomFile full = DicomFile.Open(path);
            DicomFile head = DicomFile.Open(path, DicomReadOptions.HeaderOnly);

            Assert.That(head.Dataset.Count, Is.EqualTo(full.Dataset.Count - 1), $"padding {padding}: all but Pixel Data");
            Assert.That(head.Dataset.GetInt32(DicomTag.Columns), Is.EqualTo(3), $"padding {padding}");
            Assert.That(head.PixelDataOffset, Is.EqualTo(full.Dataset.GetElement(DicomTag.PixelData)!.Offset - 12), $"padding {padding}: tag 12 bytes before the OW value");
        }
    }

    private static DicomDataset Dataset(int padding)
    {
        var ds = new DicomDataset();
        ds.AddOrReplace(new DicomElement(DicomTag.SOPClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7\0"u8.ToArray()));
        ds.AddOrReplace(new DicomElement(DicomTag.SOPInstanceUid, DicomVR.UI, "2.25.42\0"u8.ToArray()));
        ds.AddOrReplace(new DicomElement(new DicomTag(0x0009, 0x0010), DicomVR.LO, "PADDING "u8.ToArray()));
        ds.AddOrReplace(new DicomElement(new DicomTag(0x0009, 0x1010), DicomVR.OB, new byte[padding]));
        ds.AddOrReplace(new DicomElement(DicomTag.SamplesPerPixel, DicomVR.US, UShort(1)));
        ds.AddOrReplace(new DicomElement(DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2 "u8.ToArray()));
        ds.AddOrReplace(new DicomElement(DicomTag.Rows, DicomVR.US, UShort(2)));
        ds.AddOrReplace(new DicomElement(DicomTag.Columns, DicomVR.US, UShort(3)));
        ds.AddOrReplace(new DicomElement(DicomTag.BitsAllocated, DicomVR.US, UShort(16)));
        ds.AddOrReplace(new DicomElement(DicomTag.PixelRepresentation, DicomVR.US, UShort(0)));
        ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, new byte[12]));
        return ds;
    }

    private static byte[] UShort(int value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }
}
