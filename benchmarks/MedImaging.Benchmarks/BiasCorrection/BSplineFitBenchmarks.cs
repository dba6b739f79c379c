using BenchmarkDotNet.Attributes;
using MedImaging.BiasCorrection;

namespace MedImaging.Benchmarks.BiasCorrection;

/// <summary>One N4 B-spline fit (Lee–Wolberg–Shin, 64 control points touched per voxel) on the shrunk MR phantom's mask.</summary>
[MemoryDiagnoser]
public class BSplineFitBenchmarks
{
    private GridPointSet _points = null!;
    private double[] _values = null!;

    [Params(4, 11)]
    public int ControlPoints { get; set; }

    [GlobalSetup]
    public void Setup() => (_points, _values) = N4BenchmarkData.MaskedPoints();

    [Benchmark(Baseline = true)]
    public BSplineControlPointLattice FitOneThread() =>
        BSplineScatteredDataFit.Fit(_points, _values, new Size3(ControlPoints, ControlPoints, ControlPoints), 3, new ExecutionOptions { MaxDegreeOfParallelism = 1 });

    [Benchmark]
    public BSplineControlPointLattice FitAllCores() =>
        BSplineScatteredDataFit.Fit(_points, _values, new Size3(ControlPoints, ControlPoints, ControlPoints), 3, null);
}
