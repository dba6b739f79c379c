using BenchmarkDotNet.Attributes;
using MedImaging.BiasCorrection;

namespace MedImaging.Benchmarks.BiasCorrection;

/// <summary>
/// Lattice → field: the whole 192×240×176 reconstruction N4Pipeline does once (GetLogBiasFieldAsImage on the
/// full-resolution grid), the 48×60×44 double-precision one N4 does every iteration, and one 192-voxel row with
/// the vectorised kernel against its scalar twin.
/// </summary>
[MemoryDiagnoser]
public class FieldReconstructionBenchmarks
{
    private BSplineControlPointLattice _lattice = null!;
    private VolumeGeometry _full = null!;
    private double[] _shrunk = null!;
    private RowBasis<float> _row = null!;
    private float[] _coefficients = null!;
    private float[] _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lattice = N4BenchmarkData.Lattice();
        _full = new VolumeGeometry(N4BenchmarkData.FullGrid);
        _shrunk = new double[N4BenchmarkData.ShrunkGrid.VoxelCount];
        _row = new RowBasis<float>(new BSplineAxisTable(192, 11, 3));
        _coefficients = Enumerable.Range(0, 11).Select(i => 0.1f * i).ToArray();
        _output = new float[192];
    }

    [Benchmark]
    public Volume<float> FullResolutionOneThread() => _lattice.Evaluate(_full, new ExecutionOptions { MaxDegreeOfParallelism = 1 });

    [Benchmark]
    public Volume<float> FullResolutionAllCores() => _lattice.Evaluate(_full);

    [Benchmark]
    public void ShrunkGridDouble() => BSplineFieldReconstruction.Reconstruct<double>(_lattice, N4BenchmarkData.ShrunkGrid, _shrunk, new ExecutionOptions { MaxDegreeOfParallelism = 1 });

    [Benchmark(Baseline = true)]
    public void RowScalar() => _row.EvaluateRowScalar(_coefficients, _output);

    [Benchmark]
    public void RowVectorised() => _row.EvaluateRow(_coefficients, _output);
}
