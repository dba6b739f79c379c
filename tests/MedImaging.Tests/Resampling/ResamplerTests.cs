using MedImaging.Resampling;
using MedImaging.Transforms;

namespace MedImaging.Tests.Resampling;

[TestFixture]
public class ResamplerTests
{
    private static readonly VolumeGeometry Grid = new(new Size3(37, 29, 11), new Vec3(0.7, 0.7, 5.0), new Vec3(-179.3, -200.6, -702.5));

    internal static Volume<short> RandomCt(VolumeGeometry geometry, int seed = 7)
    {
        var v = new Volume<short>(geometry);
        var random = new Random(seed);
        Span<short> voxels = v.Voxels;
        for (int i = 0; i < voxels.Length; i++)
        {
            voxels[i] = (short)random.Next(-1024, 3072);
        }

        return v;
    }

    [TestCase(InterpolatorType.NearestNeighbor)]
    [TestCase(InterpolatorType.Linear)]
    [TestCase(InterpolatorType.BSpline0)]
    [TestCase(InterpolatorType.BSpline1)]
    [TestCase(InterpolatorType.BSpline3)]
    public void Resample_SameGrid_ReturnsInputExactly(InterpolatorType interpolator)
    {
        Volume<short> ct = RandomCt(Grid);
        Volume<short> output = Resampler.Resample(ct, ct.Geometry, interpolator: interpolator, defaultPixelValue: -1024);
        Assert.That(output.Geometry, Is.EqualTo(ct.Geometry));
        Assert.That(output.Voxels.ToArray(), Is.EqualTo(ct.Voxels.ToArray()));

        // Float voxels: the continuous index of a voxel centre comes back as i ± 1e-15 through the LPS round trip,
        // and the spline weights reconstruct samples to ~1e-15 of the data range; so values come back to 1e-9 of
        // the range (~1500 here), exactly where float rounding absorbs it, but not for samples near 0.
        var floats = new Volume<float>(Grid);
        for (int i = 0; i < floats.Voxels.Length; i++)
        {
            floats.Voxels[i] = ct.Voxels[i] * 0.37f;
        }

        Volume<float> floatOutput = Resampler.Resample(floats, floats.Geometry, interpolator: interpolator);
        Assert.That(floatOutput.Voxels.ToArray(), Is.EqualTo(floats.Voxels.ToArray()).Within(1e-9 * 1500));
    }

    [Test]
    public void Linear_LinearFunction_ReproducedInsideAndClampedInHalfVoxelBorder()
    {
        // v = 3x + 2y − z + 5 is reproduced exactly by trilinear interpolation between voxel centres.
        var v = new Volume<double>(new VolumeGeometry(new Size3(6, 5, 4)));
        for (int z = 0; z < 4; z++)
        {
            for (int y = 0; y < 5; y++)
            {
                for (int x = 0; x < 6; x++)
                {
                    v[x, y, z] = 3 * x + 2 * y - z + 5;
                }
            }
        }

        // Output x positions -0.5, -0.25, 0.0, ..., 5.25, 5.5: the last is outside ([-0.5, n - 0.5)).
        var reference = new VolumeGeometry(new Size3(25, 1, 1), new Vec3(0.25, 1, 1), new Vec3(-0.5, 1.5, 2.25));
        Volume<double> output = Resampler.Resample(v, reference, defaultPixelValue: -99);
        for (int i = 0; i < 25; i++)
        {
            double x = -0.5 + 0.25 * i;
            double expected = x > 5.49 ? -99 : 3 * Math.Clamp(x, 0, 5) + 2 * 1.5 - 2.25 + 5;

            // Values are sums of a few products of exact binary fractions: 1e-12 covers rounding.
            Assert.That(output[i, 0, 0], Is.EqualTo(expected).Within(1e-12), $"x = {x}");
        }
    }

    [Test]
    public void Nearest_TiesRoundHalfUp_AndBorderFollowsItkInsideTest()
    {
        var v = new Volume<int>(new VolumeGeometry(new Size3(4, 1, 1)));
        for (int x = 0; x < 4; x++)
        {
            v[x, 0, 0] = 10 * (x + 1);
        }

        // Positions -0.5 (inside, voxel 0), 0.5 (tie -> voxel 1), 1.5 (voxel 2), 2.5 (voxel 3), 3.5 (outside).
        var reference = new VolumeGeometry(new Size3(5, 1, 1), Vec3.One, new Vec3(-0.5, 0, 0));
        Volume<int> output = Resampler.Resample(v, reference, interpolator: InterpolatorType.NearestNeighbor, defaultPixelValue: -1);
        Assert.That(output.Voxels.ToArray(), Is.EqualTo(new[] { 10, 20, 30, 40, -1 }));
    }

    [Test]
    public void Resample_QuarterTurnAboutZ_PermutesVoxelsExactly()
    {
        // A 90° rotation maps voxel centres onto voxel centres: the output is a pure permutation (analytic truth).
        var g = new VolumeGeometry(new Size3(9, 9, 3));
        Volume<short> ct = RandomCt(g);
        var rotation = new Euler3DTransform(new Vec3(4, 4, 0), 0, 0, Math.PI / 2, Vec3.Zero);
        foreach (InterpolatorType interpolator in new[] { InterpolatorType.NearestNeighbor, InterpolatorType.Linear, InterpolatorType.BSpline3 })
        {
            Volume<short> output = Resampler.Resample(ct, g, rotation, interpolator);
            for (int z = 0; z < 3; z++)
            {
                for (int y = 0; y < 9; y++)
                {
                    for (int x = 0; x < 9; x++)
                    {
                        // T(x, y) = (8 - y, x) about the centre (4, 4).
                        Assert.That(output[x, y, z], Is.EqualTo(ct[8 - y, x, z]), $"{interpolator} at ({x}, {y}, {z})");
                    }
                }
            }
        }
    }

    [TestCase(InterpolatorType.NearestNeighbor)]
    [TestCase(InterpolatorType.Linear)]
    [TestCase(InterpolatorType.BSpline3)]
    public void Resample_SeparableAndGeneralPaths_Agree(InterpolatorType interpolator)
    {
        // The identity as a non-matrix transform forces the general point-by-point path on the same problem.
        Volume<short> ct = RandomCt(Grid);
        VolumeGeometry target = Resampler.GeometryForSpacing(Grid, new Vec3(1.0, 1.3, 1.0));
        Volume<float> fast = Resampler.Resample<short, float>(ct, target, interpolator: interpolator, defaultPixelValue: -1024);
        Volume<float> general = Resampler.Resample<short, float>(ct, target, new TestPointTransform(p => p), interpolator, -1024);
        float[] a = fast.Voxels.ToArray(), b = general.Voxels.ToArray();
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        // Separable passes sum the same products in another order: float32 rounding of values up to ~3000.
        Assert.That(worst, Is.LessThan(1e-3));
    }

    [Test]
    public void GeometryForSpacing_FollowsItkSizeRule()
    {
        var ct = new VolumeGeometry(new Size3(512, 512, 128), new Vec3(0.7, 0.7, 5), new Vec3(1, 2, 3), new Mat3(0, 1, 0, 1, 0, 0, 0, 0, -1));
        VolumeGeometry iso = Resampler.GeometryForSpacing(ct, Vec3.One);

        // 512 · 0.7 = 358.4 -> 358; 128 · 5 = 640 (the harness README's 358×358×640).
        Assert.That(iso.Size, Is.EqualTo(new Size3(358, 358, 640)));
        Assert.That(iso.Origin, Is.EqualTo(ct.Origin));
        Assert.That(iso.Direction, Is.EqualTo(ct.Direction));

        // Halves round away from zero (llround): 5 · 0.5 / 1 = 2.5 -> 3; tiny results keep one voxel.
        var small = new VolumeGeometry(new Size3(5, 1, 2), new Vec3(0.5, 0.1, 1), Vec3.Zero);
        Assert.That(Resampler.GeometryForSpacing(small, new Vec3(1, 1, 1)).Size, Is.EqualTo(new Size3(3, 1, 2)));
    }

    [Test]
    public void Conversion_TruncateLikeItk_DiffersFromRoundingOnlyByTruncation()
    {
        var v = new Volume<short>(new VolumeGeometry(new Size3(2, 1, 1)));
        v[0, 0, 0] = -3;
        v[1, 0, 0] = 4;
        var reference = new VolumeGeometry(new Size3(4, 1, 1), new Vec3(0.25, 1, 1), Vec3.Zero);

        // Linear values: -3, -1.25, 0.5, 2.25.
        Volume<short> rounded = Resampler.Resample(v, reference);
        Volume<short> truncated = Resampler.Resample(v, reference, conversion: IntegerConversion.TruncateLikeItk);
        Assert.That(rounded.Voxels.ToArray(), Is.EqualTo(new short[] { -3, -1, 1, 2 }));
        Assert.That(truncated.Voxels.ToArray(), Is.EqualTo(new short[] { -3, -1, 0, 2 }));

        // Saturation to the type's range, as ITK clamps before casting.
        Volume<byte> clamped = Resampler.Resample<short, byte>(v, reference);
        Assert.That(clamped.Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 0, 1, 2 }));
    }

    [TestCase(InterpolatorType.NearestNeighbor)]
    [TestCase(InterpolatorType.Linear)]
    [TestCase(InterpolatorType.BSpline3)]
    [TestCase(InterpolatorType.LanczosWindowedSinc)]
    [TestCase(InterpolatorType.LabelGaussian)]
    public void Resample_OneAndTwoThreads_BitIdentical(InterpolatorType interpolator) =>
        OnSeparableAndRotatedGrids((ct, target, transform) =>
        {
            Volume<float> one = Resampler.Resample<short, float>(ct, target, transform, interpolator, -1024, execution: new ExecutionOptions { MaxDegreeOfParallelism = 1 });
            Volume<float> two = Resampler.Resample<short, float>(ct, target, transform, interpolator, -1024, execution: new ExecutionOptions { MaxDegreeOfParallelism = 2 });
            Assert.That(two.Voxels.ToArray(), Is.EqualTo(one.Voxels.ToArray()));
        });

    [TestCase(InterpolatorType.NearestNeighbor)]
    [TestCase(InterpolatorType.Linear)]
    [TestCase(InterpolatorType.BSpline3)]
    [TestCase(InterpolatorType.LanczosWindowedSinc)]
    [TestCase(InterpolatorType.LabelGaussian)]
    public void ResampleInto_OverwritesEveryVoxel_AsResampleDoes(InterpolatorType interpolator) =>
        OnSeparableAndRotatedGrids((ct, target, transform) =>
        {
            // A destination full of a value no interpolation produces here: any voxel left unwritten would show.
            var destination = new Volume<float>(target);
            destination.Voxels.Fill(float.NaN);
            Resampler.ResampleInto(ct, destination, transform, interpolator, -1024);
            Volume<float> expected = Resampler.Resample<short, float>(ct, target, transform, interpolator, -1024);
            Assert.That(destination.Voxels.ToArray(), Is.EqualTo(expected.Voxels.ToArray()));
        });

    /// <summary>Runs <paramref name="check"/> on a random CT, a finer grid, and no transform (separable path) and a 0.3 rad turn about z (general path).</summary>
    private static void OnSeparableAndRotatedGrids(Action<Volume<short>, VolumeGeometry, MedImaging.Transforms.ITransform?> check)
    {
        Volume<short> ct = RandomCt(Grid);
        VolumeGeometry target = Resampler.GeometryForSpacing(Grid, new Vec3(0.5, 0.9, 0.8));
        var rotation = new Euler3DTransform(Grid.Center, 0, 0, 0.3, Vec3.Zero);
        foreach (MedImaging.Transforms.ITransform? transform in new MedImaging.Transforms.ITransform?[] { null, rotation })
        {
            check(ct, target, transform);
        }
    }

    [Test]
    public void ResampleInto_RefusesADestinationSharingTheInputsMemory()
    {
        var voxels = new short[Grid.VoxelCount];
        var ct = new Volume<short>(Grid, voxels);
        var alias = new Volume<short>(Grid, voxels);
        var error = Assert.Throws<ArgumentException>(() => Resampler.ResampleInto(ct, alias, interpolator: InterpolatorType.Linear));
        Assert.That(error!.ParamName, Is.EqualTo("destination"));
    }

    [Test]
    public void ResampleInto_BudgetCountsOnlyTheWorkspace()
    {
        // The destination exists already, so a budget of 1000 bytes refuses only what resampling would allocate:
        // the B-spline stack (input planes × output rows × output columns doubles), not linear's nothing.
        Volume<short> ct = RandomCt(Grid);
        var destination = new Volume<short>(Resampler.GeometryForSpacing(Grid, Vec3.One));
        var budget = new ExecutionOptions { MemoryBudgetBytes = 1000 };
        Assert.DoesNotThrow(() => Resampler.ResampleInto(ct, destination, null, InterpolatorType.Linear, -1024, execution: budget));
        var error = Assert.Throws<MedImagingException>(() => Resampler.ResampleInto(ct, destination, null, InterpolatorType.BSpline3, -1024, execution: budget));
        Assert.That(error!.Message, Does.Contain("workspace"));
    }

    [TestCase(358L * 358 * 128, 1L << 24)] // the CT case: the pool's 2^24 bucket wastes 2.3 %
    [TestCase(1L << 20, 1L << 20)] // a power of two is its own bucket
    [TestCase(9_000_000L, 9_000_000L)] // the 2^24 bucket would waste 86 %: allocated exactly
    [TestCase((1L << 30) + 1, (1L << 30) + 1)] // beyond the pool's largest bucket: allocated exactly
    [TestCase(512L * 512 * 129, 512L * 512 * 129)] // the 0.7 mm seed case (34 M values, 2^26 bucket): beyond the 2^24 cap, allocated exactly
    [TestCase(30_000_000L, 30_000_000L)] // its 2^25 bucket would waste only 11 %, but is beyond the 2^24 cap: allocated exactly
    public void StackLength_PoolsOnlyWhenTheBucketFitsClosely(long values, long expected) =>
        Assert.That(SeparableResampler.StackLength(values), Is.EqualTo(expected));

    [Test]
    public void BadInput_ThrowsBeforeAllocating()
    {
        Volume<short> ct = RandomCt(Grid);
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResampleToSpacing(ct, new Vec3(1, 0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResampleToSpacing(ct, new Vec3(1, 1, -2)));
        Assert.Throws<ArgumentException>(() => Resampler.Resample(ct, new Size3(4, 4, 4), Vec3.One, Vec3.Zero, new Mat3(1, 0.2, 0, 0, 1, 0, 0, 0, 1)));
        Assert.Throws<ArgumentException>(() => Resampler.Resample(ct, new Size3(4, 4, 4), new Vec3(1, 0, 1), Vec3.Zero, Mat3.Identity));

        // 2^31 voxels or more: refused by size, not by an OutOfMemoryException.
        var huge = new VolumeGeometry(new Size3(2048, 2048, 1024));
        var error = Assert.Throws<MedImagingException>(() => Resampler.Resample(ct, huge));
        Assert.That(error!.Message, Does.Contain("voxels"));
        Assert.Throws<MedImagingException>(() => Resampler.ResampleToSpacing(ct, new Vec3(1e-4, 1e-4, 1e-4)));

        // Over the caller's memory budget.
        var budget = new ExecutionOptions { MemoryBudgetBytes = 1000 };
        Assert.Throws<MedImagingException>(() => Resampler.ResampleToSpacing(ct, Vec3.One, execution: budget));
    }
}
