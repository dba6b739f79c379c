using MedImaging.Dicom;
using MedImaging.Dicom.Codecs;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// Self-made JPEG-LS codestreams that run everywhere: hand-assembled bit streams worked out from T.87, round trips
/// through <see cref="JpegLsTestEncoder"/> (lossless: exact; near-lossless: error ≤ NEAR, the standard's guarantee),
/// the default thresholds of C.2.4.1.1, and hostile streams that must fail with <see cref="DicomCodecException"/>.
/// </summary>
[TestFixture]
public sealed class JpegLsCodecTests
{
    private const string Lossless = "1.2.840.10008.1.2.4.80";

    [Test]
    public void Registry_Default_DecodesBothJpegLsSyntaxes()
    {
        Assert.That(DicomCodecRegistry.Default.Get(Lossless), Is.InstanceOf<JpegLsCodec>());
        Assert.That(DicomCodecRegistry.Default.Get("1.2.840.10008.1.2.4.81"), Is.InstanceOf<JpegLsCodec>());
    }

    [Test]
    public void Decode_HandAssembledRunOfZeros_FourZeros()
    {
        // 4x1, 8 bits: all neighbours are 0, so run mode; J[0..3] = 0, so each '1' bit is one sample: 1111 + pad.
        byte[] stream = Assemble(width: 4, scanData: [0xF0]);
        Assert.That(Decode(stream, 4, 1, 1, 8), Is.EqualTo(new ushort[] { 0, 0, 0, 0 }));
    }

    [Test]
    public void Decode_HandAssembledRunInterruption_ZeroThenFive()
    {
        // 2x1, 8 bits. Run mode at x=0: '1' (one sample, RUNindex -> 1), '0' + J[1]=0 remainder bits.
        // Interruption at x=1: Ra=Rb=0 -> RItype 1, Px=0, Errval 5; A[366]=max(2,(256+32)/64)=4, N=1 -> k=2;
        // map=0 (k != 0, Errval > 0); EMErrval = 2*5-1-0 = 9 -> unary 9>>2=2 ('001'), low bits '01'.
        // Bits 1 0 001 01 + pad 0 = 1000 1010 = 0x8A.
        byte[] stream = Assemble(width: 2, scanData: [0x8A]);
        Assert.That(Decode(stream, 2, 1, 1, 8), Is.EqualTo(new ushort[] { 0, 5 }));
    }

    [TestCase(255, 0, 3, 7, 21)]
    [TestCase(4095, 0, 18, 67, 276)]
    [TestCase(65535, 0, 18, 67, 276)]
    [TestCase(255, 3, 12, 22, 42)]
    [TestCase(15, 0, 2, 3, 4)]
    [TestCase(3, 0, 2, 3, 3)]
    public void DefaultThresholds_StandardFormula_ExpectedValues(int maxVal, int near, int t1, int t2, int t3)
    {
        // Values worked out by hand from T.87 C.2.4.1.1 (BASIC_T1..3 = 3, 7, 21; FACTOR from MAXVAL).
        Assert.That(JpegLsParameters.DefaultThresholds(maxVal, near), Is.EqualTo((t1, t2, t3)));
    }

    [TestCase(8, "noise")]
    [TestCase(8, "flat")]
    [TestCase(8, "edges")]
    [TestCase(12, "noise")]
    [TestCase(12, "mixed")]
    [TestCase(16, "noise")]
    [TestCase(16, "mixed")]
    [TestCase(16, "edges")]
    [TestCase(2, "noise")]
    [TestCase(5, "mixed")]
    public void RoundTrip_Lossless_Exact(int precision, string pattern)
    {
        ushort[] image = Pattern(pattern, 53, 41, 1, precision, seed: precision);
        byte[] stream = JpegLsTestEncoder.Encode(image, 53, 41, 1, precision);
        Assert.That(Decode(stream, 53, 41, 1, precision), Is.EqualTo(image));
    }

    [Test]
    public void RoundTrip_ThreeComponentsRestartsAndPresets_Exact()
    {
        ushort[] image = Pattern("mixed", 40, 30, 3, 10, seed: 7);
        byte[] stream = JpegLsTestEncoder.Encode(image, 40, 30, 3, 10, restartInterval: 7, preset: (1023, 5, 20, 90, 9));
        Assert.That(Decode(stream, 40, 30, 3, 10), Is.EqualTo(image));
    }

    [TestCase(8, 1)]
    [TestCase(8, 3)]
    [TestCase(16, 5)]
    public void RoundTrip_NearLossless_ErrorAtMostNear(int precision, int near)
    {
        ushort[] image = Pattern("mixed", 47, 33, 1, precision, seed: near);
        byte[] stream = JpegLsTestEncoder.Encode(image, 47, 33, 1, precision, near);
        ushort[] decoded = Decode(stream, 47, 33, 1, precision);
        int worst = image.Zip(decoded, (a, b) => Math.Abs(a - b)).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(near), "T.87 bounds every near-lossless reconstruction error by NEAR");
        Assert.That(decoded, Is.Not.EqualTo(image), "NEAR > 0 on noisy data should lose something (else the test is vacuous)");
    }

    [Test]
    public void Decode_TruncatedScan_ThrowsNamingSyntax()
    {
        ushort[] image = Pattern("noise", 64, 64, 1, 16, seed: 3);
        byte[] stream = JpegLsTestEncoder.Encode(image, 64, 64, 1, 16);
        foreach (int keep in new[] { stream.Length / 2, stream.Length - 40, 30 })
        {
            var ex = Assert.Throws<DicomCodecException>(() => Decode(stream[..keep], 64, 64, 1, 16));
            Assert.That(ex!.Message, Does.Contain(Lossless));
        }
    }

    [Test]
    public void Decode_MissingRestartMarker_Throws()
    {
        ushort[] image = Pattern("mixed", 16, 12, 1, 8, seed: 1);
        byte[] stream = JpegLsTestEncoder.Encode(image, 16, 12, 1, 8, restartInterval: 4);
        int rst = IndexOfMarker(stream, 0xD0);
        byte[] broken = [.. stream[..rst], .. stream[(rst + 2)..]];
        var ex = Assert.Throws<DicomCodecException>(() => Decode(broken, 16, 12, 1, 8));
        Assert.That(ex!.Message, Does.Contain("restart"));
    }

    [TestCase("no SOI")]
    [TestCase("dimensions")]
    [TestCase("precision 1")]
    [TestCase("mapping table LSE")]
    [TestCase("unknown scan component")]
    [TestCase("segment past end")]
    [TestCase("no scan")]
    [TestCase("baseline SOF")]
    public void Decode_CorruptHeader_ThrowsCodecException(string corruption)
    {
        byte[] stream = Assemble(width: 4, scanData: [0xF0]);
        int sof = IndexOfMarker(stream, 0xF7);
        int sos = IndexOfMarker(stream, 0xDA);
        switch (corruption)
        {
            case "no SOI": stream[1] = 0xD9; break;
            case "dimensions": stream[sof + 8] = 5; break;
            case "precision 1": stream[sof + 4] = 1; break;
            case "mapping table LSE": stream = [.. stream[..sos], 0xFF, 0xF8, 0, 5, 2, 1, 0, .. stream[sos..]]; break;
            case "unknown scan component": stream[sos + 5] = 9; break;
            case "segment past end": stream[sof + 2] = 0x7F; break;
            case "no scan": stream = [.. stream[..sos], 0xFF, 0xD9]; break;
            case "baseline SOF": stream[sof + 1] = 0xC0; break;
        }

        var ex = Assert.Throws<DicomCodecException>(() => Decode(stream, 4, 1, 1, 8));
        Assert.That(ex!.Message, Does.Contain(Lossless));
    }

    [Test]
    public void Decode_RandomlyCorruptedScans_OnlyCodecExceptions()
    {
        ushort[] image = Pattern("mixed", 32, 32, 1, 12, seed: 11);
        byte[] stream = JpegLsTestEncoder.Encode(image, 32, 32, 1, 12);
        var random = new Random(5);
        int failures = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] copy = (byte[])stream.Clone();
            for (int i = 0; i < 3; i++)
            {
                copy[random.Next(25, copy.Length - 2)] = (byte)random.Next(256);
            }

            try
            {
                Decode(copy, 32, 32, 1, 12);
            }
            catch (DicomCodecException)
            {
                failures++;
            }
        }

        // Any other exception type fails the test above; most random corruptions must be detected.
        Assert.That(failures, Is.GreaterThan(50));
    }

    internal static ushort[] Decode(byte[] stream, int width, int height, int components, int precision)
    {
        var frame = new DicomFrameInfo(height, width, components, precision > 8 ? 16 : 8, precision, false, components == 1 ? "MONOCHROME2" : "RGB");
        byte[] native = new byte[frame.NativeFrameBytes];
        new JpegLsCodec().Decode(stream, frame, native);
        return precision > 8
            ? [.. Enumerable.Range(0, native.Length / 2).Select(i => (ushort)(native[2 * i] | (native[(2 * i) + 1] << 8)))]
            : [.. native.Select(b => (ushort)b)];
    }

    /// <summary>Test images: noise (regular mode), flat (run mode), edges (steps), mixed (flat blocks, ramps, noise).</summary>
    internal static ushort[] Pattern(string kind, int width, int height, int components, int precision, int seed)
    {
        var random = new Random(seed);
        int max = (1 << precision) - 1;
        ushort[] image = new ushort[width * height * components];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < components; c++)
                {
                    int value = kind switch
                    {
                        "noise" => random.Next(max + 1),
                        "flat" => x < width / 2 ? 0 : max,
                        "edges" => ((x / 7) + (y / 5)) % 2 == 0 ? max / 5 : max - c,
                        _ => (x / 8 % 3) switch
                        {
                            0 => max / 3,
                            1 => (x * y * 37 / 11) % (max + 1),
                            _ => random.Next(max + 1),
                        },
                    };
                    image[(((y * width) + x) * components) + c] = (ushort)value;
                }
            }
        }

        return image;
    }

    private static int IndexOfMarker(byte[] stream, int code)
    {
        for (int i = 0; i + 1 < stream.Length; i++)
        {
            if (stream[i] == 0xFF && stream[i + 1] == code)
            {
                return i;
            }
        }

        throw new AssertionException($"marker FF{code:X2} not found");
    }

    // SOI, SOF55 (8 bits, 1 line, one component), SOS (NEAR 0, ILV 0), the scan bytes, EOI.
    private static byte[] Assemble(int width, byte[] scanData) =>
        [0xFF, 0xD8, 0xFF, 0xF7, 0, 11, 8, 0, 1, 0, (byte)width, 1, 1, 0x11, 0, 0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0, 0, .. scanData, 0xFF, 0xD9];
}
