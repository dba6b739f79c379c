using BenchmarkDotNet.Attributes;
using MedImaging.Dicom.Codecs;
using MedImaging.Tests.Dicom.Codecs;

namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// JPEG-LS lossless decoding of one 512×512 16-bit frame (a CT-like phantom: flat air around a disc of soft tissue
/// with ±16 noise and a bright ring, values 0..3000), encoded in GlobalSetup by the test encoder. The codestream is
/// also written to <c>$TMPDIR/medimg-jpegls-512x512x16.jls</c> so that other decoders can be timed on the same bytes.
/// </summary>
[MemoryDiagnoser]
public class JpegLsBenchmarks
{
    private const int Size = 512;
    private readonly JpegLsCodec _codec = new();
    private readonly DicomFrameInfo _frame = new(Size, Size, 1, 16, 16, false, "MONOCHROME2");
    private byte[] _stream = [];
    private byte[] _native = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        ushort[] image = new ushort[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double r = Math.Sqrt(((x - 256.0) * (x - 256.0)) + ((y - 256.0) * (y - 256.0)));
                image[(y * Size) + x] = r > 220 ? (ushort)0 : r > 200 ? (ushort)(3000 - random.Next(32)) : (ushort)(1040 + random.Next(-16, 17));
            }
        }

        _stream = JpegLsTestEncoder.Encode(image, Size, Size, 1, 16);
        _native = new byte[_frame.NativeFrameBytes];
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "medimg-jpegls-512x512x16.jls"), _stream);
    }

    [Benchmark]
    public int Decode512x512x16()
    {
        _codec.Decode(_stream, _frame, _native);
        return _native[^1];
    }
}
