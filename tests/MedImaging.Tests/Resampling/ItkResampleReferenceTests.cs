using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Resampling;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Resampling;

/// <summary>
/// Against ITK 5.2.1 (the reference harness <c>itkref resample</c>) on the generated CT phantom, 512×512×128 int16 at
/// 0.7×0.7×5 mm → 1 mm isotropic, default −1024. ITK truncates integer outputs, so our
/// <see cref="IntegerConversion.TruncateLikeItk"/> mode must give ITK's exact voxels; the default rounding mode
/// differs from it by at most 1 HU.
/// </summary>
[TestFixture]
[Category("Reference")]
public class ItkResampleReferenceTests
{
    private static Volume<short>? _phantom;

    private static Volume<short> Phantom() =>
        _phantom ??= ImageFile.Read(TestPaths.RequireGenerated("ct_phantom.nii.gz")).As<short>();

    // min, max and voxel sum printed by `itkref resample ct_phantom.nii.gz OUT --spacing 1 1 1 --interp M
    // --default -1024` (ITK 5.2.1, 2026-11-26; also in docs/ACCURACY.md).
    [TestCase(InterpolatorType.NearestNeighbor, -1024, 754, -59645132959L)]
    [TestCase(InterpolatorType.Linear, -1024, 746, -59617583815L)]
    [TestCase(InterpolatorType.BSpline3, -1495, 1222, -59617598522L)]
    public void ResampleToSpacing_TruncateLikeItk_SameGeometryAndStatisticsAsItk(InterpolatorType interpolator, double min, double max, long sum)
    {
        Volume<short> ct = Phantom();
        Volume<short> ours = Resampler.ResampleToSpacing(ct, Vec3.One, interpolator, -1024, IntegerConversion.TruncateLikeItk);
        Assert.That(ours.Size, Is.EqualTo(new Size3(358, 358, 640)));
        Assert.That(ours.Geometry.Origin, Is.EqualTo(ct.Geometry.Origin));
        Assert.That(ours.Geometry.Direction, Is.EqualTo(ct.Geometry.Direction));
        StatisticsResult stats = ImageFilters.Statistics(ours);
        Assert.That(stats.Minimum, Is.EqualTo(min));
        Assert.That(stats.Maximum, Is.EqualTo(max));

        // The sum of 82 M integers is exact in double (< 2^53): equal sums with equal extremes, plus the voxel-wise
        // comparison below, pin the output down.
        Assert.That(stats.Sum, Is.EqualTo((double)sum));
    }

    [TestCase("nearest", InterpolatorType.NearestNeighbor)]
    [TestCase("linear", InterpolatorType.Linear)]
    public void ResampleToSpacing_VoxelByVoxelAgainstItkRef(string itkName, InterpolatorType interpolator)
    {
        string itkref = ExternalTool.RequireItkRef();
        string input = TestPaths.RequireGenerated("ct_phantom.nii.gz");
        string dir = TestPaths.NewTempDirectory();
        try
        {
            string itkOut = Path.Combine(dir, "itk.nii");
            (int code, _, string err) = ExternalTool.Run(itkref,
                ["resample", input, itkOut, "--spacing", "1", "1", "1", "--interp", itkName, "--default", "-1024"]);
            Assert.That(code, Is.Zero, err);
            Volume<short> itk = ImageFile.Read(itkOut).As<short>();
            Volume<short> truncated = Resampler.ResampleToSpacing(Phantom(), Vec3.One, interpolator, -1024, IntegerConversion.TruncateLikeItk);
            Volume<short> rounded = Resampler.ResampleToSpacing(Phantom(), Vec3.One, interpolator, -1024);
            Assert.That(truncated.Geometry.IsSameSpace(itk.Geometry), Is.True);
            ReadOnlySpan<short> a = itk.Voxels, t = truncated.Voxels, r = rounded.Voxels;
            int differentTruncated = 0, worstRounded = 0;
            for (int i = 0; i < a.Length; i++)
            {
                differentTruncated += a[i] != t[i] ? 1 : 0;
                worstRounded = Math.Max(worstRounded, Math.Abs(a[i] - r[i]));
            }

            Assert.That(differentTruncated, Is.Zero, "voxels differing from ITK in truncate mode");

            // Rounding instead of truncating moves a value by less than 1 before conversion: at most 1 HU apart.
            Assert.That(worstRounded, Is.LessThanOrEqualTo(1));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
