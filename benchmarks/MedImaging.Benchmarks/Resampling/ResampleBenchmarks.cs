using BenchmarkDotNet.Attributes;
using MedImaging.Resampling;
using MedImaging.Transforms;

namespace MedImaging.Benchmarks.Resampling;

/// <summary>
/// The clinical first step: a 512×512×128 int16 CT at 0.7×0.7×5 mm to 1 mm isotropic (358×358×640, default −1024),
/// per interpolator and thread count (the separable fast path), into a new volume and into a caller's volume (the steady
/// state of a batch that reuses its buffers, without the page faults of a fresh 164 MB output), plus the general path on
/// a grid rotated 5° about z.
/// </summary>
[MemoryDiagnoser]
public class ResampleBenchmarks
{
    private Volume<short> _ct = null!;
    private Volume<short> _isotropic = null!;
    private VolumeGeometry _rotatedGrid = null!;
    private Euler3DTransform _rotation = null!;

    [Params(InterpolatorType.NearestNeighbor, InterpolatorType.Linear, InterpolatorType.BSpline3)]
    public InterpolatorType Interpolator { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ct = new Volume<short>(new VolumeGeometry(new Size3(512, 512, 128), new Vec3(0.7, 0.7, 5), new Vec3(-179.3, -200.6, -702.5)));
        var random = new Random(1);
        Span<short> v = _ct.Voxels;
        for (int i = 0; i < v.Length; i++)
        {
            int x = i % 512 - 256, y = i / 512 % 512 - 256;
            v[i] = (short)((x * x + y * y < 200 * 200 ? 0 : -1000) + random.Next(-12, 13));
        }

        _isotropic = new Volume<short>(Resampler.GeometryForSpacing(_ct.Geometry, Vec3.One));

        // A 1 mm grid of a quarter of the volume's voxels for the rotated case, so its run stays short.
        _rotatedGrid = Resampler.GeometryForSpacing(_ct.Geometry, new Vec3(1.4, 1.4, 2));
        _rotation = new Euler3DTransform(_ct.Geometry.Center, 0, 0, 5 * Math.PI / 180, Vec3.Zero);
    }

    [Benchmark]
    public Volume<short> ResampleToSpacing_1mm() =>
        Resampler.ResampleToSpacing(_ct, Vec3.One, Interpolator, -1024, execution: new ExecutionOptions { MaxDegreeOfParallelism = Threads });

    [Benchmark]
    public void ResampleInto_1mm() =>
        Resampler.ResampleInto(_ct, _isotropic, null, Interpolator, -1024, execution: new ExecutionOptions { MaxDegreeOfParallelism = Threads });

    /// <summary>
    /// The one-shot CLI's form: the output computed slab by slab into one reused 8 MiB buffer (each slab handed to a
    /// consumer that here only sums one voxel per slab, where the CLI writes it to the file).
    /// </summary>
    [Benchmark]
    public long ResampleSlabs_1mm()
    {
        long sum = 0;
        Resampler.ResampleSlabs(_ct, _isotropic.Geometry, null, Interpolator, -1024, execution: new ExecutionOptions { MaxDegreeOfParallelism = Threads })
            .ForEachSlab((_, slab) => sum += (long)slab.GetValueAsDouble(0, 0, 0));
        return sum;
    }

    [Benchmark]
    public Volume<short> Resample_Rotated5Degrees() =>
        Resampler.Resample(_ct, _rotatedGrid, _rotation, Interpolator, -1024, execution: new ExecutionOptions { MaxDegreeOfParallelism = Threads });
}
