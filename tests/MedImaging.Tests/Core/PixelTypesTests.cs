namespace MedImaging.Tests.Core;

[TestFixture]
public sealed class PixelTypesTests
{
    [Test]
    public void Of_TypeThatIsNotAVoxelType_ArgumentExceptionNamingTheTypeParameter()
    {
        var e = Assert.Throws<ArgumentException>(() => PixelTypes.Of<decimal>());
        Assert.That(e!.ParamName, Is.EqualTo("T"));
        Assert.That(e.Message, Does.Contain("Decimal"));
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new Volume<Half>(new VolumeGeometry(new Size3(2, 2, 2))))!.ParamName, Is.EqualTo("T"));
    }

    [Test]
    public void Of_EachVoxelType_ItsPixelType()
    {
        Assert.That(new[] { PixelTypes.Of<byte>(), PixelTypes.Of<sbyte>(), PixelTypes.Of<ushort>(), PixelTypes.Of<short>(), PixelTypes.Of<uint>(),
            PixelTypes.Of<int>(), PixelTypes.Of<float>(), PixelTypes.Of<double>() },
            Is.EqualTo(new[] { PixelType.UInt8, PixelType.Int8, PixelType.UInt16, PixelType.Int16, PixelType.UInt32, PixelType.Int32, PixelType.Float32, PixelType.Float64 }));
    }
}
