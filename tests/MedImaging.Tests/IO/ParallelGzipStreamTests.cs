using System.IO.Compression;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>
/// <see cref="ParallelGzipStream"/>: one standard gzip member read back by .NET's own decoder, by <c>gzip -t</c> and
/// (as .nii.gz) by nibabel; the bytes do not depend on the thread count; CRC-32 combination against the direct CRC.
/// </summary>
[TestFixture]
public sealed class ParallelGzipStreamTests : TempDirectoryTest
{
    /// <summary>Lengths around the block size: empty, short, exactly one block, several blocks and a tail.</summary>
    [TestCase(0)]
    [TestCase(1000)]
    [TestCase(ParallelGzipStream.BlockSize)]
    [TestCase((5 * ParallelGzipStream.BlockSize) + 12345)]
    public void Write_ThenGZipStreamRead_GivesTheSameBytes(int length)
    {
        byte[] data = Data(length);
        byte[] one = Compress(data, threads: 1, chunk: 4097);
        byte[] three = Compress(data, threads: 3, chunk: 1 << 20);

        Assert.That(three, Is.EqualTo(one), "block boundaries depend on the data only");
        using var reader = new GZipStream(new MemoryStream(one), CompressionMode.Decompress);
        using var back = new MemoryStream();
        reader.CopyTo(back);
        Assert.That(back.ToArray(), Is.EqualTo(data));
    }

    [Test]
    public void Write_GzipTool_AcceptsTheFile()
    {
        const string gzip = "/usr/bin/gzip";
        if (!File.Exists(gzip))
        {
            Assert.Ignore("gzip is not installed at /usr/bin/gzip");
        }

        string path = Path.Combine(TempDir, "data.gz");
        File.WriteAllBytes(path, Compress(Data((3 * ParallelGzipStream.BlockSize) + 7), threads: 2, chunk: 65536));
        (int exit, _, string stderr) = ExternalTool.Run(gzip, ["-t", path]);
        Assert.That(exit, Is.EqualTo(0), stderr);
    }

    [Test]
    public void Combine_OfSplitData_EqualsTheCrcOfTheWhole()
    {
        byte[] data = Data(100_003);
        foreach (int split in new[] { 0, 1, 7, 8, 50_000, 100_003 })
        {
            uint combined = Crc32.Combine(Crc32.Compute(data.AsSpan(0, split)), Crc32.Compute(data.AsSpan(split)), data.Length - split);
            Assert.That(combined, Is.EqualTo(Crc32.Compute(data)), $"split at {split}");
        }

        Assert.That(Crc32.Compute("123456789"u8), Is.EqualTo(0xCBF43926u), "the CRC-32 check value");
    }

    private static byte[] Compress(byte[] data, int threads, int chunk)
    {
        using var target = new MemoryStream();
        using (var gzip = new ParallelGzipStream(target, threads, leaveOpen: true))
        {
            for (int i = 0; i < data.Length; i += chunk)
            {
                gzip.Write(data.AsSpan(i, Math.Min(chunk, data.Length - i)));
            }
        }

        return target.ToArray();
    }

    /// <summary>Compressible but not trivial: a smooth int16-like ramp with noise.</summary>
    private static byte[] Data(int length)
    {
        var random = new Random(length);
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i / 64 % 7) + random.Next(3));
        }

        return data;
    }
}
