using System.Buffers.Binary;
using System.Text;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>Siemens CSA header blobs for tests, written by the published SV10 layout.</summary>
internal static class SiemensCsaBuilder
{
    /// <summary>Builds an SV10 blob by the published layout (syngo CSA2): magic, 4 bytes, count, 4 bytes, elements.</summary>
    public static byte[] Sv10(params (string Name, string[] Values)[] elements)
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
}
