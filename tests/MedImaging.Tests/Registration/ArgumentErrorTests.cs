using MedImaging.Filters;
using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

/// <summary>Null arguments of the registration entry points are <see cref="ArgumentNullException"/>s naming the caller's parameter.</summary>
[TestFixture]
public sealed class ArgumentErrorTests
{
    [Test]
    public void ResampleMoving_NullMovingOrTransform_NamesIt()
    {
        Volume image = ImageFilters.Cast(RegistrationPhantoms.Render(RegistrationPhantoms.SmallGrid, p => p, RegistrationPhantoms.SmallIntensities, 1), PixelType.Int16);
        var identity = new Euler3DTransform();
        Assert.That(Assert.Throws<ArgumentNullException>(() => ImageRegistration.ResampleMoving(image, null!, identity))!.ParamName, Is.EqualTo("moving"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => ImageRegistration.ResampleMoving(image, image, null!))!.ParamName, Is.EqualTo("transform"));
    }

    [Test]
    public void ParameterScales_NullDomain_NamesVirtualDomain()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => ParameterScales.FromPhysicalShift(new Euler3DTransform(), null!))!.ParamName, Is.EqualTo("virtualDomain"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => ParameterScales.FromIndexShift(new Euler3DTransform(), null!))!.ParamName, Is.EqualTo("virtualDomain"));
    }
}
