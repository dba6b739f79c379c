using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using MedImaging.Benchmarks.Clinical;
using MedImaging.Clinical.Qc;
using MedImaging.IO;

namespace MedImaging.Benchmarks.IO;

/// <summary>
/// PNG encoding of one 512×512 CT slice (the middle axial slice of the generated <c>ct_phantom.mha</c> when
/// MEDIMG_SHARED has it, else the synthetic CT): 8-bit windowed (W400/L40) greyscale with libpng's adaptive
/// filters and with no filter, 8-bit RGB, and 16-bit greyscale of the raw HU + 1024; the floor is zlib alone
/// (<see cref="ZLibStream"/> at the same level) on the unfiltered 8-bit scanlines.
/// </summary>
[MemoryDiagnoser]
public class PngWriterBenchmarks
{
    private const int Side = 512;
    private byte[] _gray = [];
    private byte[] _rgb = [];
    private ushort[] _gray16 = [];
    private byte[] _scanlines = [];

    [GlobalSetup]
    public void Setup()
    {
        Volume<short> ct = QcBenchmarkData.Ct();
        Span<short> slice = ct.GetSlice(ct.Size.Z / 2);
        _gray = new byte[Side * Side];
        _rgb = new byte[3 * Side * Side];
        _gray16 = new ushort[Side * Side];
        _scanlines = new byte[Side * (Side + 1)];
        for (int i = 0; i < _gray.Length; i++)
        {
            _gray[i] = QcWindow.CtSoftTissue.Map(slice[i]);
            _rgb.AsSpan(3 * i, 3).Fill(_gray[i]);
            _gray16[i] = (ushort)Math.Clamp(slice[i] + 1024, 0, ushort.MaxValue);
            _scanlines[i / Side * (Side + 1) + 1 + i % Side] = _gray[i];
        }
    }

    /// <summary>The floor: deflating the unfiltered scanlines with zlib at the encoder's default level.</summary>
    [Benchmark(Baseline = true)]
    public long ZLibOnly_Gray8()
    {
        using var sink = new MemoryStream();
        using (var zlib = new ZLibStream(sink, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(_scanlines);
        }

        return sink.Length;
    }

    [Benchmark]
    public long Gray8_Adaptive() => Encode(s => PngWriter.Write(s, _gray, Side, Side, PngPixelFormat.Gray8));

    [Benchmark]
    public long Gray8_NoFilter() =>
        Encode(s => PngWriter.Write(s, _gray, Side, Side, PngPixelFormat.Gray8, new PngWriteOptions { Filter = PngFilterStrategy.None }));

    [Benchmark]
    public long Rgb24_Adaptive() => Encode(s => PngWriter.Write(s, _rgb, Side, Side, PngPixelFormat.Rgb24));

    [Benchmark]
    public long Gray16_Adaptive() => Encode(s => PngWriter.Write(s, _gray16, Side, Side));

    private static long Encode(Action<Stream> write)
    {
        using var sink = new MemoryStream();
        write(sink);
        return sink.Length;
    }
}
