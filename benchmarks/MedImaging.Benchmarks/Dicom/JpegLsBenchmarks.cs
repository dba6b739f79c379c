using BenchmarkDotNet.Attributes;
using MedImaging.Dicom.Codecs;
using MedImaging.Tests.Dicom.Codecs;

namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// JPEG-LS lossless decoding of one 512×512 16-bit frame (<see cref="CtPhantom"/>), encoded in GlobalSetup by the
/// test encoder. The codestream is
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
        ushort[] image = CtPhantom.Create(Size);
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
