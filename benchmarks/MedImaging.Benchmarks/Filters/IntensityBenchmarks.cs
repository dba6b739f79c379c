using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MedImaging.Filters;

namespace MedImaging.Benchmarks.Filters;

/// <summary>
/// The flat intensity kernels on a 512×512×128 int16 CT-like volume (64 MiB), each against its scalar twin
/// (baseline of its category) and all against a plain copy of the same 64 MiB (<see cref="Copy"/>), every one on
/// one thread through the same fixed 64 Ki-voxel blocks into preallocated outputs, so the ratios compare kernels,
/// not allocation.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MedianColumn]
public class IntensityBenchmarks
{
    private static readonly ExecutionOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private Volume<short> _ct = null!;
    private Volume<short> _copy = null!;
    private Volume<float> _single = null!;
    private Volume<short> _windowed = null!;
    private Volume<byte> _mask = null!;
    private IntensityWindowingKernel<short, short> _window = null!;
    private BinaryThresholdKernel<short> _threshold;

    [GlobalSetup]
    public void Setup()
    {
        var geometry = new VolumeGeometry(new Size3(512, 512, 128), new Vec3(0.7, 0.7, 5), new Vec3(-179.3, -200.6, -702.5));
        _ct = new Volume<short>(geometry);
        var rng = new Random(1);
        for (int z = 0; z < 128; z++)
        {
            for (int y = 0; y < 512; y++)
            {
                Span<short> row = _ct.GetRow(y, z);
                for (int x = 0; x < 512; x++)
                {
                    double r = Math.Pow((x - 256) / 200.0, 2) + Math.Pow((y - 256) / 150.0, 2);
                    row[x] = (short)(r > 1 ? -1024 : r > 0.8 ? 700 + rng.Next(300) : 40 + rng.Next(-30, 31));
                }
            }
        }

        _copy = Volume<short>.CreateLike(_ct);
        _single = Volume<float>.CreateLike(_ct);
        _windowed = Volume<short>.CreateLike(_ct);
        _mask = Volume<byte>.CreateLike(_ct);
        _window = new IntensityWindowingKernel<short, short>(-160, 240, 0, 255, clampOutput: false);
        _threshold = new BinaryThresholdKernel<short>(-100, 200, 1, 0);
    }

    [Benchmark(Description = "copy 64 MiB (Span.CopyTo)")]
    [BenchmarkCategory("Copy")]
    public void Copy() => FlatLoop.Map<short, short>(_ct, _copy, OneThread, static (s, d) => s.CopyTo(d));

    [Benchmark(Baseline = true, Description = "cast int16→float32 scalar")]
    [BenchmarkCategory("Cast")]
    public void CastScalar() => FlatLoop.Map<short, float>(_ct, _single, OneThread, CastKernel.ApplyScalar);

    [Benchmark(Description = "cast int16→float32")]
    [BenchmarkCategory("Cast")]
    public void Cast() => FlatLoop.Map<short, float>(_ct, _single, OneThread, CastKernel.Apply);

    [Benchmark(Baseline = true, Description = "window scalar")]
    [BenchmarkCategory("Window")]
    public void WindowScalar() => FlatLoop.Map<short, short>(_ct, _windowed, OneThread, _window.ApplyScalar);

    [Benchmark(Description = "window")]
    [BenchmarkCategory("Window")]
    public void Window() => FlatLoop.Map<short, short>(_ct, _windowed, OneThread, _window.Apply);

    [Benchmark(Baseline = true, Description = "threshold scalar")]
    [BenchmarkCategory("Threshold")]
    public void ThresholdScalar() => FlatLoop.Map<short, byte>(_ct, _mask, OneThread, _threshold.ApplyScalar);

    [Benchmark(Description = "threshold")]
    [BenchmarkCategory("Threshold")]
    public void Threshold() => FlatLoop.Map<short, byte>(_ct, _mask, OneThread, _threshold.Apply);

    [Benchmark(Baseline = true, Description = "statistics scalar")]
    [BenchmarkCategory("Statistics")]
    public long StatisticsScalar() => (long)Parallelism.Reduce(_ct.Voxels.Length, FlatLoop.BlockSize, OneThread,
        (start, end) => IntegerMoments.ComputeScalar<short>(_ct.Voxels[(int)start..(int)end]), IntegerMoments.Combine, IntegerMoments.Empty).Sum;

    [Benchmark(Description = "statistics")]
    [BenchmarkCategory("Statistics")]
    public StatisticsResult Statistics() => ImageFilters.Statistics(_ct, OneThread);

    /// <summary>The one-shot CLI's threshold: slab by slab into one reused 8 MiB buffer, no 32 MiB mask allocated.</summary>
    [Benchmark(Description = "threshold by slabs")]
    [BenchmarkCategory("Threshold")]
    public long ThresholdSlabs()
    {
        long inside = 0;
        ImageFilters.BinaryThresholdSlabs(_ct, -100, 200, 1, 0, OneThread)
            .ForEachSlab((_, slab) => inside += slab.AsBytes()[0]);
        return inside;
    }
}
