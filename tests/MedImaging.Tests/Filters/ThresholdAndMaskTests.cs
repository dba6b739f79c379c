using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

/// <summary>
/// BinaryThreshold, Clamp and Mask against their definitions (ITK BinaryThresholdImageFilter: inclusive bounds;
/// ClampImageFilter; MaskImageFilter: mask == maskingValue → outsideValue) on hand-made values.
/// </summary>
public sealed class ThresholdAndMaskTests
{
    [Test]
    public void BinaryThreshold_Int16_BoundsAreInclusive()
    {
        var ct = IntensityTestData.Row<short>(-1024, -101, -100, 0, 39, 40, 200, 201, 3071);
        Volume<byte> mask = ImageFilters.BinaryThreshold(ct, -100, 200);
        Assert.That(mask.Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 0, 1, 1, 1, 1, 1, 0, 0 }));
    }

    [Test]
    public void BinaryThreshold_Defaults_AreSimpleItks()
    {
        // SimpleITK: lower 0, upper 255, inside 1, outside 0.
        var image = IntensityTestData.Row(-1f, 0f, 255f, 255.5f, float.NaN);
        Assert.That(ImageFilters.BinaryThreshold(image).Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 1, 1, 0, 0 }));
    }

    [Test]
    public void BinaryThreshold_FractionalThresholdsOnIntegers_CompareAsRealNumbers()
    {
        var image = IntensityTestData.Row<int>(0, 1, 10, 11);
        Volume<byte> mask = ImageFilters.BinaryThreshold(image, 0.5, 10.5, insideValue: 255, outsideValue: 9);
        Assert.That(mask.Voxels.ToArray(), Is.EqualTo(new byte[] { 9, 255, 255, 9 }));
    }

    [Test]
    public void BinaryThreshold_RangeOutsideType_MarksEverythingOutside()
    {
        var image = IntensityTestData.Row<byte>(0, 128, 255);
        Assert.That(ImageFilters.BinaryThreshold(image, 300, 400).Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 0, 0 }));
        Assert.That(ImageFilters.BinaryThreshold(image, 0.2, 0.8).Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 0, 0 }));
        Assert.Throws<ArgumentException>(() => ImageFilters.BinaryThreshold(image, 10, 5));
        Assert.Throws<ArgumentException>(() => ImageFilters.BinaryThreshold(image, double.NaN, 5));
    }

    [Test]
    public void BinaryThreshold_FloatThresholdBetweenFloats_KeepsRealComparison()
    {
        // 0.1 (double) lies between two floats: 0.1f = 0.100000001490116 is above it (inside [0.1, 1]),
        // the float below it, 0.0999999940395355, is outside.
        var image = IntensityTestData.Row(0.1f, float.BitDecrement(0.1f), 1f);
        Assert.That(ImageFilters.BinaryThreshold(image, 0.1, 1).Voxels.ToArray(), Is.EqualTo(new byte[] { 1, 0, 1 }));
    }

    [Test]
    public void Clamp_Int16_LimitsToBoundsAndDefaultsToTypeRange()
    {
        var image = IntensityTestData.Row<short>(-5, -2, 0, 3, 5, short.MinValue, short.MaxValue);
        Assert.That(ImageFilters.Clamp(image, -2, 3).Voxels.ToArray(), Is.EqualTo(new short[] { -2, -2, 0, 3, 3, -2, 3 }));
        Assert.That(ImageFilters.Clamp(image).Voxels.ToArray(), Is.EqualTo(image.Voxels.ToArray()));
        Assert.That(ImageFilters.Clamp(image, 0.5, 2.5).Voxels[..3].ToArray(), Is.EqualTo(new short[] { 1, 1, 1 }));
        Assert.Throws<ArgumentException>(() => ImageFilters.Clamp(image, 0.2, 0.8));
    }

    [Test]
    public void Clamp_Float_PassesNaNThroughAndDefaultsToUnbounded()
    {
        var image = IntensityTestData.Row(float.NaN, -10f, 10f, 0.25f, float.PositiveInfinity, float.NegativeInfinity);
        Assert.That(ImageFilters.Clamp(image, -1, 1).Voxels.ToArray(), Is.EqualTo(new[] { float.NaN, -1f, 1f, 0.25f, 1f, -1f }));
        Assert.That(ImageFilters.Clamp(image).Voxels.ToArray(), Is.EqualTo(image.Voxels.ToArray()));
        Assert.That(ImageFilters.BinaryThreshold(image, double.NegativeInfinity, double.PositiveInfinity).Voxels.ToArray(),
            Is.EqualTo(new byte[] { 0, 1, 1, 1, 1, 1 }));
    }

    [Test]
    public void Mask_DefaultValues_ZeroWhereMaskIsZero()
    {
        var ct = IntensityTestData.Row<short>(-1000, 40, 60, 3000);
        var mask = IntensityTestData.Row<byte>(0, 1, 2, 0);
        Assert.That(ImageFilters.Mask(ct, mask).Voxels.ToArray(), Is.EqualTo(new short[] { 0, 40, 60, 0 }));
        Assert.That(ImageFilters.Mask(ct, mask, outsideValue: -1024, maskingValue: 2).Voxels.ToArray(),
            Is.EqualTo(new short[] { -1000, 40, -1024, 3000 }));
        // A masking value no byte can hold matches no voxel.
        Assert.That(ImageFilters.Mask(ct, mask, maskingValue: 0.5).Voxels.ToArray(), Is.EqualTo(ct.Voxels.ToArray()));
    }

    [Test]
    public void Mask_OtherGrid_ThrowsGeometryMismatch()
    {
        var ct = IntensityTestData.Row<short>(1, 2, 3, 4);
        var shifted = new Volume<byte>(ct.Geometry.WithOrigin(new Vec3(0.01, 0, 0)));
        Assert.Throws<GeometryMismatchException>(() => ImageFilters.Mask(ct, shifted));
        Assert.Throws<GeometryMismatchException>(() => ImageFilters.Histogram(ct, 4, 0, 4, shifted));
    }
}
