using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>
/// PngWriter against tools we did not write: Pillow decodes every format and filter strategy to the same samples,
/// Python's zlib recomputes every chunk CRC, numpy recomputes libpng's adaptive filter choice, pngcheck validates.
/// </summary>
[TestFixture]
public sealed class PngWriterTests : TempDirectoryTest
{
    private static readonly PngFilterStrategy[] Strategies = Enum.GetValues<PngFilterStrategy>();

    [TestCase("123456789", 0xCBF43926u)] // the CRC-32 check value (PNG Annex D, zlib, gzip)
    [TestCase("", 0x00000000u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [TestCase("IEND", 0xAE426082u)] // the CRC every PNG file ends with (ISO/IEC 15948, empty IEND chunk)
    public void Crc32_KnownVectors_Match(string text, uint expected) =>
        Assert.That(Crc32.Compute(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));

    [TestCase(10, 20, 30, 10)] // p = 20: distances 10, 0, 10 → b
    [TestCase(10, 10, 10, 10)] // all equal: a wins ties
    [TestCase(100, 50, 10, 100)] // p = 140: pa 40, pb 90, pc 130 → a
    [TestCase(5, 200, 210, 5)] // p = −5: pa 10, pb 205, pc 215 → a
    [TestCase(60, 50, 55, 55)] // p = 55: pa 5, pb 5, pc 0 → c
    public void PaethPredictor_SpecificationExamples(int a, int b, int c, int expected) =>
        Assert.That(PngFilters.PaethPredictor(a, b, c), Is.EqualTo(expected));

    [Test]
    public void Write_Gray8_SignatureAndHeaderBytesAsSpecified()
    {
        using var stream = new MemoryStream();
        PngWriter.Write(stream, new byte[] { 1, 2, 3, 4, 5, 6 }, 3, 2, PngPixelFormat.Gray8);
        byte[] png = stream.ToArray();

        // ISO/IEC 15948 §5.2 signature, then IHDR: length 13, "IHDR", width 3, height 2, depth 8, type 0, 0, 0, 0.
        byte[] expected = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            0, 0, 0, 3, 0, 0, 0, 2, 8, 0, 0, 0, 0];
        Assert.That(png[..29], Is.EqualTo(expected));
        Assert.That(Crc32.Compute(png.AsSpan(12, 17)), Is.EqualTo(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(29))));
        Assert.That(png[^12..], Is.EqualTo(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }));
    }

    [Test]
    public void Write_EveryFormatAndFilter_PillowDecodesSamePixels()
    {
        PngReference.RequirePil();
        var cases = new List<(string Path, PngPixelFormat Format, PngFilterStrategy Filter, byte[] Expected, int W, int H)>();
        foreach (PngPixelFormat format in Enum.GetValues<PngPixelFormat>())
        {
            foreach (PngFilterStrategy filter in Strategies)
            {
                (byte[] expected, int w, int h) = WriteCase(format, filter, out string path);
                cases.Add((path, format, filter, expected, w, h));
            }
        }

        PngReference.Decoded[] decoded = PngReference.Decode([.. cases.Select(c => c.Path)]);

        for (int i = 0; i < cases.Count; i++)
        {
            var (path, format, filter, expected, w, h) = cases[i];
            PngReference.Decoded d = decoded[i];
            string what = $"{format} {filter}";
            Assert.That((d.Width, d.Height), Is.EqualTo((w, h)), what);
            Assert.That(d.Mode, Is.EqualTo(format switch
            {
                PngPixelFormat.Gray8 => "L",
                PngPixelFormat.Gray16 => "I", // Pillow 9 opens 16-bit greyscale as 32-bit integer mode "I"
                PngPixelFormat.Rgb24 => "RGB",
                _ => "RGBA",
            }), what);
            Assert.That(d.CrcOk, Is.True, $"{what}: a chunk CRC differs from zlib.crc32");
            Assert.That(d.Chunks[0], Is.EqualTo("IHDR"), what);
            Assert.That(d.Chunks[^1], Is.EqualTo("IEND"), what);
            Assert.That(d.Chunks[1..^1], Has.All.EqualTo("IDAT"), what);
            Assert.That(d.Raw, Is.EqualTo(expected), $"{what}: Pillow's pixels differ");
            int[] expectedFilters = filter == PngFilterStrategy.Adaptive ? d.AdaptiveChoice : [.. Enumerable.Repeat((int)filter - 1, h)];
            Assert.That(d.Filters, Is.EqualTo(expectedFilters), $"{what}: per-row filter types");
            if (PngReference.PngCheck(path) is { } check)
            {
                Assert.That(check.ExitCode, Is.Zero, $"{what}: pngcheck: {check.Output}");
            }
        }

        // The adaptive rows must not all pick one filter, or the heuristic comparison above would prove little.
        Assert.That(decoded.Where((_, i) => cases[i].Filter == PngFilterStrategy.Adaptive).SelectMany(d => d.Filters).Distinct().Count(),
            Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void Write_SmallIdatLimit_ManyChunksStillDecode()
    {
        PngReference.RequirePil();
        var random = new Random(5);
        byte[] rgba = new byte[61 * 47 * 4];
        random.NextBytes(rgba);
        string path = Path.Combine(TempDir, "split.png");
        PngWriter.WriteFile(path, rgba, 61, 47, PngPixelFormat.Rgba32, new PngWriteOptions { MaxIdatLength = 1000 });

        PngReference.Decoded d = PngReference.Decode([path])[0];

        // Noise does not compress: 11 468 bytes of scanlines give at least 11 chunks of 1000 bytes.
        Assert.That(d.Chunks.Count(c => c == "IDAT"), Is.GreaterThanOrEqualTo(11));
        Assert.That(d.CrcOk, Is.True);
        Assert.That(d.Raw, Is.EqualTo(rgba));
    }

    [Test]
    public void Write_BadArguments_SpecificExceptions()
    {
        using var stream = new MemoryStream();
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(stream, Array.Empty<byte>(), 0, 1, PngPixelFormat.Gray8));
            Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(stream, Array.Empty<byte>(), 1, -1, PngPixelFormat.Gray8));
            Assert.That(Assert.Throws<ArgumentException>(() => PngWriter.Write(stream, new byte[5], 2, 2, PngPixelFormat.Gray8))!.Message,
                Does.Contain("need 4 bytes, got 5"));
            Assert.Throws<ArgumentException>(() => PngWriter.Write(stream, new byte[8], 2, 2, PngPixelFormat.Gray16));
            Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(stream, new byte[1], int.MaxValue, 1, PngPixelFormat.Rgba32));
            Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(stream, new byte[1], 1, 1, PngPixelFormat.Gray8,
                new PngWriteOptions { MaxIdatLength = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(stream, new byte[1], 1, 1, (PngPixelFormat)9));
        });
        Assert.That(stream.Length, Is.Zero, "nothing is written before the arguments are checked");
    }

    // A picture with smooth ramps, a hard edge and noise so every filter type wins somewhere; odd sizes.
    private (byte[] Expected, int Width, int Height) WriteCase(PngPixelFormat format, PngFilterStrategy filter, out string path)
    {
        const int w = 37, h = 23;
        var random = new Random(17);
        path = Path.Combine(TempDir, $"{format}_{filter}.png");
        var options = new PngWriteOptions { Filter = filter };
        if (format == PngPixelFormat.Gray16)
        {
            var samples = new ushort[w * h];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    samples[y * w + x] = (ushort)(y < h / 2 ? x * 1771 + y * 13 : random.Next(65536));
                }
            }

            PngWriter.WriteFile(path, samples, w, h, options);
            return (MemoryMarshal.AsBytes(samples.AsSpan()).ToArray(), w, h); // the test host is little-endian like the .raw file
        }

        int channels = PngWriter.BytesPerPixel(format);
        var pixels = new byte[w * h * channels];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    pixels[(y * w + x) * channels + c] = (byte)((y % 3) switch
                    {
                        0 => x * 7 + c * 50,
                        1 => x < w / 2 ? 10 : 240,
                        _ => random.Next(256),
                    });
                }
            }
        }

        PngWriter.WriteFile(path, pixels, w, h, format, options);
        return (pixels, w, h);
    }
}
