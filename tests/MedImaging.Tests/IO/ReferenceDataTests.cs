using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>
/// The generated reference inputs read by us against what ITK 5.2 reads from them
/// (<c>/work/shared/reference/itk/build/itkref info FILE</c>, numbers pasted below), and format chains on them.
/// </summary>
[TestFixture]
[Category("Reference")]
public sealed class ReferenceDataTests : TempDirectoryTest
{
    // ITK 5.2 `itkref info ct_phantom.nii.gz`: spacing [0.699999988079, 0.699999988079, 5], origin
    // [-179.300003052, -200.600006104, -702.5], identity direction, int16 512x512x128, sum -24417815785,
    // min -1024, max 754. The .mha gives spacing [0.7, 0.7, 5] and origin [-179.3, -200.6, -702.5], same voxels.
    private const double CtSum = -24417815785;

    /// <summary>ITK prints 12 significant digits; NIfTI's float32 values printed that way are within 1e-9 mm of ours.</summary>
    private const double ItkPrintTolerance = 1e-8;

    [TestCase("ct_phantom.nii.gz", 0.699999988079, -179.300003052, -200.600006104)]
    [TestCase("ct_phantom.mha", 0.7, -179.3, -200.6)]
    public void Read_CtPhantom_SameGeometryTypeAndSumAsItk(string name, double spacingXy, double originX, double originY)
    {
        string path = TestPaths.RequireGenerated(name);

        Volume ct = ImageFile.Read(path);
        StatisticsResult stats = ImageFilters.Statistics(ct);

        Assert.That(ct.PixelType, Is.EqualTo(PixelType.Int16));
        Assert.That(ct.Size, Is.EqualTo(new Size3(512, 512, 128)));
        IOTestVolumes.AssertGeometry(ct.Geometry, new VolumeGeometry(ct.Size, new Vec3(spacingXy, spacingXy, 5), new Vec3(originX, originY, -702.5)), ItkPrintTolerance);
        Assert.That((stats.Sum, stats.Minimum, stats.Maximum), Is.EqualTo((CtSum, -1024.0, 754.0)), "exact integer sum, as ITK");
    }

    [Test]
    public void Read_Ch2_SameGeometryAndSumAsItk()
    {
        // ITK 5.2 `itkref info ch2.nii.gz`: uint8 181x217x181, spacing [1,1,1], origin [90,125,-71],
        // direction [-1,0,0,0,-1,0,0,0,1], sum 317151210, min 0, max 254.
        string path = TestPaths.RequireGenerated("ch2.nii.gz");

        Volume ch2 = ImageFile.Read(path);
        StatisticsResult stats = ImageFilters.Statistics(ch2);

        Assert.That(ch2.PixelType, Is.EqualTo(PixelType.UInt8));
        Assert.That(ch2.Geometry, Is.EqualTo(new VolumeGeometry(new Size3(181, 217, 181), Vec3.One, new Vec3(90, 125, -71), Mat3.Diagonal(new Vec3(-1, -1, 1)))));
        Assert.That((stats.Sum, stats.Minimum, stats.Maximum), Is.EqualTo((317151210.0, 0.0, 254.0)));
    }

    // The CT chain writes .mha/.nrrd uncompressed (deflating 64 MiB twice more would only slow the suite); the ch2
    // chain compresses every step, so both zlib (MetaImage) and gzip (NRRD) run on real data.
    [TestCase("ct_phantom.nii.gz", false)]
    [TestCase("ch2.nii.gz", true)]
    public void RoundTrip_NiiGzToMhaToNrrdToNiiGz_VoxelIdenticalGeometryKept(string name, bool useCompression)
    {
        string source = TestPaths.RequireGenerated(name);
        Volume original = ImageFile.Read(source);
        Volume current = original;
        foreach (string next in new[] { "a.mha", "b.nrrd", "c.nii.gz" })
        {
            string path = Path.Combine(TempDir, next);
            ImageFile.Write(current, path, useCompression);
            current = ImageFile.Read(path);
            Assert.That(current.AsBytes().SequenceEqual(original.AsBytes()), Is.True, $"voxels after {next}");
        }

        // MHA and NRRD keep doubles exactly; NIfTI re-stores float32 values that were float32 to begin with.
        Assert.That(current.Geometry, Is.EqualTo(original.Geometry));
    }
}
