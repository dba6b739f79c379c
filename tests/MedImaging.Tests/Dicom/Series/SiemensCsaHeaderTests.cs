using System.Buffers.Binary;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;

namespace MedImaging.Tests.Dicom.Series;

public class SiemensCsaHeaderTests
{
    [Test]
    public void Parse_Sv10_ReadsNumbersAndSkipsPlaceholders()
    {
        byte[] blob = SiemensCsaBuilder.Sv10(("NumberOfImagesInMosaic", ["35"]), ("SliceNormalVector", ["0.0", "0.1079993545", "0.99415096"]));

        SiemensCsaHeader csa = SiemensCsaHeader.Parse(blob, "x.dcm", 1000);

        // Values written above; the empty trailing items are placeholders beyond VM.
        Assert.That(csa.Doubles("NumberOfImagesInMosaic"), Is.EqualTo(new[] { 35.0 }));
        Assert.That(csa.Doubles("SliceNormalVector"), Is.EqualTo(new[] { 0.0, 0.1079993545, 0.99415096 }));
        Assert.That(csa.Doubles("Missing"), Is.Null);
    }

    [Test]
    public void Parse_EveryTruncation_ThrowsFormatExceptionNamingTagAndOffset()
    {
        byte[] blob = SiemensCsaBuilder.Sv10(("NumberOfImagesInMosaic", ["35"]), ("SliceNormalVector", ["0", "0", "1"]));
        for (int length = 8; length < blob.Length; length++)
        {
            // Every cut inside the declared structure is detected; a cut at an item boundary after the last value
            // can be complete only at the very end, which the loop excludes.
            var ex = Assert.Throws<DicomFormatException>(() => SiemensCsaHeader.Parse(blob.AsSpan(0, length), "x.dcm", 1000), $"length {length}");
            Assert.That(ex!.Tag, Is.EqualTo(SiemensCsaHeader.ImageHeaderInfo));
            Assert.That(ex.Offset, Is.GreaterThanOrEqualTo(1000));
            Assert.That(ex.Message, Does.Contain("x.dcm"));
        }
    }

    [Test]
    public void Parse_HugeItemCount_ThrowsInsteadOfAllocating()
    {
        byte[] blob = SiemensCsaBuilder.Sv10(("NumberOfImagesInMosaic", ["35"]));
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(16 + 76), int.MaxValue);

        var ex = Assert.Throws<DicomFormatException>(() => SiemensCsaHeader.Parse(blob, "x.dcm", 0));
        // The item count sits 76 bytes into the first element, which starts after the 16-byte SV10 preamble.
        Assert.That(ex!.Offset, Is.EqualTo(16 + 76));
    }
}
