using System.Numerics;
using MedImaging.BiasCorrection;
using MedImaging.Filters;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.BiasCorrection;

/// <summary>
/// The <see cref="Volume"/> overloads of <see cref="N4BiasFieldCorrection"/> and <see cref="N4Pipeline"/> give exactly
/// the generic forms' corrected image, field, mask and fit record, for two voxel types.
/// </summary>
[TestFixture]
public sealed class VolumeOverloadTests
{
    private static readonly N4Options Quick = new() { MaximumNumberOfIterations = [4, 3] };

    [TestCase(PixelType.UInt16)]
    [TestCase(PixelType.Float32)]
    public void N4_VolumeOverloads_EqualGeneric(PixelType type)
    {
        (Volume<float> phantom, Volume<byte> mask, _) = N4BiasFieldCorrectionTests.BiasedPhantom();
        ImageFilters.Cast(phantom, type).Accept(new Check(mask));
    }

    [Test]
    public void GetLogBiasFieldAsImage_NullReference_NamesIt()
    {
        (Volume<float> phantom, Volume<byte> mask, _) = N4BiasFieldCorrectionTests.BiasedPhantom();
        N4Result fit = N4BiasFieldCorrection.Execute((Volume)phantom, mask, Quick);
        Assert.That(Assert.Throws<ArgumentNullException>(() => fit.GetLogBiasFieldAsImage(null!))!.ParamName, Is.EqualTo("reference"));
    }

    private sealed class Check(Volume<byte> mask) : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> typed)
            where T : unmanaged, INumber<T>
        {
            Volume image = typed;
            N4Result expected = N4BiasFieldCorrection.Execute(typed, mask, Quick), actual = N4BiasFieldCorrection.Execute(image, mask, Quick);
            OverloadPhantoms.AssertSame(expected.Corrected, actual.Corrected, "N4 corrected");
            OverloadPhantoms.AssertSame(expected.LogBiasField, actual.LogBiasField, "N4 log field");
            Assert.That((actual.Iterations, actual.ConvergenceValues, actual.IncludedVoxels),
                Is.EqualTo((expected.Iterations, expected.ConvergenceValues, expected.IncludedVoxels)), "N4 record");
            var options = new N4PipelineOptions { N4 = Quick, ShrinkFactor = 2 };
            N4PipelineResult pipeline = N4Pipeline.Execute(typed, options: options), pipelineAny = N4Pipeline.Execute(image, options: options);
            OverloadPhantoms.AssertSame(pipeline.Corrected, pipelineAny.Corrected, "N4Pipeline corrected");
            OverloadPhantoms.AssertSame(pipeline.LogBiasField, pipelineAny.LogBiasField, "N4Pipeline log field");
            OverloadPhantoms.AssertSame(pipeline.Mask, pipelineAny.Mask, "N4Pipeline mask");
            Assert.That(pipelineAny.OtsuThreshold, Is.EqualTo(pipeline.OtsuThreshold), "N4Pipeline Otsu threshold");
            Assert.That(pipelineAny.Fit.Iterations, Is.EqualTo(pipeline.Fit.Iterations), "N4Pipeline iterations");
            return true;
        }
    }
}
