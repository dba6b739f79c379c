using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class HistogramThresholdTests
{
    /// <summary>Two Gaussian-like classes: 60 % around 100, 40 % around 400 (sd 20), deterministic.</summary>
    private static Volume<short> Bimodal()
    {
        var image = new Volume<short>(new VolumeGeometry(new Size3(100, 100, 10)));
        var random = new Random(21);
        for (int i = 0; i < image.Voxels.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            image.Voxels[i] = (short)Math.Round((i % 5 < 3 ? 100 : 400) + (20 * normal));
        }

        return image;
    }

    [Test]
    public void HistogramThresholds_Bimodal_SeparateTheClasses()
    {
        // Li and Huang must put the threshold in the empty valley between the classes (more than 4 sd
        // from both means, where each class holds < 0.01 expected voxels), so the inside count is the low class:
        // exactly 60 % of the voxels.
        var image = Bimodal();
        var results = new (string Name, HistogramThresholdResult Result)[]
        {
            ("Li", ImageFilters.LiThreshold(image)),
            ("Huang", ImageFilters.HuangThreshold(image)),
        };
        foreach (var (name, result) in results)
        {
            Assert.That(result.Threshold, Is.InRange(180, 320), name);
            Assert.That(result.Mask.Voxels.ToArray().Count(v => v == 1), Is.EqualTo(60000), name);
        }
    }

    [Test]
    public void MomentsThreshold_Bimodal_InsideFractionIsTheLowClassFraction()
    {
        // Tsai's two-level image keeps the first three moments; its object fraction p0 is the low class's 0.6 up to
        // the classes' spread (sd 20 around means 300 apart shifts it by < 1 %), and the threshold is where the
        // cumulative histogram passes p0: inside the low class's upper tail.
        var result = ImageFilters.MomentsThreshold(Bimodal());
        Assert.That(result.Threshold, Is.InRange(100, 200));
        Assert.That(result.Mask.Voxels.ToArray().Count(v => v == 1) / 100000.0, Is.EqualTo(0.6).Within(0.006));
    }

    [Test]
    public void TriangleThreshold_Bimodal_PicksTheFootOfTheDominantPeak()
    {
        // The line runs from the peak (100) to the 99 % quantile (~440); ITK measures the vertical gap line − h,
        // which is largest just past the peak's foot (at 2.5–3.5 sd the line is still ~0.85 of the peak and the
        // histogram ~0.02 of it), not in the valley: 150 < t < 170.
        var result = ImageFilters.TriangleThreshold(Bimodal());
        Assert.That(result.Threshold, Is.InRange(150, 170));
    }

    [Test]
    public void OtsuMultipleThresholds_ThreeClasses_TwoThresholdsBetweenThem()
    {
        // Values 0, 50 and 200 (equal counts): with 2 thresholds the classes are the three values; labels 0, 1, 2
        // (offset 3 shifts them to 3, 4, 5).
        var image = new Volume<byte>(new VolumeGeometry(new Size3(30, 1, 1)));
        for (int i = 0; i < 30; i++)
        {
            image.Voxels[i] = (byte)(i % 3 == 0 ? 0 : i % 3 == 1 ? 50 : 200);
        }

        var result = ImageFilters.OtsuMultipleThresholds(image, numberOfThresholds: 2, labelOffset: 3, numberOfHistogramBins: 16);
        Assert.That(result.Thresholds[0], Is.InRange(0.0, 50.0));
        Assert.That(result.Thresholds[1], Is.InRange(50.0, 200.0));
        Assert.That(result.Labels.Voxels[..3].ToArray(), Is.EqualTo(new byte[] { 3, 4, 5 }));
    }

    [Test]
    public void OtsuMultipleThresholds_OneThreshold_EqualsOtsuBinEdgeBeforeTruncation()
    {
        // The single-threshold multi-Otsu is ITK's Otsu calculator; for a float image the threshold is the same
        // bin edge (float32 conversion in OtsuThreshold: compare within float precision).
        var image = new Volume<float>(new VolumeGeometry(new Size3(50, 1, 1)));
        for (int i = 0; i < 50; i++)
        {
            image.Voxels[i] = (float)((i % 2 == 0 ? 10 : 30) + (i * 0.01));
        }

        double multi = ImageFilters.OtsuMultipleThresholds(image, numberOfHistogramBins: 32).Thresholds[0];
        double single = ImageFilters.OtsuThreshold(image, numberOfHistogramBins: 32).Threshold;
        Assert.That(single, Is.EqualTo(multi).Within(1e-5)); // float32 rounding of ~20
    }
}
