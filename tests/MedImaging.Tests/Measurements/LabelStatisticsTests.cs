using MedImaging.Measurements;

namespace MedImaging.Tests.Measurements;

[TestFixture]
public sealed class LabelStatisticsTests
{
    [Test]
    public void LabelStatistics_SmallImage_MatchesHandComputedValues()
    {
        // Label 1 holds 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(v−μ)² = 32 → sample variance 32/7; median (4 + 5)/2;
        // 25th percentile at position 1.75 → 4; skewness from ITK's formula with the sample σ.
        var geometry = new VolumeGeometry(new Size3(10, 1, 1), new Vec3(2, 1, 1), new Vec3(10, 0, 0));
        var image = new Volume<short>(geometry, [2, 4, 4, 4, 5, 5, 7, 9, 100, -3]);
        var labels = new Volume<byte>(geometry, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
        var s = ImageMeasurements.LabelStatistics(image, labels, [25, 100]).Get(1);
        Assert.That(s.Count, Is.EqualTo(8));
        Assert.That(s.Mean, Is.EqualTo(5).Within(1e-12));
        Assert.That(s.Variance, Is.EqualTo(32.0 / 7).Within(1e-12));
        Assert.That(s.Median, Is.EqualTo(4.5));
        Assert.That(s.Percentiles[25], Is.EqualTo(4));
        Assert.That(s.Percentiles[100], Is.EqualTo(9));
        Assert.That((s.Minimum, s.Maximum), Is.EqualTo((2.0, 9.0)));
        double sigma = Math.Sqrt(32.0 / 7);
        double m3 = (new[] { 2, 4, 4, 4, 5, 5, 7, 9 }.Sum(v => Math.Pow(v - 5, 3))) / 8; // central third moment (÷n)
        Assert.That(s.Skewness, Is.EqualTo(m3 / (sigma * sigma * sigma)).Within(1e-12));
        // Weighted centroid: Σ v·x / Σ v = (0·2 + 1·4 + 2·4 + 3·4 + 4·5 + 5·5 + 6·7 + 7·9)/40 = 174/40 index → 10 + 2·4.35 mm.
        Assert.That(s.WeightedCentroid.X, Is.EqualTo(10 + (2 * 174.0 / 40)).Within(1e-12));
        Assert.That(ImageMeasurements.LabelStatistics(image, labels).Get(0).Count, Is.EqualTo(2));
        var only = ImageMeasurements.LabelStatistics(image, labels, [25, 100], onlyLabels: [1]);
        Assert.That(only.Labels.Keys, Is.EqualTo(new[] { 1 })); // the background is skipped
        Assert.That((only.Get(1).Variance, only.Get(1).WeightedCentroid), Is.EqualTo((s.Variance, s.WeightedCentroid)));
    }

    [Test]
    public void LabelStatistics_FloatImage_SameAsIntegerPath()
    {
        var geometry = new VolumeGeometry(new Size3(5, 1, 1));
        var image = new Volume<float>(geometry, [1.5f, -2f, 3f, 10f, 0.25f]);
        var labels = new Volume<byte>(geometry, [1, 1, 1, 0, 1]);
        var s = ImageMeasurements.LabelStatistics(image, labels, [50]).Get(1);
        Assert.That(s.Median, Is.EqualTo((0.25 + 1.5) / 2)); // sorted −2, 0.25, 1.5, 3
        Assert.That(s.Percentiles[50], Is.EqualTo(s.Median));
        Assert.That(s.Sum, Is.EqualTo(2.75));
    }

    [Test]
    public void LabelStatistics_EmptyOrMissingLabel_CountZeroAndNoNaN()
    {
        var geometry = new VolumeGeometry(new Size3(3, 1, 1));
        var image = new Volume<short>(geometry, [1, 2, 3]);
        var labels = new Volume<byte>(geometry);
        var intensity = ImageMeasurements.LabelStatistics(image, labels).Get(1);
        var shape = ImageMeasurements.LabelShapeStatistics(labels).Get(1);
        Assert.That(intensity.Count, Is.Zero);
        Assert.That(shape.NumberOfPixels, Is.Zero);
        double[] fields = [intensity.Mean, intensity.Sigma, intensity.Median, intensity.Skewness, intensity.Kurtosis, shape.PhysicalSize,
            shape.EquivalentSphericalDiameter, shape.Elongation, shape.Flatness, shape.Centroid.X];
        Assert.That(fields.All(double.IsFinite), Is.True);
    }

    [Test]
    public void LabelStatistics_LabelsOnAnotherGrid_ThrowsGeometryMismatchWithBothGeometries()
    {
        var image = new Volume<short>(new VolumeGeometry(new Size3(3, 3, 3), new Vec3(1, 1, 1), Vec3.Zero));
        var labels = new Volume<byte>(new VolumeGeometry(new Size3(3, 3, 3), new Vec3(1, 1, 1), new Vec3(0, 0, 0.5)));
        var error = Assert.Throws<GeometryMismatchException>(() => ImageMeasurements.LabelStatistics(image, labels));
        Assert.That(error!.Message, Does.Contain(image.Geometry.ToString()).And.Contain(labels.Geometry.ToString()));
    }

    [Test]
    public void LabelShapeStatistics_RandomScatter_FeretEqualsBruteForce()
    {
        // Scattered voxels (not convex, many rows): the pruned search must equal the maximum over all voxel pairs.
        var geometry = new VolumeGeometry(new Size3(15, 12, 9), new Vec3(0.7, 1.1, 2.3), new Vec3(4, -2, 1));
        var mask = new Volume<byte>(geometry);
        var random = new Random(17);
        var points = new List<Vec3>();
        for (int z = 0; z < 9; z++)
        {
            for (int y = 0; y < 12; y++)
            {
                for (int x = 0; x < 15; x++)
                {
                    if (random.NextDouble() < 0.05)
                    {
                        mask[x, y, z] = 1;
                        points.Add(geometry.TransformIndexToPhysicalPoint(x, y, z));
                    }
                }
            }
        }

        double brute = points.SelectMany(a => points.Select(b => (a - b).Length)).Max();
        double feret = ImageMeasurements.LabelShapeStatistics(mask, computeFeretDiameter: true).Get(1).FeretDiameter!.Value;
        Assert.That(feret, Is.EqualTo(brute).Within(1e-12)); // square root of the same squared distance
    }

    [Test]
    public void LabelStatistics_ManyLabels_SingleTablePathCountsEveryLabel()
    {
        // 6000 labels (> 4096 switches to one label table instead of one per block): voxel i has label i % 6000 + 1.
        var geometry = new VolumeGeometry(new Size3(100, 60, 20));
        var labels = new Volume<ushort>(geometry);
        var image = new Volume<short>(geometry);
        for (int i = 0; i < labels.Voxels.Length; i++)
        {
            labels.Voxels[i] = (ushort)((i % 6000) + 1);
            image.Voxels[i] = (short)(i % 7);
        }

        var result = ImageMeasurements.LabelStatistics(image, labels);
        Assert.That(result.Labels, Has.Count.EqualTo(6000));
        Assert.That(result.Get(1).Count, Is.EqualTo(20)); // 120 000 voxels / 6000 labels
        Assert.That(ImageMeasurements.LabelOverlapMeasures(labels, labels).Total.Dice, Is.EqualTo(1));
    }

    [Test]
    public void LabelStatistics_NegativeLabel_ThrowsMedImagingException()
    {
        var geometry = new VolumeGeometry(new Size3(2, 1, 1));
        Assert.Throws<MedImagingException>(() =>
            ImageMeasurements.LabelStatistics(new Volume<short>(geometry), new Volume<short>(geometry, [1, -1])));
    }

    [TestCase(1.0, 0.05)] // relative volume error of a voxelised r = 10 mm sphere: ~(3/r)·(spacing/…) shrinking with spacing
    [TestCase(0.5, 0.02)]
    [TestCase(0.25, 0.005)]
    public void LabelShapeStatistics_VoxelisedSphere_ConvergesToAnalyticVolumeAndDiameter(double spacing, double tolerance)
    {
        const double Radius = 10;
        int n = (int)Math.Ceiling(2 * Radius / spacing) + 3;
        var geometry = new VolumeGeometry(new Size3(n, n, n), new Vec3(spacing, spacing, spacing), Vec3.Zero);
        var mask = new Volume<byte>(geometry);
        Vec3 centre = new Vec3(n - 1, n - 1, n - 1) * (spacing / 2) + new Vec3(0.13, 0.07, 0.11) * spacing;
        for (int z = 0; z < n; z++)
        {
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x < n; x++)
                {
                    mask[x, y, z] = (geometry.TransformIndexToPhysicalPoint(x, y, z) - centre).Length <= Radius ? (byte)1 : (byte)0;
                }
            }
        }

        var shape = ImageMeasurements.LabelShapeStatistics(mask, computeFeretDiameter: true).Get(1);
        double volume = 4.0 / 3.0 * Math.PI * Radius * Radius * Radius;
        Assert.That(Math.Abs(shape.PhysicalSize - volume) / volume, Is.LessThan(tolerance));
        // Feret between voxel centres inside the sphere: ≤ 2r and within about one voxel diagonal of it.
        Assert.That(shape.FeretDiameter, Is.LessThanOrEqualTo(2 * Radius).And.GreaterThan((2 * Radius) - (2 * spacing)));
        Assert.That(shape.Centroid.X, Is.EqualTo(centre.X).Within(spacing * 0.05)); // symmetric voxelisation error
        Assert.That(shape.Elongation, Is.EqualTo(1).Within(0.02)); // a sphere: equal principal moments
    }

    [Test]
    public void LabelShapeStatistics_Box_MomentsAxesAndOrientedBox()
    {
        // A 9×5×3 voxel box (spacing 1): variance of uniform integers along an axis of k voxels = (k² − 1)/12.
        var geometry = new VolumeGeometry(new Size3(12, 8, 6));
        var mask = new Volume<byte>(geometry);
        for (int z = 1; z < 4; z++)
        {
            for (int y = 2; y < 7; y++)
            {
                for (int x = 1; x < 10; x++)
                {
                    mask[x, y, z] = 1;
                }
            }
        }

        var shape = ImageMeasurements.LabelShapeStatistics(mask, computeFeretDiameter: true, computeOrientedBoundingBox: true).Get(1);
        Assert.That(shape.PrincipalMoments.X, Is.EqualTo(8.0 / 12).Within(1e-9));
        Assert.That(shape.PrincipalMoments.Y, Is.EqualTo(24.0 / 12).Within(1e-9));
        Assert.That(shape.PrincipalMoments.Z, Is.EqualTo(80.0 / 12).Within(1e-9));
        Assert.That(Math.Abs(shape.PrincipalAxes.Row(2).X), Is.EqualTo(1).Within(1e-9)); // largest moment along x
        Assert.That(shape.OrientedBoundingBox!.Size, Is.EqualTo(new Vec3(3, 5, 9)));
        Assert.That(shape.FeretDiameter, Is.EqualTo(Math.Sqrt((8 * 8) + (4 * 4) + (2 * 2))).Within(1e-12));
        Assert.That((shape.BoundingBoxIndex, shape.BoundingBoxSize), Is.EqualTo(((1, 2, 1), new Size3(9, 5, 3))));
    }
}
