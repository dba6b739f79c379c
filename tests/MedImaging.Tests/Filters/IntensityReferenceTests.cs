using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Filters;

/// <summary>
/// The intensity filters on the generated CT phantom (512×512×128 int16) against the ITK 5 harness and
/// nibabel + numpy, run by hand on 2026-11-26:
/// <c>/work/shared/reference/itk/build/itkref info ct_phantom.nii.gz</c> printed min −1024, max 754,
/// sum −24417815785, mean −727.707618028; numpy (int64, Python fractions for the variance) on nibabel's array gave
/// the same sum, sample variance 209065.0846295671, 8 434 580 voxels in [−100, 200], and 970 066 771 as the sum of
/// the ITK windowing formula for [−160, 240] → [0, 255] (float64, np.trunc).
/// </summary>
public sealed class IntensityReferenceTests
{
    [TestCase("ct_phantom.nii.gz")]
    [TestCase("ct_phantom.mha")]
    public void Statistics_CtPhantom_MatchesItkInfo(string file)
    {
        Volume ct = ImageFile.Read(TestPaths.RequireGenerated(file));
        StatisticsResult s = ImageFilters.Statistics(ct);
        Assert.That(s.Count, Is.EqualTo(512L * 512 * 128));
        Assert.That((s.Minimum, s.Maximum), Is.EqualTo((-1024.0, 754.0)));
        // Integer sums are exact and |sum| < 2^53, so the double equals ITK's integer print.
        Assert.That(s.Sum, Is.EqualTo(-24417815785.0));
        // ITK prints 12 significant digits.
        Assert.That(s.Mean, Is.EqualTo(-727.707618028).Within(5e-10));
        // Exact rational variance rounded once by Python; ours rounds numerator, denominator and quotient: 3 ulp.
        Assert.That(s.Variance, Is.EqualTo(209065.0846295671).Within(209065.0846295671 * 1e-15));
    }

    [Test]
    public void BinaryThreshold_CtPhantom_ForegroundMatchesNumpy()
    {
        var ct = ImageFile.Read(TestPaths.RequireGenerated("ct_phantom.nii.gz")).As<short>();
        Volume<byte> mask = ImageFilters.BinaryThreshold(ct, -100, 200);
        Assert.That(mask.Voxels.Count((byte)1), Is.EqualTo(8434580));
        Assert.That(mask.Geometry, Is.EqualTo(ct.Geometry));
    }

    [Test]
    public void IntensityWindowing_CtPhantom_SumMatchesNumpyItkFormula()
    {
        var ct = ImageFile.Read(TestPaths.RequireGenerated("ct_phantom.nii.gz")).As<short>();
        StatisticsResult windowed = ImageFilters.Statistics(ImageFilters.IntensityWindowing(ct, -160, 240));
        Assert.That(windowed.Sum, Is.EqualTo(970066771.0));
        Assert.That((windowed.Minimum, windowed.Maximum), Is.EqualTo((0.0, 255.0)));
    }
}
