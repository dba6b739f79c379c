using MedImaging.Filters;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Filters;

/// <summary>
/// Invalid arguments of the filters are <see cref="ArgumentException"/>s that name the caller's parameter, also when
/// a shared helper finds the fault.
/// </summary>
[TestFixture]
public sealed class ArgumentErrorTests
{
    private static readonly Volume Image = OverloadPhantoms.Intensities(PixelType.Int16);
    private static readonly Volume<short> Typed = Image.As<short>();

    private static IEnumerable<TestCaseData> Calls()
    {
        yield return Case<ArgumentOutOfRangeException>("numberOfHistogramBins", () => ImageFilters.OtsuThreshold(Typed, numberOfHistogramBins: 0), "OtsuThreshold bins");
        yield return Case<ArgumentOutOfRangeException>("numberOfHistogramBins", () => ImageFilters.LiThreshold(Image, numberOfHistogramBins: -1), "LiThreshold bins");
        yield return Case<ArgumentOutOfRangeException>("numberOfHistogramBins", () => ImageFilters.OtsuMultipleThresholds(Typed, numberOfHistogramBins: 0), "OtsuMultipleThresholds bins");
        yield return Case<ArgumentOutOfRangeException>("kernelRadius", () => ImageFilters.GrayscaleDilate(Typed, 300), "GrayscaleDilate radius");
        yield return Case<ArgumentOutOfRangeException>("kernelRadius", () => ImageFilters.BinaryErode(new Volume<byte>(OverloadPhantoms.Grid), new KernelRadius(1, -1, 1)), "BinaryErode radius");
        yield return Case<ArgumentOutOfRangeException>("padLowerBound", () => ImageFilters.ConstantPad(Typed, new Size3(0, -1, 0), new Size3(0, 0, 0)), "ConstantPad lower");
        yield return Case<ArgumentOutOfRangeException>("padUpperBound", () => ImageFilters.MirrorPad(Image, new Size3(0, 0, 0), new Size3(0, 0, -2)), "MirrorPad upper");
        yield return Case<ArgumentNullException>("mask", () => ImageFilters.KeepLargestComponents<byte>(null!), "KeepLargestComponents null");
        yield return Case<ArgumentOutOfRangeException>("pixelType", () => ImageFilters.Cast(Image, (PixelType)42), "Cast pixel type");
    }

    [TestCaseSource(nameof(Calls))]
    public void InvalidArgument_ExceptionNamesTheParameter(Type exception, string parameter, TestDelegate call)
    {
        var e = Assert.Throws(exception, call);
        Assert.That(((ArgumentException)e!).ParamName, Is.EqualTo(parameter));
    }

    private static TestCaseData Case<TException>(string parameter, TestDelegate call, string name)
        where TException : ArgumentException =>
        new TestCaseData(typeof(TException), parameter, call).SetName($"InvalidArgument_ExceptionNamesTheParameter({name})");
}
