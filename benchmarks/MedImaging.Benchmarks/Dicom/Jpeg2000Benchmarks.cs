using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MedImaging.Dicom;
using MedImaging.Dicom.Codecs;
using MedImaging.Dicom.Codecs.Jpeg2000;

namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// JPEG 2000 lossless decoding of one 512×512 16-bit frame (pydicom test file 693_J2KR.dcm from
/// ../shared/corpus: reversible 5/3, one tile), through <see cref="DicomPixelData.GetFrame"/> (fragment join + decode);
/// and HTJ2K lossless decoding of the 512×512 16-bit <see cref="CtPhantom"/>, encoded in its GlobalSetup by OpenJPH's
/// <c>ojph_compress -reversible true</c> (defaults: 5 levels, 64×64 code-blocks, RPCL; Debian openjph-tools) and
/// written to <c>$TMPDIR/medimg-htj2k-512x512x16.j2c</c> so that ojph_expand can be timed on the same bytes.
/// </summary>
[MemoryDiagnoser]
public class Jpeg2000Benchmarks
{
    private const int HtSize = 512;
    private readonly DicomFrameInfo _htFrame = new(HtSize, HtSize, 1, 16, 16, false, "MONOCHROME2");
    private DicomPixelData? _pixels;
    private byte[] _ht = [];
    private byte[] _htNative = [];

    [GlobalSetup(Target = nameof(DecodeLossless512))]
    public void Setup()
    {
        string shared = Environment.GetEnvironmentVariable("MEDIMG_SHARED") ?? Path.GetFullPath("../shared");
        string path = Path.Combine(shared, "corpus", "pydicom-data", "data", "693_J2KR.dcm");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: set MEDIMG_SHARED");
        }

        _pixels = DicomPixelData.Create(DicomFile.Open(path));
    }

    [Benchmark]
    public int DecodeLossless512() => _pixels!.GetFrame(0).Length;

    [GlobalSetup(Target = nameof(DecodeHtLossless512x512x16))]
    public void SetupHt()
    {
        string folder = Path.GetTempPath();
        string pgm = Path.Combine(folder, "medimg-htj2k-512x512x16.pgm"), j2c = Path.Combine(folder, "medimg-htj2k-512x512x16.j2c");
        ushort[] image = CtPhantom.Create(HtSize);
        using (var stream = File.Create(pgm))
        {
            stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{HtSize} {HtSize}\n65535\n")));
            foreach (ushort v in image)
            {
                stream.WriteByte((byte)(v >> 8));
                stream.WriteByte((byte)v);
            }
        }

        using (Process encoder = Process.Start("ojph_compress", ["-i", pgm, "-o", j2c, "-reversible", "true"])
            ?? throw new InvalidOperationException("ojph_compress (Debian openjph-tools) is needed to make the HTJ2K codestream"))
        {
            encoder.WaitForExit();
        }

        _ht = File.ReadAllBytes(j2c);
        _htNative = new byte[_htFrame.NativeFrameBytes];
    }

    [Benchmark]
    public int DecodeHtLossless512x512x16()
    {
        Jpeg2000Codec.Decode(_ht, _htFrame, _htNative, Jpeg2000Codec.HtLosslessUid);
        return _htNative[^1];
    }
}
