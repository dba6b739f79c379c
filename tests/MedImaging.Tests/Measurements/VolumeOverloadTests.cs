using System.Numerics;
using MedImaging.Measurements;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Measurements;

/// <summary>
/// The <see cref="Volume"/> overloads of the measurements return exactly the generic forms' numbers, for two label
/// voxel types; image pairs that the generic form types alike must share a voxel type.
/// </summary>
[TestFixture]
public sealed class VolumeOverloadTests
{
    [Test]
    public void LabelStatistics_FloatIntensitiesAndLabels_EqualGeneric()
    {
        Volume<float> image = OverloadPhantoms.Intensities(PixelType.Float32).As<float>();
        Volume<float> labels = OverloadPhantoms.Labels(PixelType.Float32).As<float>();
        AssertSameStatistics(ImageMeasurements.LabelStatistics(image, labels, [50, 95]), ImageMeasurements.LabelStatistics((Volume)image, (Volume)labels, [50, 95]));
    }

    [Test]
    public void PairMeasurements_DifferentVoxelTypes_ArgumentExceptionNamesSecondImage()
    {
        Volume bytes = OverloadPhantoms.Labels(PixelType.UInt8), ints = OverloadPhantoms.Labels(PixelType.Int32);
        var calls = new (string Parameter, TestDelegate Call)[]
        {
            ("image2", () => ImageMeasurements.HausdorffDistance(bytes, ints)),
            ("image2", () => ImageMeasurements.SurfaceDistances(bytes, ints)),
            ("target", () => ImageMeasurements.LabelOverlapMeasures(bytes, ints)),
        };
        foreach (var (parameter, call) in calls)
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.That(e!.ParamName, Is.EqualTo(parameter));
            Assert.That(e.Message, Does.Contain("int32").And.Contain("uint8"));
        }
    }

    [TestCase(PixelType.UInt8)]
    [TestCase(PixelType.Int32)]
    public void LabelMeasurements_VolumeOverloads_EqualGeneric(PixelType type) =>
        OverloadPhantoms.Labels(type).Accept(new LabelCheck(OverloadPhantoms.Mask(type), OverloadPhantoms.Intensities(PixelType.Int16).As<short>()));

    private static void AssertSameStatistics(LabelStatisticsResult expected, LabelStatisticsResult actual)
    {
        Assert.That(actual.Labels.Keys, Is.EqualTo(expected.Labels.Keys));
        foreach ((int label, LabelIntensityStatistics e) in expected.Labels)
        {
            LabelIntensityStatistics a = actual.Labels[label];
            Assert.That(a.Percentiles, Is.EqualTo(e.Percentiles), $"label {label} percentiles");
            Assert.That(a with { Percentiles = e.Percentiles }, Is.EqualTo(e), $"label {label}");
        }
    }

    private sealed class LabelCheck(Volume mask, Volume<short> image) : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume labels = typed;
            Volume<T> typedMask = mask.As<T>();
            AssertSameStatistics(ImageMeasurements.LabelStatistics(image, typed, [10, 50]), ImageMeasurements.LabelStatistics((Volume)image, labels, [10, 50]));
            AssertSameStatistics(ImageMeasurements.LabelStatistics(image, typed, onlyLabels: [2]), ImageMeasurements.LabelStatistics((Volume)image, labels, onlyLabels: [2]));
            LabelShapeStatisticsResult shape = ImageMeasurements.LabelShapeStatistics(typed, true, true);
            LabelShapeStatisticsResult shapeAny = ImageMeasurements.LabelShapeStatistics(labels, true, true);
            Assert.That(shapeAny.Labels, Is.EqualTo(shape.Labels), "LabelShapeStatistics");
            LabelOverlapMeasuresResult overlap = ImageMeasurements.LabelOverlapMeasures(typedMask, typed);
            LabelOverlapMeasuresResult overlapAny = ImageMeasurements.LabelOverlapMeasures(mask, labels);
            Assert.That(overlapAny.Total, Is.EqualTo(overlap.Total), "LabelOverlapMeasures");
            Assert.That(overlapAny.PerLabel, Is.EqualTo(overlap.PerLabel), "LabelOverlapMeasures per label");
            Assert.That(ImageMeasurements.HausdorffDistance(labels, mask), Is.EqualTo(ImageMeasurements.HausdorffDistance(typed, typedMask)), "HausdorffDistance");
            Assert.That(ImageMeasurements.SurfaceDistances(labels, mask, 1.5), Is.EqualTo(ImageMeasurements.SurfaceDistances(typed, typedMask, 1.5)), "SurfaceDistances");
            return true;
        }
    }
}
