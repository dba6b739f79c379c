using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

[TestFixture]
public sealed class RegistrationFailureTests
{
    private static readonly VolumeGeometry Grid = RegistrationPhantoms.SmallGrid;
    private static readonly float[] Intensities = RegistrationPhantoms.SmallIntensities;
    private static readonly RegistrationOptions Quick = new() { ShrinkFactors = [1], SmoothingSigmas = [0.0], NumberOfSamples = 2000, NumberOfIterations = 5 };

    [Test]
    public void ConstantMovingImage_ThrowsSayingConstant()
    {
        Volume<float> f = RegistrationPhantoms.Render(Grid, p => p, Intensities, 1);
        var m = new Volume<float>(Grid);
        m.Fill(42f);
        var ex = Assert.Throws<RegistrationException>(() => ImageRegistration.Rigid(f, m, Quick));
        Assert.That(ex!.Message, Does.Contain("moving image is constant"));
    }

    [Test]
    public void NoOverlapAfterInitialization_ThrowsSayingSamplesOutside()
    {
        Volume<float> f = RegistrationPhantoms.Render(Grid, p => p, Intensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(Grid, p => p, Intensities, 2);
        // An initial transform that maps every fixed point 500 mm away from the moving image.
        var far = new Euler3DTransform(Grid.Center, 0, 0, 0, new Vec3(500, 0, 0));
        var ex = Assert.Throws<RegistrationException>(() => ImageRegistrationMethod.Execute(f, m, far, Quick));
        Assert.That(ex!.Message, Does.Contain("0 of").And.Contain("do not overlap"));
    }

    [Test]
    public void MostSamplesOutside_ThrowsNamingTheCounts()
    {
        Volume<float> f = RegistrationPhantoms.Render(Grid, p => p, Intensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(Grid, p => p, Intensities, 2);
        // Shifted by 98 % of the field of view along x: about 2 % of the samples stay inside, below ITK's 1/16.
        var almost = new Euler3DTransform(Grid.Center, 0, 0, 0, new Vec3(0.98 * 96, 0, 0));
        var ex = Assert.Throws<RegistrationException>(() => ImageRegistrationMethod.Execute(f, m, almost, Quick));
        Assert.That(ex!.Message, Does.Contain("fewer than 1/16"));
    }

    [Test]
    public void EmptyMovingMask_ThrowsInsteadOfNaN()
    {
        Volume<float> f = RegistrationPhantoms.Render(Grid, p => p, Intensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(Grid, p => p, Intensities, 2);
        var ex = Assert.Throws<RegistrationException>(() => ImageRegistration.Rigid(f, m, Quick with { MovingMask = new Volume<byte>(Grid) }));
        Assert.That(ex!.Message, Does.Contain("samples map inside the moving image"));
    }
}
