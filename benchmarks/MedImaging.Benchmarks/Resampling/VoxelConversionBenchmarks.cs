using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MedImaging.Resampling;

namespace MedImaging.Benchmarks.Resampling;

/// <summary>
/// The conversions at both ends of separable resampling on one 358×358 plane of the CT case: interpolated doubles
/// to int16 (rounded, saturated) and int16 input rows to doubles, each against its scalar twin; the int16 → double
/// conversion also against <see cref="TensorPrimitives.ConvertTruncating{TFrom, TTo}(ReadOnlySpan{TFrom}, Span{TTo})"/>,
/// which it replaces.
/// </summary>
public class VoxelConversionBenchmarks
{
    private const int Plane = 358 * 358;
    private readonly double[] _doubles = new double[Plane];
    private readonly short[] _shorts = new short[Plane];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (int i = 0; i < Plane; i++)
        {
            _doubles[i] = random.NextDouble() * 3000 - 1024;
            _shorts[i] = (short)random.Next(-1024, 2000);
        }
    }

    [Benchmark(Baseline = true)]
    public void ToInt16Scalar() => VoxelConversion.ToInt16Scalar(_doubles, _shorts, round: true);

    [Benchmark]
    public void ToInt16() => VoxelConversion.ToInt16(_doubles, _shorts, round: true);

    [Benchmark]
    public void Int16ToDoubleScalar() => VoxelConversion.SixteenBitToDoubleScalar(_shorts, _doubles, signed: true);

    [Benchmark]
    public void Int16ToDouble() => VoxelConversion.SixteenBitToDouble(_shorts, _doubles, signed: true);

    [Benchmark]
    public void Int16ToDoubleTensorPrimitives() => TensorPrimitives.ConvertTruncating<short, double>(_shorts, _doubles);
}
