using System.Numerics;
using MedImaging.Filters;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Filters;

/// <summary>
/// Every filter's <see cref="Volume"/> overload gives exactly what its generic form gives (voxel type, geometry,
/// voxels and returned numbers), for two voxel types per family. Each check visits the typed volume and calls the
/// operation once with it as <c>Volume&lt;T&gt;</c> (the generic overload) and once as <see cref="Volume"/>.
/// </summary>
[TestFixture]
public sealed class VolumeOverloadTests
{
    [TestCase(PixelType.Int16)]
    [TestCase(PixelType.Float32)]
    public void IntensityAndRegionFilters_VolumeOverloads_EqualGeneric(PixelType type) =>
        OverloadPhantoms.Intensities(type).Accept(new IntensityAndRegionCheck());

    [TestCase(PixelType.UInt8)]
    [TestCase(PixelType.Float64)]
    public void SmoothingAndGradientFilters_VolumeOverloads_EqualGeneric(PixelType type) =>
        OverloadPhantoms.Intensities(type).Accept(new SmoothingCheck());

    [TestCase(PixelType.Int16)]
    [TestCase(PixelType.Float32)]
    public void HistogramThresholds_VolumeOverloads_EqualGeneric(PixelType type) =>
        OverloadPhantoms.Intensities(type).Accept(new ThresholdCheck(OverloadPhantoms.Mask(PixelType.UInt8).As<byte>()));

    [TestCase(PixelType.UInt8)]
    [TestCase(PixelType.Int32)]
    public void ComponentFilters_VolumeOverloads_EqualGeneric(PixelType type) =>
        OverloadPhantoms.Labels(type).Accept(new ComponentCheck());

    [TestCase(PixelType.UInt8, 300.0)]
    [TestCase(PixelType.Int16, 1.5)]
    [TestCase(PixelType.UInt32, double.NaN)]
    public void ConstantPad_ConstantOutsideTheVoxelType_ArgumentException(PixelType type, double constant)
    {
        Volume image = OverloadPhantoms.Intensities(type);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.ConstantPad(image, new Size3(1, 1, 1), new Size3(1, 1, 1), constant));
        Assert.That(e!.ParamName, Is.EqualTo("constant"));
        Assert.That(e.Message, Does.Contain(type.ToName()));
    }

    [Test]
    public void ConstantPad_FloatImage_ConstantRoundedToNearestFloat()
    {
        Volume padded = ImageFilters.ConstantPad(OverloadPhantoms.Intensities(PixelType.Float32), new Size3(1, 0, 0), new Size3(0, 0, 0), 0.1);
        Assert.That(padded.GetValueAsDouble(0, 0, 0), Is.EqualTo((double)0.1f));
    }

    private static void AssertSame(Volume expected, Volume actual, string what) => OverloadPhantoms.AssertSame(expected, actual, what);

    private sealed class IntensityAndRegionCheck : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume image = typed;
            Size3 one = new(1, 1, 1), two = new(2, 0, 1);
            AssertSame(ImageFilters.Clamp(typed, 20, 120), ImageFilters.Clamp(image, 20, 120), "Clamp");
            AssertSame(ImageFilters.RescaleIntensity(typed, -5, 90), ImageFilters.RescaleIntensity(image, -5, 90), "RescaleIntensity");
            AssertSame(ImageFilters.RegionOfInterest(typed, new Size3(5, 4, 3), (2, 3, 4)), ImageFilters.RegionOfInterest(image, new Size3(5, 4, 3), (2, 3, 4)), "RegionOfInterest");
            AssertSame(ImageFilters.Crop(typed, one, two), ImageFilters.Crop(image, one, two), "Crop");
            AssertSame(ImageFilters.ConstantPad(typed, two, one, T.CreateChecked(7)), ImageFilters.ConstantPad(image, two, one, 7), "ConstantPad");
            AssertSame(ImageFilters.MirrorPad(typed, one, two), ImageFilters.MirrorPad(image, one, two), "MirrorPad");
            AssertSame(ImageFilters.Shrink(typed, 3, 2, 4), ImageFilters.Shrink(image, 3, 2, 4), "Shrink");
            AssertSame(ImageFilters.Shrink(typed, 2), ImageFilters.Shrink(image, 2), "Shrink (one factor)");
            AssertSame(ImageFilters.GrayscaleDilate(typed, 1), ImageFilters.GrayscaleDilate(image, 1), "GrayscaleDilate");
            AssertSame(ImageFilters.GrayscaleErode(typed, new KernelRadius(2, 1, 1), KernelType.Box), ImageFilters.GrayscaleErode(image, new KernelRadius(2, 1, 1), KernelType.Box), "GrayscaleErode");
            AssertSame(ImageFilters.GrayscaleMorphologicalClosing(typed, 1), ImageFilters.GrayscaleMorphologicalClosing(image, 1), "GrayscaleMorphologicalClosing");
            AssertSame(ImageFilters.GrayscaleMorphologicalOpening(typed, 1, safeBorder: false), ImageFilters.GrayscaleMorphologicalOpening(image, 1, safeBorder: false), "GrayscaleMorphologicalOpening");
            Volume<byte> byteMask = OverloadPhantoms.Mask(PixelType.UInt8).As<byte>();
            Volume<float> floatMask = OverloadPhantoms.Mask(PixelType.Float32).As<float>();
            AssertSame(ImageFilters.Mask(typed, byteMask, outsideValue: 3), ImageFilters.Mask(image, byteMask, outsideValue: 3), "Mask (uint8 mask)");
            AssertSame(ImageFilters.Mask(typed, floatMask, maskingValue: 1), ImageFilters.Mask(image, (Volume)floatMask, maskingValue: 1), "Mask (float32 mask)");
            Assert.That(ImageFilters.Histogram(image, 17, 0, 200, byteMask), Is.EqualTo(ImageFilters.Histogram(typed, 17, 0, 200, byteMask)), "Histogram");
            return true;
        }
    }

    private sealed class SmoothingCheck : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume image = typed;
            AssertSame(ImageFilters.DiscreteGaussian(typed, 2.0), ImageFilters.DiscreteGaussian(image, 2.0), "DiscreteGaussian");
            AssertSame(ImageFilters.GradientMagnitude(typed), ImageFilters.GradientMagnitude(image), "GradientMagnitude");
            AssertSame(ImageFilters.SmoothingRecursiveGaussian(typed, 1.5), ImageFilters.SmoothingRecursiveGaussian(image, 1.5), "SmoothingRecursiveGaussian");
            var sigma = new Vec3(1, 2, 0.5);
            AssertSame(ImageFilters.SmoothingRecursiveGaussian(typed, sigma), ImageFilters.SmoothingRecursiveGaussian(image, sigma), "SmoothingRecursiveGaussian (per axis)");
            AssertSame(ImageFilters.SignedMaurerDistanceMap(typed, backgroundValue: 10), ImageFilters.SignedMaurerDistanceMap(image, backgroundValue: 10), "SignedMaurerDistanceMap");
            GradientVolumes expected = ImageFilters.GradientRecursiveGaussian(typed, 1.2);
            GradientVolumes actual = ImageFilters.GradientRecursiveGaussian(image, 1.2);
            AssertSame(expected.X, actual.X, "GradientRecursiveGaussian x");
            AssertSame(expected.Y, actual.Y, "GradientRecursiveGaussian y");
            AssertSame(expected.Z, actual.Z, "GradientRecursiveGaussian z");
            return true;
        }
    }

    private sealed class ThresholdCheck(Volume<byte> mask) : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume image = typed;
            OtsuThresholdResult otsu = ImageFilters.OtsuThreshold(typed, 0, 1, 64, mask), otsuAny = ImageFilters.OtsuThreshold(image, 0, 1, 64, mask);
            AssertSame(otsu.Mask, otsuAny.Mask, "OtsuThreshold");
            Assert.That(otsuAny.Threshold, Is.EqualTo(otsu.Threshold), "OtsuThreshold");
            var histogramThresholds = new (string Name, HistogramThresholdResult Expected, HistogramThresholdResult Actual)[]
            {
                ("HuangThreshold", ImageFilters.HuangThreshold(typed, mask: mask), ImageFilters.HuangThreshold(image, mask: mask)),
                ("LiThreshold", ImageFilters.LiThreshold(typed, 2, 3, 100), ImageFilters.LiThreshold(image, 2, 3, 100)),
                ("MomentsThreshold", ImageFilters.MomentsThreshold(typed), ImageFilters.MomentsThreshold(image)),
                ("TriangleThreshold", ImageFilters.TriangleThreshold(typed, mask: mask), ImageFilters.TriangleThreshold(image, mask: mask)),
            };
            foreach (var (name, expected, actual) in histogramThresholds)
            {
                AssertSame(expected.Mask, actual.Mask, name);
                Assert.That(actual.Threshold, Is.EqualTo(expected.Threshold), name);
            }

            OtsuMultipleThresholdsResult multiple = ImageFilters.OtsuMultipleThresholds(typed, 2, 1, 32);
            OtsuMultipleThresholdsResult multipleAny = ImageFilters.OtsuMultipleThresholds(image, 2, 1, 32);
            AssertSame(multiple.Labels, multipleAny.Labels, "OtsuMultipleThresholds");
            Assert.That(multipleAny.Thresholds, Is.EqualTo(multiple.Thresholds), "OtsuMultipleThresholds");
            return true;
        }
    }

    private sealed class ComponentCheck : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume labels = typed;
            AssertSame(ImageFilters.ConnectedComponent(typed, fullyConnected: true), ImageFilters.ConnectedComponent(labels, fullyConnected: true), "ConnectedComponent");
            AssertSame(ImageFilters.KeepLargestComponents(typed, 2), ImageFilters.KeepLargestComponents(labels, 2), "KeepLargestComponents");
            RelabelComponentResult<T> expected = ImageFilters.RelabelComponent(typed, minimumObjectSize: 2);
            RelabelComponentResult actual = ImageFilters.RelabelComponent(labels, minimumObjectSize: 2);
            AssertSame(expected.Labels, actual.Labels, "RelabelComponent");
            Assert.That(actual.SizeOfObjectsInPixels, Is.EqualTo(expected.SizeOfObjectsInPixels), "RelabelComponent sizes");
            Assert.That(actual.OriginalNumberOfObjects, Is.EqualTo(expected.OriginalNumberOfObjects), "RelabelComponent objects");
            return true;
        }
    }
}
