using MedImaging.Dicom;
using MedImaging.Dicom.Codecs;
using MedImaging.Dicom.Codecs.Jpeg2000;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// Small codestreams made by OpenJPEG's opj_compress (testdata/j2k/make_j2k.sh) from synthetic images: lossless ones
/// must reproduce the encoder's input exactly; lossy ones must match opj_decompress within ±1 (float rounding).
/// Truncated and corrupted streams must fail with a DicomCodecException naming the transfer syntax.
/// </summary>
[TestFixture]
public sealed class Jpeg2000SelfMadeTests
{
    [TestCase("gray12_lrcp.j2k", "gray12.pgm")]
    [TestCase("gray16_rpcl_tiles_precincts.j2k", "gray16.pgm")]
    [TestCase("gray8_pcrl_allstyles.j2k", "gray8.pgm")]
    [TestCase("gray12_rlcp_layers_sop_eph.j2k", "gray12.pgm")]
    [TestCase("rgb8_cprl_rct.j2k", "rgb8.ppm")]
    public void Lossless_OpenJpegCodestream_ReproducesEncoderInput(string codestream, string image)
    {
        (int[] expected, DicomFrameInfo frame) = Pnm.Read(TestPaths.TestData(Path.Combine("j2k", image)));
        int[] actual = Pnm.Decode(File.ReadAllBytes(TestPaths.TestData(Path.Combine("j2k", codestream))), frame, Jpeg2000Codec.LosslessUid);
        Assert.That(actual, Is.EqualTo(expected));
    }

    /// <summary>Tolerance ±1: OpenJPEG's 9/7 lifting and ours round float intermediates differently.</summary>
    [TestCase("gray12_lossy97.j2k", "gray12_lossy97.expected.pgm")]
    [TestCase("rgb8_lossy_ict.jp2", "rgb8_lossy_ict.expected.ppm")]
    public void Lossy_OpenJpegCodestream_MatchesOpjDecompressWithinOne(string codestream, string image)
    {
        (int[] expected, DicomFrameInfo frame) = Pnm.Read(TestPaths.TestData(Path.Combine("j2k", image)));
        int[] actual = Pnm.Decode(File.ReadAllBytes(TestPaths.TestData(Path.Combine("j2k", codestream))), frame, Jpeg2000Codec.LossyUid);
        int worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Decode_EveryTruncation_ThrowsCodecExceptionOrDecodes()
    {
        (byte[] full, DicomFrameInfo frame, Jpeg2000Codec codec, byte[] destination) = Load("gray12_lrcp.j2k", "gray12.pgm");
        int failures = 0;
        for (int length = 0; length < full.Length - 2; length++)
        {
            try
            {
                codec.Decode(full.AsSpan(0, length), frame, destination);
            }
            catch (DicomCodecException ex)
            {
                Assert.That(ex.Message, Does.Contain(Jpeg2000Codec.LosslessUid));
                failures++;
            }
        }

        // Every cut before the EOC marker loses packet data the tile-part length promises, so all must fail.
        Assert.That(failures, Is.EqualTo(full.Length - 2));
    }

    [Test]
    public void Decode_CorruptedBytes_NeverThrowsAnythingButCodecException()
    {
        (byte[] full, DicomFrameInfo frame, Jpeg2000Codec codec, byte[] destination) = Load("gray16_rpcl_tiles_precincts.j2k", "gray16.pgm");
        var random = new Random(1234);
        int decoded = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] corrupt = (byte[])full.Clone();
            for (int k = 0; k < 3; k++)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            try
            {
                codec.Decode(corrupt, frame, destination);
                decoded++;
            }
            catch (DicomCodecException ex)
            {
                Assert.That(ex.Message, Does.Contain(Jpeg2000Codec.LosslessUid));
            }
        }

        // Flips inside entropy-coded data decode to different pixels without any structural error, so some succeed.
        Assert.That(decoded, Is.GreaterThan(0));
    }

    [Test]
    public void Decode_SizMismatchWithDataset_ThrowsCodecException()
    {
        byte[] full = File.ReadAllBytes(TestPaths.TestData(Path.Combine("j2k", "gray12_lrcp.j2k")));
        var frame = new DicomFrameInfo(30, 37, 1, 16, 12, false, "MONOCHROME2");
        var ex = Assert.Throws<DicomCodecException>(() => new Jpeg2000Codec(Jpeg2000Codec.LossyUid).Decode(full, frame, new byte[frame.NativeFrameBytes]));
        Assert.That(ex!.Message, Does.Contain(Jpeg2000Codec.LossyUid).And.Contain("37x29"));
    }

    private static (byte[] Codestream, DicomFrameInfo Frame, Jpeg2000Codec Codec, byte[] Destination) Load(string codestream, string image)
    {
        (_, DicomFrameInfo frame) = Pnm.Read(TestPaths.TestData(Path.Combine("j2k", image)));
        return (File.ReadAllBytes(TestPaths.TestData(Path.Combine("j2k", codestream))), frame, new Jpeg2000Codec(Jpeg2000Codec.LosslessUid), new byte[frame.NativeFrameBytes]);
    }
}
