using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>
/// One contract run against every writable format and every pixel type (nibabel's test_image_api idea): write,
/// read back, and the voxels must be byte-identical and the geometry kept. The truth is the volume we built.
/// </summary>
[TestFixture]
public sealed class ImageFormatContractTests : TempDirectoryTest
{

    /// <summary>(file name, compression flag, exact geometry).</summary>
    private static readonly object[] Formats =
    [
        new object[] { "v.nii", false }, new object[] { "v.nii.gz", false }, new object[] { "v.hdr", false },
        new object[] { "v.mha", false }, new object[] { "v.mha", true }, new object[] { "v.mhd", false }, new object[] { "v.mhd", true },
        new object[] { "v.nrrd", false }, new object[] { "v.nrrd", true }, new object[] { "v.nhdr", false }, new object[] { "v.nhdr", true },
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from object[] f in Formats
        from PixelType t in Enum.GetValues<PixelType>()
        select new TestCaseData(f[0], f[1], t).SetName($"RoundTrip_{f[0]}{((bool)f[1] ? "_compressed" : "")}_{t}");

    [TestCaseSource(nameof(Cases))]
    public void WriteThenRead_EveryFormatAndPixelType_VoxelsIdenticalGeometryKept(string name, bool compress, PixelType type)
    {
        Volume original = IOTestVolumes.Random(type, IOTestVolumes.ObliqueGeometry(new Size3(7, 5, 3)), seed: (int)type);
        string path = Path.Combine(TempDir, name);

        ImageFile.Write(original, path, compress);
        Volume read = ImageFile.Read(path);

        Assert.That(read.PixelType, Is.EqualTo(type));
        Assert.That(read.AsBytes().SequenceEqual(original.AsBytes()), Is.True, "voxels differ");
        IOTestVolumes.AssertGeometry(read.Geometry, original.Geometry, IOTestVolumes.ToleranceFor(path));
        Assert.That(ImageFile.Identify(path).Geometry, Is.EqualTo(read.Geometry), "header-only read differs from full read");
    }

    [TestCase("s.nii.gz")]
    [TestCase("s.nii")]
    [TestCase("s.mha")]
    [TestCase("s.nrrd")]
    public void WriteThenReadSeries_FourDimensional_EveryVolumeAndRepetitionTimeKept(string name)
    {
        VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(6, 4, 3));
        Volume[] volumes = [.. Enumerable.Range(0, 5).Select(i => IOTestVolumes.Random(PixelType.Int16, g, seed: 100 + i))];
        string path = Path.Combine(TempDir, name);

        ImageFile.Write(new VolumeSeries(volumes, repetitionTime: 2.5), path);
        VolumeSeries read = ImageFile.ReadSeries(path);

        Assert.That(read.Count, Is.EqualTo(5));
        for (int i = 0; i < 5; i++)
        {
            Assert.That(read[i].AsBytes().SequenceEqual(volumes[i].AsBytes()), Is.True, $"volume {i}");
        }

        IOTestVolumes.AssertGeometry(read.Geometry, g, IOTestVolumes.ToleranceFor(path));
        if (name.StartsWith("s.nii", StringComparison.Ordinal))
        {
            Assert.That(read.RepetitionTime, Is.EqualTo(2.5), "pixdim[4] in seconds; 2.5 is exact in float32");
        }

        Assert.That(() => ImageFile.Read(path), Throws.TypeOf<ImageFormatException>().With.Property(nameof(ImageFormatException.Field)).EqualTo("size"));
    }

    [TestCase("c.nii.gz")]
    [TestCase("c.mha")]
    [TestCase("c.nrrd")]
    public void WriteThenRead_Ch2LikeDirection_DirectionExact(string name)
    {
        // ch2.nii.gz's direction diag(−1, −1, 1): every format stores ±1 and 1 mm exactly (float32 included).
        var g = new VolumeGeometry(new Size3(4, 5, 6), new Vec3(1, 1, 1), new Vec3(90, 125, -71), Mat3.Diagonal(new Vec3(-1, -1, 1)));
        Volume original = IOTestVolumes.Random(PixelType.UInt8, g, seed: 7);
        string path = Path.Combine(TempDir, name);

        ImageFile.Write(original, path);
        Volume read = ImageFile.Read(path);

        Assert.That(read.Geometry, Is.EqualTo(g));
        Assert.That(read.AsBytes().SequenceEqual(original.AsBytes()), Is.True);
    }

    [Test]
    public void NiftiVersion2_WrittenAndRead_SameAsVersion1()
    {
        VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(5, 4, 3));
        Volume original = IOTestVolumes.Random(PixelType.Float64, g, seed: 3);
        string path = Path.Combine(TempDir, "v2.nii");

        NiftiFormat.Write(path, ImageFileFormat.Nifti, VoxelPayload.Of([original]), 0, version: 2);
        byte[] bytes = File.ReadAllBytes(path);
        Volume read = ImageFile.Read(path);

        Assert.That(BitConverter.ToInt32(bytes, 0), Is.EqualTo(540), "sizeof_hdr of NIfTI-2");
        Assert.That(bytes.Length, Is.EqualTo(544 + 5 * 4 * 3 * 8), "header, 4 extension bytes, voxels");
        Assert.That(read.AsBytes().SequenceEqual(original.AsBytes()), Is.True);
        // NIfTI-2 stores double geometry: the only loss is the quaternion/sform arithmetic (~1e-15).
        IOTestVolumes.AssertGeometry(read.Geometry, g, 1e-12);
    }
}
