using System.Globalization;
using BenchmarkDotNet.Attributes;
using MedImaging.Dicom.Series;

namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// Series discovery and the one-pass series read. <see cref="Scan10000Files"/>: a header-only scan of one folder of
/// 10,000 small DICOM files (40 CT series × 250 slices of 64×64, written by <see cref="DicomSeriesWriter"/> in the
/// setup); files per second = 10,000 / time. <see cref="ReadPhantomSeries"/>: scan + one-pass read of the generated
/// 128-slice 512×512 CT phantom (../shared/reference/data/generated/ct_phantom_dicom) into an int16 HU volume.
/// Both at 1 and 2 threads.
/// </summary>
[MemoryDiagnoser]
public class DicomSeriesBenchmarks
{
    private const int SeriesCount = 40;
    private const int SlicesPerSeries = 250;
    private string _scanFolder = string.Empty;
    private string _phantomFolder = string.Empty;

    /// <summary>Maximum worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    private ExecutionOptions Execution => new() { MaxDegreeOfParallelism = Threads };

    [GlobalSetup]
    public void Setup()
    {
        string shared = Environment.GetEnvironmentVariable("MEDIMG_SHARED") ?? Path.GetFullPath("../shared");
        _phantomFolder = Path.Combine(shared, "reference", "data", "generated", "ct_phantom_dicom");
        _scanFolder = Path.Combine(Path.GetTempPath(), "medimg-bench-scan10000");
        if (Directory.Exists(_scanFolder) && Directory.GetFiles(_scanFolder).Length == SeriesCount * SlicesPerSeries)
        {
            return;
        }

        Directory.CreateDirectory(_scanFolder);
        string staging = Path.Combine(Path.GetTempPath(), "medimg-bench-staging-" + Guid.NewGuid().ToString("N"));
        var slice = new Volume<short>(new VolumeGeometry(new Size3(64, 64, SlicesPerSeries), new Vec3(0.8, 0.8, 1.5), new Vec3(-25, -25, 0)));
        Span<short> voxels = slice.Voxels;
        for (int i = 0; i < voxels.Length; i++)
        {
            voxels[i] = (short)((i * 37 % 2000) - 1000);
        }

        for (int s = 0; s < SeriesCount; s++)
        {
            string number = s.ToString(CultureInfo.InvariantCulture);
            DicomSeriesWriteResult written = DicomSeriesWriter.Write(slice, Path.Combine(staging, number), new DicomSeriesWriteOptions
            {
                SeriesNumber = s + 1,
                SeriesDescription = "scan benchmark " + number,
                UidRoot = "1.2.826.0.1.3680043.2.1125.77." + number,
            });
            foreach (string file in written.Files)
            {
                File.Move(file, Path.Combine(_scanFolder, $"S{number}_{Path.GetFileName(file)}"), overwrite: true);
            }
        }

        Directory.Delete(staging, recursive: true);
    }

    /// <summary>Header-only scan of the 10,000-file folder; returns the number of series found (40).</summary>
    [Benchmark]
    public int Scan10000Files() => DicomSeriesScanner.Scan(_scanFolder, execution: Execution).Series.Count;

    /// <summary>Scan + one-pass read of the CT phantom folder's largest series; returns the voxel count.</summary>
    [Benchmark]
    public long ReadPhantomSeries() => DicomSeriesReader.Read(_phantomFolder, execution: Execution).Volume.Size.VoxelCount;
}
