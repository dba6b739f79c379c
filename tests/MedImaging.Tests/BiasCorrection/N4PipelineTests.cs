using MedImaging.BiasCorrection;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.BiasCorrection;

public sealed class N4PipelineTests
{
    [Test]
    public void Execute_NoMask_UsesOtsuAboveThresholdAndFullResolutionField()
    {
        (Volume<float> image, _, double[] truth) = N4BiasFieldCorrectionTests.BiasedPhantom();
        var options = new N4PipelineOptions { ShrinkFactor = 2 };
        N4PipelineResult result = N4Pipeline.Execute(image, options: options);
        OtsuThresholdResult otsu = ImageFilters.OtsuThreshold(image, 0, 1, 200);
        // The pipeline's mask is SimpleITK's OtsuThreshold(image, 0, 1, 200): identical voxels and threshold.
        Assert.That(result.Mask.Voxels.ToArray(), Is.EqualTo(otsu.Mask.Voxels.ToArray()));
        Assert.That(result.OtsuThreshold, Is.EqualTo(otsu.Threshold));
        Assert.That(result.Fit.LogBiasField.Geometry.Size, Is.EqualTo(new Size3(24, 24, 20)));
        Assert.That(result.LogBiasField.Geometry, Is.EqualTo(image.Geometry));
        double r = N4BiasFieldCorrectionTests.MaskedCorrelation(result.LogBiasField.Voxels.ToArray(), truth, result.Mask);
        // Fitted on the half-resolution copy, the field is still the known polynomial up to a constant: r ≥ 0.99.
        Assert.That(r, Is.GreaterThanOrEqualTo(0.99));
    }

    [Test]
    public void Execute_MaskOnOtherGrid_ThrowsGeometryMismatch()
    {
        (Volume<float> image, _, _) = N4BiasFieldCorrectionTests.BiasedPhantom();
        var mask = new Volume<byte>(new VolumeGeometry(new Size3(8, 8, 8)));
        Assert.That(() => N4Pipeline.Execute(image, mask), Throws.TypeOf<GeometryMismatchException>());
    }

    [Test]
    public void Execute_MrPhantom_RatioToTruthCvAtMost0020()
    {
        // Acceptance of issue #8 on the generated MR phantom (made without ITK, known bias field): Otsu mask,
        // iterations 50,50,30,20, shrink 4, threshold 0. ITK 5.2 reaches a ratio CV of 0.019 inside the head
        // (truth > 100); we require ≤ 0.020 (the bound).
        Volume<float> image = ImageFilters.Cast(ImageFile.Read(TestPaths.RequireGenerated("mr_phantom_bias.nii.gz")), PixelType.Float32).As<float>();
        Volume<float> truth = ImageFilters.Cast(ImageFile.Read(TestPaths.RequireGenerated("mr_phantom_truth.nii.gz")), PixelType.Float32).As<float>();
        var options = new N4PipelineOptions { N4 = new N4Options { MaximumNumberOfIterations = [50, 50, 30, 20], ConvergenceThreshold = 0 } };
        N4PipelineResult result = N4Pipeline.Execute(image, options: options);
        var ratios = new List<double>();
        for (int n = 0; n < truth.Voxels.Length; n++)
        {
            if (truth.Voxels[n] > 100)
            {
                ratios.Add(result.Corrected.Voxels[n] / truth.Voxels[n]);
            }
        }

        double mean = ratios.Average();
        double sd = Math.Sqrt(ratios.Sum(v => (v - mean) * (v - mean)) / (ratios.Count - 1));
        Assert.That(sd / mean, Is.LessThanOrEqualTo(0.020));
        Assert.That(result.Fit.Iterations, Is.EqualTo(new[] { 50, 50, 30, 20 }));
    }
}
