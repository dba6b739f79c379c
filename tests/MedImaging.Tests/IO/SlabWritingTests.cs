using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Resampling;
using MedImaging.Tests.Resampling;
using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.IO;

/// <summary>
/// Writing an image slab by slab (<see cref="VolumeSlabSource"/>) gives the same file, byte for byte, as computing the
/// whole volume and writing it, for every format and any thread count; statistics taken slab by slab equal those of
/// the whole volume to the bit.
/// </summary>
[TestFixture]
public class SlabWritingTests : TempDirectoryTest
{
    // 180×180×20 voxels of 1.4×1.4×5 mm → 252×252×100 at 1 mm: 124 KiB int16 planes, so 8 MiB slabs of 66 planes and
    // a shorter last slab of 34 (float32 output: 33-plane slabs, 2 095 632 voxels, not a multiple of the 64 Ki-voxel
    // statistics blocks, so blocks straddle slab boundaries).
    private static readonly VolumeGeometry InputGrid = new(new Size3(180, 180, 20), new Vec3(1.4, 1.4, 5.0), new Vec3(-120.5, -130.25, -60));

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (InterpolatorType interpolator in new[] { InterpolatorType.NearestNeighbor, InterpolatorType.Linear, InterpolatorType.BSpline1, InterpolatorType.BSpline3 })
        {
            foreach (PixelType? type in new PixelType?[] { null, PixelType.Float32 })
            {
                yield return new TestCaseData(interpolator, type);
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ResampleSlabs_WrittenFile_IsByteIdenticalToTheWholeOutput(InterpolatorType interpolator, PixelType? type)
    {
        Volume<short> ct = ResamplerTests.RandomCt(InputGrid);
        VolumeGeometry target = Resampler.GeometryForSpacing(ct.Geometry, new Vec3(1, 1, 1));

        // The output grid reaches past the input on every side, so slabs hold default voxels before, inside and after.
        target = new VolumeGeometry(new Size3(target.Size.X + 6, target.Size.Y + 4, target.Size.Z + 12), target.Spacing,
            target.Origin - new Vec3(3, 2, 6), target.Direction);
        Volume whole = Resampler.Resample(ct, target, null, interpolator, -1024, type);
        StatisticsResult expected = ImageFilters.Statistics(whole);
        // Every writer receives the slabs through the same payload path whatever the interpolator computed, so the four
        // formats are checked once per pixel type (with nearest); the other interpolators check the slab arithmetic in .nii.
        string[] extensions = interpolator == InterpolatorType.NearestNeighbor ? [".nii", ".nii.gz", ".mha", ".nrrd"] : [".nii"];
        foreach (string extension in extensions)
        {
            string wholePath = Path.Combine(TempDir, "whole" + extension);
            ImageFile.Write(whole, wholePath);
            foreach (int threads in new[] { 1, 2 })
            {
                var execution = new ExecutionOptions { MaxDegreeOfParallelism = threads };
                var statistics = new StatisticsAccumulator(execution);
                var planes = new List<int>();
                VolumeSlabSource slabs = Resampler.ResampleSlabs(ct, target, null, interpolator, -1024, type, execution: execution);
                string slabPath = Path.Combine(TempDir, $"slabs{threads}" + extension);
                ImageFile.Write(new ObservedSlabs(slabs, (z, slab) => { planes.Add(z); statistics.Add(slab); }), slabPath);
                Assert.That(File.ReadAllBytes(slabPath), Is.EqualTo(File.ReadAllBytes(wholePath)), $"{extension}, {threads} threads");
                Assert.That(statistics.Result(), Is.EqualTo(expected), $"{extension}, {threads} threads");
                if (SeparableResampler.ComputesSlabs(interpolator))
                {
                    Assert.That(planes, Has.Count.GreaterThan(1), "the case must span several slabs");
                }
            }
        }
    }

    [Test]
    public void ResampleSlabs_RotatedGrid_WholeOutputAsOneSlab()
    {
        Volume<short> ct = ResamplerTests.RandomCt(new VolumeGeometry(new Size3(40, 36, 12), new Vec3(1.4, 1.4, 5.0), new Vec3(-20, -25, -30)));
        var rotation = new Euler3DTransform(new Vec3(8, 0, -3), 0, 0, 5 * Math.PI / 180, new Vec3(1, -2, 0.5));
        VolumeGeometry target = Resampler.GeometryForSpacing(ct.Geometry, new Vec3(1, 1, 1));
        Volume whole = Resampler.Resample(ct, target, rotation, InterpolatorType.Linear, -1024);
        string wholePath = Path.Combine(TempDir, "whole.nii"), slabPath = Path.Combine(TempDir, "slabs.nii");
        ImageFile.Write(whole, wholePath);
        ImageFile.Write(Resampler.ResampleSlabs(ct, target, rotation, InterpolatorType.Linear, -1024), slabPath);
        Assert.That(File.ReadAllBytes(slabPath), Is.EqualTo(File.ReadAllBytes(wholePath)));
    }

    [Test]
    public void ThresholdAndWindowSlabs_WrittenFiles_AreByteIdenticalToTheWholeOutput()
    {
        // 400×300×60 int16: 234 KiB planes, 35-plane slabs and a last slab of 25.
        Volume<short> ct = ResamplerTests.RandomCt(new VolumeGeometry(new Size3(400, 300, 60), new Vec3(0.7, 0.7, 2), new Vec3(1, 2, 3)));
        foreach (int threads in new[] { 1, 2 })
        {
            var execution = new ExecutionOptions { MaxDegreeOfParallelism = threads };
            AssertSameFile(ImageFilters.BinaryThreshold(ct, -100, 200, 1, 0, execution), ImageFilters.BinaryThresholdSlabs(ct, -100, 200, 1, 0, execution), $"threshold{threads}");
            AssertSameFile(ImageFilters.BinaryThreshold(ct, 0.2, 0.8, 7, 3, execution), ImageFilters.BinaryThresholdSlabs(ct, 0.2, 0.8, 7, 3, execution), $"empty{threads}");
            AssertSameFile(ImageFilters.IntensityWindowing(ct, -160, 240, 0, 255, execution), ImageFilters.IntensityWindowingSlabs(ct, -160, 240, 0, 255, execution), $"window{threads}");
        }
    }

    [Test]
    public void StatisticsAccumulator_UnevenPieces_EqualWholeVolume()
    {
        var geometry = new VolumeGeometry(new Size3(97, 83, 31));
        var values = new Volume<float>(geometry);
        var random = new Random(3);
        for (int i = 0; i < values.Voxels.Length; i++)
        {
            values.Voxels[i] = (float)((random.NextDouble() - 0.3) * 1e4);
        }

        var accumulator = new StatisticsAccumulator();
        foreach ((int z0, int planes) in new[] { (0, 1), (1, 9), (10, 13), (23, 8) })
        {
            var piece = new Volume<float>(new VolumeGeometry(new Size3(97, 83, planes)), values.Voxels.Slice(z0 * 97 * 83, planes * 97 * 83).ToArray());
            accumulator.Add(piece);
        }

        Assert.That(accumulator.Result(), Is.EqualTo(ImageFilters.Statistics(values)));
        Assert.Throws<ArgumentException>(() => accumulator.Add(new Volume<short>(new VolumeGeometry(new Size3(1, 1, 1)))));
    }

    private void AssertSameFile(Volume whole, VolumeSlabSource slabs, string name)
    {
        string wholePath = Path.Combine(TempDir, name + "_whole.nii"), slabPath = Path.Combine(TempDir, name + "_slabs.nii");
        ImageFile.Write(whole, wholePath);
        ImageFile.Write(slabs, slabPath);
        Assert.That(File.ReadAllBytes(slabPath), Is.EqualTo(File.ReadAllBytes(wholePath)), name);
    }

    /// <summary>Shows every slab to an observer on its way to the writer.</summary>
    private sealed class ObservedSlabs(VolumeSlabSource inner, Action<int, Volume> observe) : VolumeSlabSource(inner.Geometry, inner.PixelType)
    {
        public override void ForEachSlab(Action<int, Volume> consume) => inner.ForEachSlab((z, slab) =>
        {
            observe(z, slab);
            consume(z, slab);
        });
    }
}
