using System.Buffers.Binary;
using MedImaging.Dicom;
using MedImaging.Dicom.Codecs;
using MedImaging.Dicom.Codecs.Jpeg2000;
using MedImaging.Tests.Dicom.Codecs;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// The pixel decoders on their own: seeded mutations of valid codestreams (JPEG lossless from testdata/dicom,
/// JPEG-LS from our test encoder, JPEG 2000 from testdata/j2k; JPEG baseline/extended, JPEG-LS and JPEG 2000 from the
/// shared corpus when present), truncated at every marker and with every marker-segment length and frame-header size
/// attacked. Each decode fills the frame or throws <see cref="DicomCodecException"/>; nothing else, no hang.
/// </summary>
[TestFixture]
public sealed class CodecMutationTests
{
    private static readonly Type[] Documented = [typeof(DicomCodecException)];

    [Test]
    public void JpegLossless_Mutations_DecodesOrCodecException()
    {
        (byte[] stream, DicomFrameInfo frame, string uid) = FromDicom(TestPaths.TestData("dicom/jpeg_lossless_u12_sv1.dcm"));
        Run("JPEG lossless", stream, frame, uid, 41);
    }

    [TestCase(8, 1)]
    [TestCase(12, 3)]
    [TestCase(16, 1)]
    public void JpegLs_Mutations_DecodesOrCodecException(int precision, int components)
    {
        var random = new Random(precision);
        ushort[] image = [.. Enumerable.Range(0, 23 * 17 * components).Select(i => (ushort)((i % 23 < 8 ? 5 : random.Next(1 << precision)) & ((1 << precision) - 1)))];
        byte[] stream = JpegLsTestEncoder.Encode(image, 23, 17, components, precision);
        var frame = new DicomFrameInfo(17, 23, components, precision > 8 ? 16 : 8, precision, false, components == 1 ? "MONOCHROME2" : "RGB");
        Run($"JPEG-LS {precision}-bit x{components}", stream, frame, "1.2.840.10008.1.2.4.80", 42 + precision + components);
    }

    [TestCase("gray12_lrcp.j2k", 1, 16, 12)]
    [TestCase("gray8_pcrl_allstyles.j2k", 1, 8, 8)]
    [TestCase("rgb8_cprl_rct.j2k", 3, 8, 8)]
    public void Jpeg2000_Mutations_DecodesOrCodecException(string name, int samples, int bitsAllocated, int bitsStored)
    {
        byte[] stream = File.ReadAllBytes(TestPaths.TestData("j2k/" + name));
        var frame = new DicomFrameInfo(29, 37, samples, bitsAllocated, bitsStored, false, samples == 1 ? "MONOCHROME2" : "RGB");
        Run("JPEG 2000 " + name, stream, frame, Jpeg2000Codec.LosslessUid, 43 + name.Length, randomPerIteration: 15);
    }

    [TestCase("gray8_rev.j2c", "gray8.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("gray12_rev_3lev_blk16.j2c", "gray12.pgm", Jpeg2000Codec.HtRpclLosslessUid)]
    [TestCase("gray16_rev_tiles_precincts.j2c", "gray16_64.pgm", Jpeg2000Codec.HtLosslessUid)]
    [TestCase("rgb8_rev_rct.j2c", "rgb8.ppm", Jpeg2000Codec.HtUid)]
    [TestCase("gray12_lossy.j2c", "gray12.pgm", Jpeg2000Codec.HtUid)]
    public void HtJ2k_Mutations_DecodesOrCodecException(string name, string image, string uid)
    {
        byte[] stream = File.ReadAllBytes(TestPaths.TestData("htj2k/" + name));
        DicomFrameInfo frame = Pnm.Read(TestPaths.TestData("htj2k/" + image)).Frame;
        Run("HTJ2K " + name, stream, frame, uid, 45 + name.Length, randomPerIteration: 15);
    }

    [TestCase("pydicom-testfiles-debian/test_files/SC_rgb_jpeg_dcmtk.dcm")]
    [TestCase("pydicom-testfiles-debian/test_files/JPEG-lossy.dcm")]
    [TestCase("pydicom-testfiles-debian/test_files/MR_small_jpeg_ls_lossless.dcm")]
    [TestCase("pydicom-testfiles-debian/test_files/JPEG2000.dcm")]
    public void CorpusCodestream_Mutations_DecodesOrCodecException(string relative)
    {
        (byte[] stream, DicomFrameInfo frame, string uid) = FromDicom(TestPaths.RequireShared("corpus/" + relative));
        Run(Path.GetFileName(relative), stream, frame, uid, 44 + relative.Length, randomPerIteration: 15);
    }

    /// <summary>Marker positions (boundaries) and the length and frame-size fields of a JPEG-family or JPEG 2000 codestream.</summary>
    internal static (List<Field> Fields, List<int> Boundaries) Markers(byte[] s)
    {
        var fields = new List<Field>();
        var boundaries = new List<int> { 0, s.Length / 2, s.Length - 2 };
        for (int at = 0; at + 4 <= s.Length; at++)
        {
            byte marker = s[at + 1];
            if (s[at] != 0xFF || marker is 0x00 or 0xFF || marker < 0x4F || marker is >= 0xD0 and <= 0xD7)
            {
                continue;
            }

            boundaries.AddRange([at, at + 2, at + 4]);
            bool hasLength = marker is not (0xD8 or 0xD9 or 0x4F or 0x93 or 0x92);
            if (hasLength)
            {
                fields.Add(new Field($"marker {marker:X2}@{at} length", at + 2, 2, BigEndian: true));
                boundaries.Add(at + 2 + BinaryPrimitives.ReadUInt16BigEndian(s.AsSpan(at + 2)));
            }

            if ((marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC)) || marker == 0xF7)
            {
                fields.AddRange([new("precision", at + 4, 1), new("lines", at + 5, 2, BigEndian: true), new("samples per line", at + 7, 2, BigEndian: true), new("components", at + 9, 1)]);
            }
            else if (marker == 0x51)
            {
                fields.AddRange(Enumerable.Range(0, 8).Select(i => new Field($"SIZ field {i}", at + 6 + (4 * i), 4, BigEndian: true)).Append(new Field("Csiz", at + 38, 2, BigEndian: true)));
            }
            else if (marker == 0x90)
            {
                fields.Add(new Field("Psot", at + 6, 4, BigEndian: true));
            }
        }

        return (fields, boundaries);
    }

    private static (byte[] Stream, DicomFrameInfo Frame, string Uid) FromDicom(string path)
    {
        DicomFile file = DicomFile.Open(path);
        var pixels = DicomPixelData.Create(file);
        DicomFragments fragments = file.Dataset.GetElement(DicomTag.PixelData)!.Fragments!;
        return (DicomFrameLocator.FrameCodestream(file, fragments, pixels.NumberOfFrames, 0), pixels.Info, file.TransferSyntax.Uid);
    }

    private static void Run(string name, byte[] valid, DicomFrameInfo frame, string uid, int seed, int randomPerIteration = 40)
    {
        IDicomCodec codec = DicomCodecRegistry.Default.Get(uid);
        byte[] destination = new byte[frame.NativeFrameBytes];
        codec.Decode(valid, frame, destination); // the unmutated stream decodes: the mutations start from a valid input
        (List<Field> fields, List<int> boundaries) = Markers(valid);
        var read = new HostileRead(name, Documented);
        foreach (MutatedInput m in Mutations.Binary(valid, fields, boundaries, FuzzSettings.Seed + seed, FuzzSettings.Random(randomPerIteration)))
        {
            read.Check(m.Name, null, ImageFormatMutationTests.AllocationLimit(Math.Max(destination.Length, m.Bytes.Length)), () =>
            {
                codec.Decode(m.Bytes, frame, destination);
                return null;
            });
        }

        read.AssertNoFailures();
    }
}
