using BenchmarkDotNet.Attributes;
using MedImaging.Resampling;

namespace MedImaging.Benchmarks.Resampling;

/// <summary>
/// The hot row kernels of separable resampling on one 358×358 output plane (the z pass of the CT case): ITK's
/// linear step and the 4-tap cubic B-spline sum, each against its scalar twin.
/// </summary>
public class RowKernelBenchmarks
{
    private const int Plane = 358 * 358;
    private readonly double[] _source = new double[4 * Plane];
    private readonly double[] _destination = new double[Plane];
    private readonly int[] _offsets = [0, Plane, 2 * Plane, 3 * Plane];
    private readonly double[] _weights = [1.0 / 6, 2.0 / 3, 1.0 / 6, 0];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        for (int i = 0; i < _source.Length; i++)
        {
            _source[i] = random.NextDouble() * 2000 - 1000;
        }
    }

    [Benchmark(Baseline = true)]
    public void LerpScalar() => RowKernels.LerpScalar(_source.AsSpan(0, Plane), _source.AsSpan(Plane, Plane), 0.3, _destination);

    [Benchmark]
    public void Lerp() => RowKernels.Lerp(_source.AsSpan(0, Plane), _source.AsSpan(Plane, Plane), 0.3, _destination);

    [Benchmark]
    public void WeightedSumScalar() => RowKernels.WeightedSumScalar(_source, _offsets, _weights, _destination);

    [Benchmark]
    public void WeightedSum() => RowKernels.WeightedSum(_source, _offsets, _weights, _destination);
}
