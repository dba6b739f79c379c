using BenchmarkDotNet.Attributes;
using MedImaging.Dicom;

namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// JPEG 2000 lossless decoding of one 512×512 16-bit frame (pydicom test file 693_J2KR.dcm from
/// ../shared/corpus: reversible 5/3, one tile), through <see cref="DicomPixelData.GetFrame"/> (fragment join + decode).
/// </summary>
[MemoryDiagnoser]
public class Jpeg2000Benchmarks
{
    private DicomPixelData? _pixels;

    [GlobalSetup]
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
}
