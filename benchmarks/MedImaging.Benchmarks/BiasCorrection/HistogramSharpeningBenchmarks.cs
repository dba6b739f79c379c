using BenchmarkDotNet.Attributes;
using MedImaging.BiasCorrection;

namespace MedImaging.Benchmarks.BiasCorrection;

/// <summary>One N4 sharpening step (200-bin histogram, 512-point FFT Wiener deconvolution, mapping) on the shrunk MR phantom's mask.</summary>
[MemoryDiagnoser]
public class HistogramSharpeningBenchmarks
{
    private double[] _values = null!;
    private double[] _sharpened = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_, double[] residual) = N4BenchmarkData.MaskedPoints();
        _values = residual.Select((v, n) => 6 + v + (n % 3 == 0 ? 0.4 : 0)).ToArray();
        _sharpened = new double[_values.Length];
    }

    [Benchmark]
    public void Sharpen() => HistogramSharpening.Sharpen(_values, _sharpened, 200, 0.15, 0.01);

    [Benchmark]
    public double[] MappingOnly()
    {
        double[] histogram = HistogramSharpening.BuildHistogram(_values, 5.5, 1.5 / 199, 200);
        return HistogramSharpening.ExpectedValueMapping(histogram, 5.5, 1.5 / 199, 0.15, 0.01);
    }
}
