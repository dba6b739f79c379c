using MedImaging.Measurements;

namespace MedImaging.Tests.Measurements;

/// <summary>Measurements are bit-identical with 1 and 2 threads (fixed blocks, block-order reductions).</summary>
[TestFixture]
public sealed class ThreadCountTests
{
    private static readonly ExecutionOptions One = new() { MaxDegreeOfParallelism = 1 };
    private static readonly ExecutionOptions Two = new() { MaxDegreeOfParallelism = 2 };

    private static Volume<T> Random<T>(int seed, Func<Random, T> next)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        // 64×48×40: five 8-slice blocks of the label accumulator, so both threads get work.
        var volume = new Volume<T>(new VolumeGeometry(new Size3(64, 48, 40), new Vec3(0.8, 0.9, 2.5), new Vec3(-3, 4, 5)));
        var random = new Random(seed);
        for (int i = 0; i < volume.Voxels.Length; i++)
        {
            volume.Voxels[i] = next(random);
        }

        return volume;
    }

    [Test]
    public void LabelStatisticsAndShape_OneAndTwoThreads_Identical()
    {
        var image = Random(1, r => (float)((r.NextDouble() * 1000) - 300));
        var labels = Random(2, r => (byte)r.Next(4));
        var one = ImageMeasurements.LabelStatistics(image, labels, [10, 90], execution: One);
        var two = ImageMeasurements.LabelStatistics(image, labels, [10, 90], execution: Two);
        foreach (int label in one.Labels.Keys)
        {
            var (a, b) = (one.Get(label), two.Get(label));
            Assert.That((b.Sum, b.Variance, b.Median, b.Skewness, b.WeightedCentroid), Is.EqualTo((a.Sum, a.Variance, a.Median, a.Skewness, a.WeightedCentroid)));
        }

        var shapeOne = ImageMeasurements.LabelShapeStatistics(labels, true, true, true, One);
        var shapeTwo = ImageMeasurements.LabelShapeStatistics(labels, true, true, true, Two);
        Assert.That(shapeTwo.Get(3).PrincipalMoments, Is.EqualTo(shapeOne.Get(3).PrincipalMoments));
        Assert.That(shapeTwo.Get(3).FeretDiameter, Is.EqualTo(shapeOne.Get(3).FeretDiameter));
        Assert.That((shapeTwo.Get(3).Perimeter, shapeTwo.Get(3).PerimeterOnBorder), Is.EqualTo((shapeOne.Get(3).Perimeter, shapeOne.Get(3).PerimeterOnBorder)));
    }

    [Test]
    public void OverlapAndDistances_OneAndTwoThreads_Identical()
    {
        var a = Random(3, r => r.NextDouble() < 0.1 ? (byte)1 : (byte)0);
        var b = Random(4, r => r.NextDouble() < 0.1 ? (byte)1 : (byte)0);
        Assert.That(ImageMeasurements.HausdorffDistance(a, b, Two), Is.EqualTo(ImageMeasurements.HausdorffDistance(a, b, One)));
        Assert.That(ImageMeasurements.SurfaceDistances(a, b, 1.0, Two), Is.EqualTo(ImageMeasurements.SurfaceDistances(a, b, 1.0, One)));
        Assert.That(ImageMeasurements.LabelOverlapMeasures(a, b, Two).Total, Is.EqualTo(ImageMeasurements.LabelOverlapMeasures(a, b, One).Total));
    }
}
