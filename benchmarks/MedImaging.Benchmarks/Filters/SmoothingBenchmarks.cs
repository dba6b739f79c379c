using BenchmarkDotNet.Attributes;
using MedImaging.Filters;

namespace MedImaging.Benchmarks.Filters;

/// <summary>
/// Recursive Gaussian smoothing (sigma 2 mm) and gradient of the 512×512×128 int16 CT geometry (0.7×0.7×5 mm), the
/// per-level setup ITK's registration spends most of its time in; 1 thread versus all cores.
/// </summary>
[MemoryDiagnoser]
public class SmoothingBenchmarks
{
    private Volume<short> _ct = null!;

    /// <summary>Threads used (1 or all cores).</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    /// <summary>A noisy CT-sized volume.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ct = new Volume<short>(new VolumeGeometry(new Size3(512, 512, 128), new Vec3(0.7, 0.7, 5), Vec3.Zero));
        var rng = new Random(1);
        Span<short> v = _ct.Voxels;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = (short)rng.Next(-1000, 1000);
        }
    }

    /// <summary>SmoothingRecursiveGaussian, sigma 2 mm.</summary>
    [Benchmark(Baseline = true)]
    public Volume<float> SmoothingRecursiveGaussian() =>
        ImageFilters.SmoothingRecursiveGaussian(_ct, 2.0, execution: new ExecutionOptions { MaxDegreeOfParallelism = Threads });

    /// <summary>DiscreteGaussian, variance 4 mm².</summary>
    [Benchmark]
    public Volume<float> DiscreteGaussian() =>
        ImageFilters.DiscreteGaussian(_ct, 4.0, execution: new ExecutionOptions { MaxDegreeOfParallelism = Threads });
}
