using BenchmarkDotNet.Attributes;
using MedImaging.Filters;
using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Benchmarks.Registration;

/// <summary>
/// One Mattes MI value + derivative evaluation (what every optimizer iteration costs) on 5000 random samples of a
/// 181×217×181 head-sized synthetic pair, 1 thread versus all cores.
/// </summary>
[MemoryDiagnoser]
public class MattesMetricBenchmarks
{
    private ImageMetric _metric = null!;
    private Euler3DTransform _transform = null!;
    private readonly double[] _derivative = new double[6];

    /// <summary>Threads used (1 or all cores).</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    /// <summary>Builds a smooth random-blob pair and the samples.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var geometry = new VolumeGeometry(new Size3(181, 217, 181), new Vec3(1, 1, 1), new Vec3(-90, -108, -90));
        var rng = new Random(1);
        var noise = new Volume<float>(geometry);
        for (int i = 0; i < noise.Voxels.Length; i++)
        {
            noise.Voxels[i] = (float)rng.NextDouble();
        }

        Volume<float> f = ImageFilters.SmoothingRecursiveGaussian(noise, 4.0);
        bool[] thick = [false, false, false];
        Vec3[] points = VirtualDomain.SamplePoints(geometry, SamplingStrategy.Random, 5000.5 / geometry.VoxelCount, 42, thick);
        _metric = ImageMetric.Create(new RegistrationOptions(), new SampledImage(f, null), new SampledImage(f, null, 1.0), points);
        _transform = new Euler3DTransform(geometry.Center, 0.02, -0.01, 0.05, new Vec3(1, -2, 0.5));
    }

    /// <summary>Value and derivative.</summary>
    [Benchmark]
    public double ValueAndDerivative() =>
        _metric.GetValueAndDerivative(_transform, _derivative, new ExecutionOptions { MaxDegreeOfParallelism = Threads });
}
