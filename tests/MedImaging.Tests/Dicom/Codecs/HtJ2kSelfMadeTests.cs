using CodecException = MedImaging.Dicom.DicomCodecException;
using MedImaging.Dicom.Codecs;
using MedImaging.Dicom.Codecs.Jpeg2000;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// HTJ2K (T.814) codestreams made by OpenJPH's ojph_compress (testdata/htj2k/make_htj2k.sh) from synthetic images:
/// reversible ones must reproduce the encoder's input exactly, irreversible ones must match ojph_expand within the
/// stated tolerance. Truncated and corrupted streams must fail with a CodecException naming the syntax.
/// </summary>
[TestFixture]
public sealed class HtJ2kSelfMadeTests
{
    [TestCase("gray8_rev.j2c", "gray8.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("gray8_rev_0lev.j2c", "gray8.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("gray12_rev_3lev_blk16.j2c", "gray12.pgm", Jpeg2000Codec.HtRpclLosslessUid)]
    [TestCase("gray16_rev_lrcp_blk8x32.j2c", "gray16.pgm", Jpeg2000Codec.HtUid)]
    [TestCase("gray16_rev_tiles_precincts.j2c", "gray16_64.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("gray12_1x1_rev.j2c", "gray12_1x1.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("gray12_3x2_rev.j2c", "gray12_3x2.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("gray8_5x7_rev_5lev.j2c", "gray8_5x7.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("rgb8_rev_rct.j2c", "rgb8.ppm", Jpeg2000Codec.HtUid)]
    public void Lossless_OjphCodestream_ReproducesEncoderInput(string codestream, string image, string uid)
    {
        (int[] expected, DicomFrameInfo frame) = Pnm.Read(Data(image));
        int[] actual = Pnm.Decode(File.ReadAllBytes(Data(codestream)), frame, uid);
        Assert.That(actual, Is.EqualTo(expected));
    }

    /// <summary>Signed components (no DC level shift); make_images.py explains the ranges OpenJPH 0.9 can read.</summary>
    [TestCase("signed8", 8)]
    [TestCase("signed12", 12)]
    [TestCase("signed16", 16)]
    public void Lossless_Signed_ReproducesRawInput(string name, int bits)
    {
        byte[] raw = File.ReadAllBytes(Data(name + ".raw"));
        int[] expected = bits <= 8
            ? [.. raw.Select(b => (int)(sbyte)b)]
            : [.. Enumerable.Range(0, raw.Length / 2).Select(i => (int)BitConverter.ToInt16(raw, 2 * i))];
        var frame = new DicomFrameInfo(17, 23, 1, bits <= 8 ? 8 : 16, bits, true, "MONOCHROME2");
        int[] actual = Pnm.Decode(File.ReadAllBytes(Data(name + "_rev.j2c")), frame, Jpeg2000Codec.HtLosslessUid);
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(expected.Min(), Is.Zero, "the data span [0, 2^(bits-1))");
        Assert.That(expected.Max(), Is.GreaterThan((1 << (bits - 1)) * 0.8));;
    }

    /// <summary>
    /// Tolerance ±1 grey level: ojph_expand runs the 9/7 lifting in single-precision SIMD with its own operation order
    /// and rounding; ours runs the same steps in scalar floats, so a sample at a rounding boundary may land one level
    /// apart. The measured worst differences are in docs/ACCURACY.md.
    /// </summary>
    [TestCase("gray12_lossy.j2c", "gray12_lossy.expected.pgm")]
    [TestCase("gray8_lossy_coarse.j2c", "gray8_lossy_coarse.expected.pgm")]
    [TestCase("rgb8_lossy_ict.j2c", "rgb8_lossy_ict.expected.ppm")]
    public void Lossy_OjphCodestream_MatchesOjphExpandWithinOne(string codestream, string image)
    {
        (int[] expected, DicomFrameInfo frame) = Pnm.Read(Data(image));
        int[] actual = Pnm.Decode(File.ReadAllBytes(Data(codestream)), frame, Jpeg2000Codec.HtUid);
        int worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        int differing = actual.Zip(expected, (a, e) => a != e ? 1 : 0).Sum();
        TestContext.Out.WriteLine($"{codestream}: worst difference {worst}, {differing} of {actual.Length} samples differ");
        Assert.That(worst, Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Decode_EveryTruncation_ThrowsCodecException()
    {
        (byte[] full, DicomFrameInfo frame) = Load("gray12_rev_3lev_blk16.j2c", "gray12.pgm");
        var codec = new Jpeg2000Codec(Jpeg2000Codec.HtLosslessUid);
        var destination = new byte[frame.NativeFrameBytes];
        int failures = 0;
        for (int length = 0; length < full.Length - 2; length++)
        {
            var ex = Assert.Throws<CodecException>(() => codec.Decode(full.AsSpan(0, length).ToArray(), frame, destination));
            Assert.That(ex!.Message, Does.Contain(Jpeg2000Codec.HtLosslessUid));
            failures++;
        }

        // Every cut before the EOC marker loses bytes the tile-part length promises.
        Assert.That(failures, Is.EqualTo(full.Length - 2));
    }

    [TestCase("gray16_rev_tiles_precincts.j2c", "gray16_64.pgm")]
    [TestCase("rgb8_rev_rct.j2c", "rgb8.ppm")]
    public void Decode_EveryByteCorrupted_NeverThrowsAnythingButCodecException(string codestream, string image)
    {
        (byte[] full, DicomFrameInfo frame) = Load(codestream, image);
        var codec = new Jpeg2000Codec(Jpeg2000Codec.HtUid);
        var destination = new byte[frame.NativeFrameBytes];
        int refused = 0;
        var blockErrors = new HashSet<string>();
        for (int offset = 0; offset < full.Length; offset++)
        {
            foreach (byte mask in (byte[])[0xFF, 0x10])
            {
                byte[] corrupt = (byte[])full.Clone();
                corrupt[offset] ^= mask;
                try
                {
                    codec.Decode(corrupt, frame, destination);
                }
                catch (CodecException ex)
                {
                    Assert.That(ex.Message, Does.Contain(Jpeg2000Codec.HtUid));
                    refused++;
                    if (ex.Message.Contains("HT code-block [", StringComparison.Ordinal))
                    {
                        blockErrors.Add(ex.Message.Contains("Scup", StringComparison.Ordinal) ? "Scup" : "other");
                    }
                }
            }
        }

        // Flips in MagSgn bits decode to other pixels without a structural error, but many flips must be detected.
        Assert.That(refused, Is.GreaterThan(full.Length / 4));

        // Some flips land in a cleanup segment's Scup field, others derail its streams; those name the code-block.
        Assert.That(blockErrors, Does.Contain("Scup").And.Contain("other"));
    }

    [Test]
    public void Decode_MixedHtStyle_IsRefusedByName()
    {
        (byte[] full, DicomFrameInfo frame) = Load("gray8_rev.j2c", "gray8.pgm");
        int cod = IndexOfMarker(full, 0xFF52);

        // COD: marker, Lcod, Scod, progression, layers (2), MCT, levels, xcb, ycb, code-block style.
        Assert.That(full[cod + 12], Is.EqualTo(0x40), "the HT code-block style bit set by ojph_compress");
        full[cod + 12] = 0xC0;
        var ex = Assert.Throws<CodecException>(() => new Jpeg2000Codec(Jpeg2000Codec.HtUid).Decode(full, frame, new byte[frame.NativeFrameBytes]));
        Assert.That(ex!.Message, Does.Contain("mixes HT and Part 1"));
    }

    [Test]
    public void Decode_CapDeclaringPart2_IsRefusedByName()
    {
        (byte[] full, DicomFrameInfo frame) = Load("gray8_rev.j2c", "gray8.pgm");
        int cap = IndexOfMarker(full, 0xFF50);
        full[cap + 4] |= 0x40;
        var ex = Assert.Throws<CodecException>(() => new Jpeg2000Codec(Jpeg2000Codec.HtUid).Decode(full, frame, new byte[frame.NativeFrameBytes]));
        Assert.That(ex!.Message, Does.Contain("CAP marker").And.Contain("Part 15"));
    }

    internal static string Data(string name) => TestPaths.TestData(Path.Combine("htj2k", name));

    private static (byte[] Codestream, DicomFrameInfo Frame) Load(string codestream, string image) =>
        (File.ReadAllBytes(Data(codestream)), Pnm.Read(Data(image)).Frame);

    private static int IndexOfMarker(byte[] data, int marker)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == marker >> 8 && data[i + 1] == (marker & 0xFF))
            {
                return i;
            }
        }

        throw new AssertionException($"marker 0x{marker:X4} not found");
    }
}
