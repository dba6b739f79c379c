using BenchmarkDotNet.Attributes;
using MedImaging.Dicom;

namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// DICOM reading on the generated 128-slice CT phantom series (512×512 int16, ../shared/reference/data/generated/
/// ct_phantom_dicom): header-only parse, full read with pixel decode, and File.ReadAllBytes as the I/O floor.
/// Each benchmark reads every file once; divide by the file count for µs per file. The phantom is unsigned
/// 16/12-bit, so frames go into a ushort slice buffer (the direct copy path a series reader uses).
/// </summary>
[MemoryDiagnoser]
public class DicomReadBenchmarks
{
    private string[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        string shared = Environment.GetEnvironmentVariable("MEDIMG_SHARED") ?? Path.GetFullPath("../shared");
        string folder = Path.Combine(shared, "reference", "data", "generated", "ct_phantom_dicom");
        _files = [.. Directory.EnumerateFiles(folder, "*.dcm").Order(StringComparer.Ordinal)];
        if (_files.Length == 0)
        {
            throw new InvalidOperationException($"no DICOM files in {folder}: run make_inputs.sh or set MEDIMG_SHARED");
        }
    }

    [Benchmark]
    public int HeaderOnly()
    {
        int rows = 0;
        foreach (string file in _files)
        {
            rows += DicomFile.Open(file, DicomReadOptions.HeaderOnly).Dataset.GetInt32(DicomTag.Rows);
        }

        return rows;
    }

    [Benchmark(Baseline = true)]
    public long ReadAllBytes()
    {
        long total = 0;
        foreach (string file in _files)
        {
            total += File.ReadAllBytes(file).Length;
        }

        return total;
    }

    [Benchmark]
    public long FullReadWithPixels()
    {
        long total = 0;
        ushort[] slice = [];
        foreach (string file in _files)
        {
            DicomPixelData pixels = DicomPixelData.Create(DicomFile.Open(file));
            if (slice.Length != pixels.Rows * pixels.Columns)
            {
                slice = new ushort[pixels.Rows * pixels.Columns];
            }

            pixels.CopyFrameTo<ushort>(0, slice);
            total += slice[slice.Length / 2];
        }

        return total;
    }
}
