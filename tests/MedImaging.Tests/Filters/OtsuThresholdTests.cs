using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class OtsuThresholdTests
{
    private static Volume<T> Line<T>(params T[] values)
        where T : unmanaged, System.Numerics.INumber<T> =>
        new(new VolumeGeometry(new Size3(values.Length, 1, 1)), values);

    [Test]
    public void OtsuThreshold_TwoValuesTwoBins_ThresholdIsUpperEdgeOfFirstBin()
    {
        // Values 0 and 10, 2 bins: max' = 10 + 10/(2·100) = 10.05, bin width 5.025 (exact in float to 1e-6):
        // the only threshold position is bin 0, whose upper edge 5.025 is the float image's threshold.
        var image = Line(0f, 0f, 0f, 10f, 10f);
        var (mask, threshold) = ImageFilters.OtsuThreshold(image, numberOfHistogramBins: 2);
        Assert.That(threshold, Is.EqualTo(5.025).Within(1e-6)); // float32 bin width and float32 output type
        Assert.That(mask.Voxels.ToArray(), Is.EqualTo(new byte[] { 1, 1, 1, 0, 0 }));
    }

    [Test]
    public void OtsuThreshold_IntegerImage_ThresholdIsTruncatedTowardZero()
    {
        // Same histogram on int16 values −10 and 0: upper edge −10 + 5.025 = −4.975, truncated toward zero to −4.
        var image = Line<short>(-10, -10, 0, 0);
        var (mask, threshold) = ImageFilters.OtsuThreshold(image, insideValue: 0, outsideValue: 1, numberOfHistogramBins: 2);
        Assert.That(threshold, Is.EqualTo(-4));
        Assert.That(mask.Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 0, 1, 1 }));
    }

    [Test]
    public void OtsuThreshold_TwoClassesManyBins_FirstMaximumWins()
    {
        // Two values 100 and 200 with 10 bins: every split between them has the same between-class variance, so
        // ITK keeps the first (lowest) bin: threshold = 100 + 100.1/10 truncated = 110.
        var image = Line<ushort>(100, 100, 200, 200, 200);
        var (_, threshold) = ImageFilters.OtsuThreshold(image, numberOfHistogramBins: 10);
        Assert.That(threshold, Is.EqualTo(110));
    }

    [Test]
    public void OtsuThreshold_ThreeClasses_PicksTheLargestBetweenClassVariance()
    {
        // Values 0 (×4), 1 (×4), 9 (×2), 4 bins over [0, 9.0225]: bins 0 {0, 1}, 3 {9}. Splitting after bin 0
        // separates {0,1} from {9}; every later split gives the same classes, so bin 0 wins: edge 2.255625 → 2.
        var image = Line<byte>(0, 0, 0, 0, 1, 1, 1, 1, 9, 9);
        var (mask, threshold) = ImageFilters.OtsuThreshold(image, numberOfHistogramBins: 4);
        Assert.That(threshold, Is.EqualTo(2));
        Assert.That(mask.Voxels.ToArray().Count(v => v == 1), Is.EqualTo(8));
    }

    [Test]
    public void OtsuThreshold_WithMask_HistogramOnlyFromMaskAndZeroOutside()
    {
        // Inside the mask: 0, 0, 10, 10 → threshold 5 (int). The 1000 outside the mask must not widen the histogram.
        var image = Line<int>(0, 0, 10, 10, 1000);
        var mask = Line<byte>(1, 1, 1, 1, 0);
        var (output, threshold) = ImageFilters.OtsuThreshold(image, numberOfHistogramBins: 2, mask: mask);
        Assert.That(threshold, Is.EqualTo(5));
        Assert.That(output.Voxels.ToArray(), Is.EqualTo(new byte[] { 1, 1, 0, 0, 0 }));
    }

    [Test]
    public void OtsuThreshold_EmptyMask_ThrowsMedImagingException()
    {
        var image = Line<int>(0, 1);
        var mask = Line<byte>(0, 0);
        Assert.Throws<MedImagingException>(() => ImageFilters.OtsuThreshold(image, mask: mask));
    }

    [Test]
    public void OtsuThreshold_MaskOnOtherGrid_ThrowsGeometryMismatch()
    {
        var image = Line<int>(0, 1);
        var mask = Line<byte>(1, 1, 1);
        Assert.Throws<GeometryMismatchException>(() => ImageFilters.OtsuThreshold(image, mask: mask));
    }

    [Test]
    public void OtsuThreshold_OneAndTwoThreads_BitIdentical()
    {
        var geometry = new VolumeGeometry(new Size3(128, 128, 80));
        var image = new Volume<float>(geometry);
        var random = new Random(7);
        for (int i = 0; i < image.Voxels.Length; i++)
        {
            image.Voxels[i] = (float)((i % 3 == 0 ? 100 : 300) + (random.NextDouble() * 50));
        }

        var one = ImageFilters.OtsuThreshold(image, execution: new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        var two = ImageFilters.OtsuThreshold(image, execution: new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(two.Threshold, Is.EqualTo(one.Threshold));
        Assert.That(two.Mask.Voxels.SequenceEqual(one.Mask.Voxels), Is.True);
    }
}
