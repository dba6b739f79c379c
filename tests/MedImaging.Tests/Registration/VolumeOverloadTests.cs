using System.Numerics;
using MedImaging.Filters;
using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

/// <summary>
/// <see cref="ImageRegistrationMethod.Execute(Volume, Volume, IParametricTransform, RegistrationOptions?, ExecutionOptions?)"/>
/// gives exactly the generic form's transform, metric and per-level record, for fixed and moving images of two
/// different voxel types.
/// </summary>
[TestFixture]
public sealed class VolumeOverloadTests
{
    private static readonly RegistrationOptions Quick = new() { ShrinkFactors = [2, 1], SmoothingSigmas = [1.0, 0.0], NumberOfSamples = 2000, NumberOfIterations = 8 };

    [TestCase(PixelType.Int16, PixelType.Float32)]
    [TestCase(PixelType.Float32, PixelType.UInt16)]
    public void Execute_VolumeOverload_EqualsGeneric(PixelType fixedType, PixelType movingType)
    {
        VolumeGeometry grid = RegistrationPhantoms.SmallGrid;
        Volume fixedImage = ImageFilters.Cast(RegistrationPhantoms.Render(grid, p => p, RegistrationPhantoms.SmallIntensities, 1), fixedType);
        Volume moving = ImageFilters.Cast(RegistrationPhantoms.Render(grid, p => p + new Vec3(3, -2, 1), RegistrationPhantoms.SmallIntensities, 2), movingType);
        var initial = new Euler3DTransform(grid.Center, 0, 0, 0, new Vec3(0, 0, 0));
        RegistrationResult expected = fixedImage.Accept(new GenericExecute(moving, initial));
        RegistrationResult actual = ImageRegistrationMethod.Execute(fixedImage, moving, initial, Quick);
        Assert.That(actual.Transform.Parameters, Is.EqualTo(expected.Transform.Parameters));
        Assert.That(actual.Transform.FixedParameters, Is.EqualTo(expected.Transform.FixedParameters));
        Assert.That(actual.MetricValue, Is.EqualTo(expected.MetricValue));
        Assert.That(actual.Levels.Select(l => (l.Iterations, l.MetricValue, l.StopCondition)),
            Is.EqualTo(expected.Levels.Select(l => (l.Iterations, l.MetricValue, l.StopCondition))));
        Assert.That(expected.Levels.Sum(l => l.Iterations), Is.GreaterThan(0), "the optimizer ran");
    }

    /// <summary>The generic <c>Execute</c> with both voxel types as generic arguments.</summary>
    private sealed class GenericExecute(Volume moving, IParametricTransform initial) : IVolumeVisitor<RegistrationResult>
    {
        public RegistrationResult Visit<TFixed>(Volume<TFixed> fixedImage)
            where TFixed : unmanaged, INumber<TFixed> => moving.Accept(new WithMoving<TFixed>(fixedImage, initial));
    }

    private sealed class WithMoving<TFixed>(Volume<TFixed> fixedImage, IParametricTransform initial) : IVolumeVisitor<RegistrationResult>
        where TFixed : unmanaged, INumber<TFixed>
    {
        public RegistrationResult Visit<TMoving>(Volume<TMoving> moving)
            where TMoving : unmanaged, INumber<TMoving> => ImageRegistrationMethod.Execute(fixedImage, moving, initial, Quick);
    }
}
