using System.Numerics;
using MedImaging.Resampling;
using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Resampling;

/// <summary>
/// The <see cref="Volume"/> overloads of reorientation and resampling give exactly the generic forms' volumes, for
/// two input voxel types (and, for <c>ResampleInto</c>, two destination types).
/// </summary>
[TestFixture]
public sealed class VolumeOverloadTests
{
    private static readonly Euler3DTransform Rotation = new(new Vec3(-8, 4, 47), 0.05, -0.1, 0.2, new Vec3(1.5, -2, 0.5));

    [TestCase(PixelType.Int16)]
    [TestCase(PixelType.Float32)]
    public void OrientationAndResampling_VolumeOverloads_EqualGeneric(PixelType type) =>
        OverloadPhantoms.Intensities(type).Accept(new Check());

    [Test]
    public void Resample_UndefinedOutputPixelType_ArgumentOutOfRangeException()
    {
        Volume image = OverloadPhantoms.Intensities(PixelType.Int16);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resample(image, image.Geometry, outputPixelType: (PixelType)99));
        Assert.That(e!.ParamName, Is.EqualTo("outputPixelType"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResampleSlabs(image, image.Geometry, outputPixelType: (PixelType)99));
        Assert.That(e!.ParamName, Is.EqualTo("outputPixelType"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResampleToSpacing(image, new Vec3(2, 2, 2), outputPixelType: (PixelType)99));
        Assert.That(e!.ParamName, Is.EqualTo("outputPixelType"));
    }

    private sealed class Check : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume image = typed;
            OverloadPhantoms.AssertSame(Orientation.Flip(typed, true, false, true), Orientation.Flip(image, true, false, true), "Flip");
            OverloadPhantoms.AssertSame(Orientation.PermuteAxes(typed, [2, 0, 1]), Orientation.PermuteAxes(image, [2, 0, 1]), "PermuteAxes");
            var size = new Size3(9, 11, 7);
            var spacing = new Vec3(1.3, 1, 2);
            var origin = new Vec3(-14, 2, 41);
            Mat3 direction = OverloadPhantoms.Grid.Direction;
            OverloadPhantoms.AssertSame(
                Resampler.Resample(typed, size, spacing, origin, direction, Rotation, InterpolatorType.BSpline3, -3),
                Resampler.Resample(image, size, spacing, origin, direction, Rotation, InterpolatorType.BSpline3, -3),
                "Resample onto an explicit grid");
            var grid = new VolumeGeometry(size, spacing, origin, direction);
            foreach (PixelType output in new[] { PixelType.UInt8, PixelType.Float64 })
            {
                Volume expected = Volume.Create(output, grid), actual = Volume.Create(output, grid);
                expected.Accept(new ResampleIntoGeneric<T>(typed));
                Resampler.ResampleInto(image, actual, Rotation, InterpolatorType.Linear, 7);
                OverloadPhantoms.AssertSame(expected, actual, $"ResampleInto {output.ToName()}");
            }

            return true;
        }
    }

    /// <summary>The generic <c>ResampleInto</c> with the destination's type as a generic argument.</summary>
    private sealed class ResampleIntoGeneric<TIn>(Volume<TIn> image) : IVolumeVisitor<bool>
        where TIn : unmanaged, INumber<TIn>
    {
        public bool Visit<TOut>(Volume<TOut> destination)
            where TOut : unmanaged, INumber<TOut>
        {
            Resampler.ResampleInto(image, destination, Rotation, InterpolatorType.Linear, 7);
            return true;
        }
    }
}
