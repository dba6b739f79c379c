using System.Buffers.Binary;
using System.Text;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;

namespace MedImaging.Tests.Dicom.Series;

public class SiemensCsaHeaderTests
{
    /// <summary>Builds an SV10 blob by the published layout (syngo CSA2): magic, 4 bytes, count, 4 bytes, elements.</summary>
    private static byte[] Sv10(params (string Name, string[] Values)[] elements)
    {
        var bytes = new List<byte>();
        bytes.AddRange("SV10"u8.ToArray());
        bytes.AddRange(new byte[] { 4, 3, 2, 1 });
        Int(bytes, elements.Length);
        Int(bytes, 77);
        foreach ((string name, string[] values) in elements)
        {
            byte[] nameBytes = new byte[64];
            Encoding.ASCII.GetBytes(name).CopyTo(nameBytes, 0);
            bytes.AddRange(nameBytes);
            Int(bytes, values.Length); // VM
            bytes.AddRange("DS\0\0"u8.ToArray());
            Int(bytes, 3);
            Int(bytes, values.Length + 1); // one trailing empty placeholder item, as scanners write
            Int(bytes, 77);
            foreach (string v in values.Append(string.Empty))
            {
                byte[] text = Encoding.ASCII.GetBytes(v + "\0");
                int length = v.Length == 0 ? 0 : text.Length;
                Int(bytes, length);
                Int(bytes, length);
                Int(bytes, 77);
                Int(bytes, length);
                bytes.AddRange(text.Take(length));
                bytes.AddRange(new byte[(length + 3) / 4 * 4 - length]);
            }
        }

        return [.. bytes];
    }

    private static void Int(List<byte> bytes, int value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        bytes.AddRange(b);
    }

    [Test]
    public void Parse_Sv10_ReadsNumbersAndSkipsPlaceholders()
    {
        byte[] blob = Sv10(("NumberOfImagesInMosaic", ["35"]), ("SliceNormalVector", ["0.0", "0.1079993545", "0.99415096"]));

        SiemensCsaHeader csa = SiemensCsaHeader.Parse(blob, "x.dcm", 1000);

        // Values written above; the empty trailing items are placeholders beyond VM.
        Assert.That(csa.Doubles("NumberOfImagesInMosaic"), Is.EqualTo(new[] { 35.0 }));
        Assert.That(csa.Doubles("SliceNormalVector"), Is.EqualTo(new[] { 0.0, 0.1079993545, 0.99415096 }));
        Assert.That(csa.Doubles("Missing"), Is.Null);
    }

    [Test]
    public void Parse_EveryTruncation_ThrowsFormatExceptionNamingTagAndOffset()
    {
        byte[] blob = Sv10(("NumberOfImagesInMosaic", ["35"]), ("SliceNormalVector", ["0", "0", "1"]));
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
        byte[] blob = Sv10(("NumberOfImagesInMosaic", ["35"]));
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(16 + 76), int.MaxValue);

        var ex = Assert.Throws<DicomFormatException>(() => SiemensCsaHeader.Parse(blob, "x.dcm", 0));
        // The item count sits 76 bytes into the first element, which starts after the 16-byte SV10 preamble.
        Assert.That(ex!.Offset, Is.EqualTo(16 + 76));
    }
}
