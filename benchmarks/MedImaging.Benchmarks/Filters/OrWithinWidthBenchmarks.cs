using BenchmarkDotNet.Attributes;
using MedImaging.Filters;

namespace MedImaging.Benchmarks.Filters;

/// <summary>The binary-morphology inner loop on one 518-voxel padded row: vectorised against its scalar twin.</summary>
public class OrWithinWidthBenchmarks
{
    private readonly byte[] _distance = new byte[518];
    private readonly byte[] _accumulator = new byte[518];

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_distance);

    [Benchmark(Baseline = true)]
    public void Scalar() => BinaryMorphologyKernels.OrWithinWidthScalar(_distance, 3, _accumulator);

    [Benchmark]
    public void Vectorised() => BinaryMorphologyKernels.OrWithinWidth(_distance, 3, _accumulator);
}
