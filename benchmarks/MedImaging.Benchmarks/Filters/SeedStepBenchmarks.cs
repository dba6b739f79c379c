using BenchmarkDotNet.Attributes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Benchmarks.Filters;

/// <summary>
/// The seed pipeline's new steps on the 512×512×128 CT phantom (docs/examples/seed-ct-liver.json): the threshold to a
/// named byte mask, the in-place streamed SafeBorder closing with a radius-3 ball (the pipeline's form, no second
/// volume), and writing the image as .nii.gz through the parallel-block gzip writer — one thread and two.
/// </summary>
public class SeedStepBenchmarks : ThreadedBenchmark
{
    private Volume<short> _ct = null!;
    private Volume<byte> _mask = null!;
    private Volume<byte> _work = null!;
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _ct = SegmentationInputs.Ct();
        _mask = ImageFilters.BinaryThreshold(_ct, 0, 100);
        _work = _mask.Clone();
        _file = Path.Combine(Path.GetTempPath(), $"seed-bench-{Environment.ProcessId}.nii.gz");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    /// <summary>Restores the unclosed mask before each closing (the closing works in place).</summary>
    [IterationSetup(Target = nameof(ClosingInPlaceBall3))]
    public void Restore() => _mask.Voxels.CopyTo(_work.Voxels);

    [Benchmark]
    public int ThresholdToMask() => ImageFilters.BinaryThreshold(_ct, 0, 100, execution: Execution).Voxels[0];

    [Benchmark]
    public int ClosingInPlaceBall3()
    {
        ImageFilters.BinaryMorphologicalClosingInPlace(_work, 3, KernelType.Ball, Execution);
        return _work.Voxels[0];
    }

    [Benchmark]
    public long WriteNiftiGz()
    {
        ImageFile.Write(_ct, _file, execution: Execution);
        return new FileInfo(_file).Length;
    }
}
