using MedImaging.Measurements;

namespace MedImaging.Tests.Measurements;

/// <summary><see cref="LabelImages.ToInt32"/>: float label images keep integral labels exactly and refuse the rest.</summary>
[TestFixture]
public sealed class LabelImagesTests
{
    private static readonly VolumeGeometry Grid = new(new Size3(4, 3, 2), new Vec3(1, 1, 1), new Vec3(0, 0, 0));

    [Test]
    public void ToInt32_IntegralFloatLabels_ExactlyTheIntegers()
    {
        float[] values = [.. Enumerable.Range(0, 24).Select(i => (float)(i % 3))]; // 0, 1, 2, 0, 1, 2, …
        var floats = new Volume<float>(Grid, values);
        var doubles = new Volume<double>(Grid, [.. values.Select(v => v * 1000.0)]); // 0, 1000, 2000: beyond uint8

        Assert.That(LabelImages.ToInt32(floats, "f.nii").Voxels.ToArray(), Is.EqualTo(values.Select(v => (int)v).ToArray()));
        Assert.That(LabelImages.ToInt32(doubles, "d.nii").Voxels.ToArray(), Is.EqualTo(values.Select(v => (int)v * 1000).ToArray()));
        Assert.That(LabelImages.ToInt32(new Volume<double>(Grid, [.. Enumerable.Repeat((double)LabelImages.MaximumLabel, 24)]), "m.nii").Voxels[23],
            Is.EqualTo((1 << 24) - 1));
    }

    [TestCase(1.5, "1.5")]
    [TestCase(double.NaN, "NaN")]
    [TestCase(-1.0, "-1")]
    [TestCase(-0.25, "-0.25")]
    [TestCase(16777216.0, "16777216")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    public void ToInt32_NotALabel_ImageFormatExceptionNamingFileVoxelAndValue(double bad, string shown)
    {
        double[] values = new double[24];
        values[1 + (4 * 2) + (12 * 1)] = bad; // voxel (1, 2, 1), the first offender in memory order
        values[23] = 0.5;                     // a later offender must not be the one reported
        var ex = Assert.Throws<ImageFormatException>(() => LabelImages.ToInt32(new Volume<double>(Grid, values), "seg.nii.gz"));

        Assert.That((ex!.Path, ex.Field), Is.EqualTo(("seg.nii.gz", "voxel values")));
        Assert.That(ex.Message, Does.Contain($"voxel (1, 2, 1) holds {shown},"));
    }

    [Test]
    public void ToInt32_NegativeIntegerLabel_RefusedNotMergedIntoBackground()
    {
        var labels = new Volume<short>(Grid);
        labels[3, 0, 1] = -7;

        var ex = Assert.Throws<ImageFormatException>(() => LabelImages.ToInt32(labels, "neg.nrrd"));

        Assert.That(ex!.Message, Does.Contain("voxel (3, 0, 1) holds -7,"));
    }

    [Test]
    public void ToInt32_ManyBlocksTwoThreads_ReportsTheFirstOffenderInMemoryOrder()
    {
        // 2^21 + 5 voxels: three blocks of 2^20; offenders in block 1 and block 2, the earlier one is named.
        var geometry = new VolumeGeometry(new Size3((1 << 21) + 5, 1, 1), new Vec3(1, 1, 1), new Vec3(0, 0, 0));
        var labels = new Volume<float>(geometry);
        labels[(1 << 20) + 3, 0, 0] = 2.5f;
        labels[(1 << 21) + 1, 0, 0] = float.NaN;

        foreach (int threads in new[] { 1, 2 })
        {
            var ex = Assert.Throws<ImageFormatException>(() => LabelImages.ToInt32(labels, "big.mha", new ExecutionOptions { MaxDegreeOfParallelism = threads }));
            Assert.That(ex!.Message, Does.Contain($"voxel ({(1 << 20) + 3}, 0, 0) holds 2.5,"));
        }
    }
}
