using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

/// <summary>
/// Cast, IntensityWindowing and RescaleIntensity against values worked out by hand from ITK's formulas
/// (CastImageFilter's truncating static_cast, IntensityWindowingImageFilter's and RescaleIntensityImageFilter's
/// factor/offset in double), independently of our code (the windowing values were computed with Python's
/// float arithmetic and math.trunc).
/// </summary>
public sealed class IntensityMappingTests
{
    private static readonly VolumeGeometry Oblique = new(new Size3(3, 2, 2), new Vec3(0.7, 0.8, 2.5), new Vec3(-10, 20, 30),
        new Mat3(0, 1, 0, -1, 0, 0, 0, 0, 1));

    [Test]
    public void Cast_FloatToByte_TruncatesTowardZeroAndSaturates()
    {
        var image = IntensityTestData.Row(300.7f, -3.9f, 2.9f, float.NaN, 254.99f, -0.5f);
        Volume<byte> cast = ImageFilters.Cast<float, byte>(image);
        // ITK's static_cast truncates (2.9 → 2); out-of-range values saturate (documented choice), NaN → 0.
        Assert.That(cast.Voxels.ToArray(), Is.EqualTo(new byte[] { 255, 0, 2, 0, 254, 0 }));
    }

    [Test]
    public void Cast_FloatToInt16_TruncatesNegativeValuesTowardZero()
    {
        var image = IntensityTestData.Row(-2.9f, 2.9f, -1024.5f, 40000f, -40000f);
        Assert.That(ImageFilters.Cast<float, short>(image).Voxels.ToArray(), Is.EqualTo(new short[] { -2, 2, -1024, 32767, -32768 }));
    }

    [Test]
    public void Cast_IntegerNarrowing_Saturates()
    {
        var image = IntensityTestData.Row(-1, 70000, 65535, int.MinValue);
        Assert.That(ImageFilters.Cast<int, ushort>(image).Voxels.ToArray(), Is.EqualTo(new ushort[] { 0, 65535, 65535, 0 }));
    }

    [Test]
    public void Cast_Int16ToFloat_IsExactAndKeepsGeometry()
    {
        short[] values = [-32768, -1024, -1, 0, 1, 3071, 32767, 5, 6, 7, 8, 9];
        var image = new Volume<short>(Oblique, values);
        Volume<float> cast = ImageFilters.Cast<short, float>(image);
        Assert.That(cast.Voxels.ToArray(), Is.EqualTo(values.Select(v => (float)v).ToArray()));
        Assert.That(cast.Geometry, Is.EqualTo(Oblique));
    }

    [Test]
    public void Cast_NonGeneric_ReturnsRequestedPixelType()
    {
        Volume image = new Volume<short>(Oblique, [-5, 300, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        Volume cast = ImageFilters.Cast(image, PixelType.UInt8);
        Assert.That(cast.PixelType, Is.EqualTo(PixelType.UInt8));
        Assert.That(cast.As<byte>().Voxels[..3].ToArray(), Is.EqualTo(new byte[] { 0, 255, 7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.Cast(image, (PixelType)99));
    }

    [Test]
    public void IntensityWindowing_Int16_MatchesItkFormulaByHand()
    {
        var image = IntensityTestData.Row<short>(-32768, -101, -100, -20, 0, 3, 100, 299, 300, 301, 32767);
        Volume<short> windowed = ImageFilters.IntensityWindowing(image, -100, 300);
        // factor = 255/400 = 0.6375, offset = 0 − (−100)·0.6375 = 63.74999999999999 in double, then truncation:
        // −20 → 50.99999999999999 → 50 (exact arithmetic would give 51), 299 → 254.36… → 254.
        Assert.That(windowed.Voxels.ToArray(), Is.EqualTo(new short[] { 0, 0, 0, 50, 63, 65, 127, 254, 255, 255, 255 }));
    }

    [Test]
    public void IntensityWindowing_Int16ToFloat_GivesDisplayFractions()
    {
        var image = IntensityTestData.Row<short>(-1000, -160, -60, 40, 140, 240, 1000);
        Volume<float> windowed = ImageFilters.IntensityWindowing<short, float>(image, -160, 240, 0, 1);
        // factor 1/400 and offset 0.4 in double; each result rounds to the float shown.
        Assert.That(windowed.Voxels.ToArray(), Is.EqualTo(new[] { 0f, 0f, 0.25f, 0.5f, 0.75f, 1f, 1f }));
    }

    [Test]
    public void IntensityWindowing_Float_KeepsNaNAndMapsOutsideToOutputBounds()
    {
        var image = IntensityTestData.Row(float.NaN, -1f, 0f, 5f, 10f, 11f, 2.5f, 7.5f, 1f);
        Volume<float> windowed = ImageFilters.IntensityWindowing(image, 0, 10, 100, 200);
        // factor 10, offset 100: 5 → 150, 2.5 → 125, 7.5 → 175, 1 → 110; below → 100, above → 200.
        Assert.That(windowed.Voxels.ToArray(), Is.EqualTo(new[] { float.NaN, 100f, 100f, 150f, 200f, 200f, 125f, 175f, 110f }));
    }

    [Test]
    public void IntensityWindowing_EmptyWindow_Throws()
    {
        var image = IntensityTestData.Row<short>(1, 2, 3);
        Assert.Throws<ArgumentException>(() => ImageFilters.IntensityWindowing(image, 5, 5));
        // [2.2, 2.7] truncates to [2, 2] in int16, as ITK's cast does: empty.
        Assert.Throws<ArgumentException>(() => ImageFilters.IntensityWindowing(image, 2.2, 2.7));
    }

    [Test]
    public void IntensityWindowing_NonGeneric_KeepsPixelType()
    {
        Volume image = IntensityTestData.Row<ushort>(0, 50, 100);
        Volume windowed = ImageFilters.IntensityWindowing(image, 0, 100, 0, 1000);
        Assert.That(windowed.PixelType, Is.EqualTo(PixelType.UInt16));
        Assert.That(windowed.As<ushort>().Voxels.ToArray(), Is.EqualTo(new ushort[] { 0, 500, 1000 }));
    }

    [Test]
    public void RescaleIntensity_Byte_MapsMinAndMaxToOutputRange()
    {
        var image = IntensityTestData.Row<byte>(10, 20, 30, 11);
        // scale = 255/20 = 12.75, shift = −127.5: 10 → 0, 20 → 127.5 → 127, 30 → 255, 11 → 12.75 → 12.
        Assert.That(ImageFilters.RescaleIntensity(image).Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 127, 255, 12 }));
    }

    [Test]
    public void RescaleIntensity_ConstantImage_FollowsItkDegenerateRule()
    {
        // max = min = 5: ITK uses scale = 255/5 = 51 and shift = 0 − 5·51, so every voxel becomes 0.
        Assert.That(ImageFilters.RescaleIntensity(IntensityTestData.Row(5f, 5f)).Voxels.ToArray(), Is.EqualTo(new[] { 0f, 0f }));
        // max = min = 0: scale 0, shift = outMin.
        Assert.That(ImageFilters.RescaleIntensity(IntensityTestData.Row(0f, 0f), 7, 9).Voxels.ToArray(), Is.EqualTo(new[] { 7f, 7f }));
    }

    [Test]
    public void RescaleIntensity_FloatToUnitRange_IgnoresNaNForRange()
    {
        var image = IntensityTestData.Row(-1000f, float.NaN, 1000f, 0f);
        Volume<float> rescaled = ImageFilters.RescaleIntensity(image, 0, 1);
        Assert.That(rescaled.Voxels.ToArray(), Is.EqualTo(new[] { 0f, float.NaN, 1f, 0.5f }));
        Assert.Throws<ArgumentException>(() => ImageFilters.RescaleIntensity(image, 1, 0));
    }
}
