using System.IO.Compression;
using System.Text;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>Hostile and broken files: each gives an <see cref="ImageFormatException"/> naming the file and the field, fast, without large allocations.</summary>
[TestFixture]
public sealed class BadInputTests : TempDirectoryTest
{
    private static IEnumerable<TestCaseData> NiftiCases()
    {
        yield return new TestCaseData("zero.nii", Array.Empty<byte>(), "sizeof_hdr").SetName("Nifti_ZeroLength");
        yield return new TestCaseData("trunc.nii", new HandMadeNifti().Build(new byte[48])[..200], "header").SetName("Nifti_TruncatedHeader");
        yield return new TestCaseData("short.nii", new HandMadeNifti().Build(new byte[10]), "voxel data").SetName("Nifti_TruncatedVoxels");
        yield return new TestCaseData("magic.nii", new HandMadeNifti { Magic = "xyz" }.Build(new byte[48]), "magic").SetName("Nifti_WrongMagic");
        yield return new TestCaseData("text.nii", Encoding.ASCII.GetBytes(new string('a', 400)), "sizeof_hdr").SetName("Nifti_NotNifti");
        // 2048 × 1024 × 1024 = 2^31 int8 voxels claimed by a 352-byte file.
        yield return new TestCaseData("huge.nii", new HandMadeNifti { Datatype = 256, Bitpix = 8, Dim = [3, 2048, 1024, 1024, 1, 1, 1, 1] }.Build([]), "size").SetName("Nifti_2Pow31Voxels");
        // 2^30 voxels: fits one buffer, but the file cannot hold them; must fail before allocating 1 GiB.
        yield return new TestCaseData("big.nii", new HandMadeNifti { Datatype = 2, Bitpix = 8, Dim = [3, 1024, 1024, 1024, 1, 1, 1, 1] }.Build([]), "voxel data").SetName("Nifti_2Pow30VoxelsIn352Bytes");
        yield return new TestCaseData("neg.nii", new HandMadeNifti { Dim = [3, 4, -3, 2, 1, 1, 1, 1] }.Build(new byte[48]), "dim[2]").SetName("Nifti_NegativeDimension");
        yield return new TestCaseData("rank.nii", new HandMadeNifti { Dim = [9, 4, 3, 2, 1, 1, 1, 1] }.Build(new byte[48]), "dim[0]").SetName("Nifti_RankNine");
        yield return new TestCaseData("off.nii", new HandMadeNifti { VoxOffset = 1e6f }.Build(new byte[48]), "vox_offset").SetName("Nifti_VoxOffsetPastEnd");
        yield return new TestCaseData("lowoff.nii", new HandMadeNifti { VoxOffset = 100 }.Build(new byte[48]), "vox_offset").SetName("Nifti_VoxOffsetInsideHeader");
        yield return new TestCaseData("type.nii", new HandMadeNifti { Datatype = 128, Bitpix = 24 }.Build(new byte[72]), "datatype").SetName("Nifti_Rgb24Unsupported");
        yield return new TestCaseData("bitpix.nii", new HandMadeNifti { Bitpix = 8 }.Build(new byte[48]), "bitpix").SetName("Nifti_BitpixMismatch");
        yield return new TestCaseData("fived.nii", new HandMadeNifti { Dim = [5, 4, 3, 2, 1, 3, 1, 1] }.Build(new byte[144]), "dim[5]").SetName("Nifti_FiveDimensional");
    }

    [TestCaseSource(nameof(NiftiCases))]
    public void Read_BrokenNifti_ImageFormatExceptionNamingField(string name, byte[] content, string field)
    {
        string path = Path.Combine(TempDir, name);
        File.WriteAllBytes(path, content);

        AssertFormatError(() => ImageFile.Read(path), path, field);
    }

    [Test]
    public void Read_GzipClaimingAGigabyteIn200Bytes_RejectedBeforeAllocation()
    {
        byte[] header = new HandMadeNifti { Datatype = 2, Bitpix = 8, Dim = [3, 1024, 1024, 1024, 1, 1, 1, 1] }.Build([]);
        string path = Path.Combine(TempDir, "bomb.nii.gz");
        WriteGzip(path, header);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        AssertFormatError(() => ImageFile.Read(path), path, "voxel data");
        Assert.That(GC.GetTotalAllocatedBytes(precise: true) - before, Is.LessThan(1 << 20), "must not allocate the claimed 1 GiB");
    }

    [Test]
    public void Read_TruncatedGzip_ImageFormatException()
    {
        var nifti = new HandMadeNifti { Datatype = 2, Bitpix = 8, Dim = [3, 64, 64, 64, 1, 1, 1, 1] };
        byte[] full = nifti.Build(new byte[64 * 64 * 64]);
        string whole = Path.Combine(TempDir, "whole.nii.gz");
        WriteGzip(whole, full);
        byte[] compressed = File.ReadAllBytes(whole);
        string path = Path.Combine(TempDir, "cut.nii.gz");
        File.WriteAllBytes(path, compressed[..(compressed.Length / 2)]);

        AssertFormatError(() => ImageFile.Read(path), path, "voxel data");
    }

    [Test]
    public void Read_NotGzipButNamedNiiGz_ImageFormatException()
    {
        string path = Path.Combine(TempDir, "plain.nii.gz");
        File.WriteAllBytes(path, new HandMadeNifti().Build(new byte[48]));

        AssertFormatError(() => ImageFile.Read(path), path, "gzip stream");
    }

    [Test]
    public void Read_MissingFileFolderAndUnknownExtension_ImageFormatException()
    {
        string missing = Path.Combine(TempDir, "missing.nii.gz");
        AssertFormatError(() => ImageFile.Read(missing), missing, "file");
        string folder = Path.Combine(TempDir, "series.nii");
        Directory.CreateDirectory(folder);
        AssertFormatError(() => ImageFile.Read(folder), folder, "file");
        string unknown = Path.Combine(TempDir, "image.png");
        File.WriteAllBytes(unknown, [1, 2, 3]);
        AssertFormatError(() => ImageFile.Read(unknown), unknown, "extension");
    }

    [TestCase("NDims = 3\nDimSize = 4 3\nElementType = MET_SHORT\nElementDataFile = LOCAL\n", "DimSize")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nElementType = MET_LONG_LONG\nElementDataFile = LOCAL\n", "ElementType")]
    [TestCase("NDims = 3\nDimSize = 4 -3 2\nElementType = MET_SHORT\nElementDataFile = LOCAL\n", "DimSize")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nElementType = MET_SHORT\nElementSpacing = 1 x 1\nElementDataFile = LOCAL\n", "ElementSpacing")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nElementType = MET_SHORT\nElementDataFile = LOCAL\n", "voxel data")]
    [TestCase("NDims = 3\nDimSize = 2048 1024 1024\nElementType = MET_CHAR\nElementDataFile = LOCAL\n", "size")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nElementType = MET_SHORT\nElementDataFile = none.raw\n", "file")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nElementType = MET_SHORT\nTransformMatrix = 1 0 0 1 0 0 0 0 1\nElementDataFile = LOCAL\n", "TransformMatrix")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nElementType = MET_SHORT\n", "header")]
    [TestCase("", "header")]
    [TestCase("NDims = 3\nDimSize = 4 3 2\nBinaryData = False\nElementType = MET_SHORT\nElementDataFile = LOCAL\n", "BinaryData")]
    public void Read_BrokenMetaImage_ImageFormatExceptionNamingField(string header, string field)
    {
        string path = Path.Combine(TempDir, "bad.mha");
        File.WriteAllText(path, header);

        AssertFormatError(() => ImageFile.Read(path), path, field);
    }

    [TestCase("P5\n4 3\n", "magic")]
    [TestCase("NRRD0004\ntype: short\ndimension: 3\nsizes: 4 3 2\nencoding: ascii\n\n", "encoding")]
    [TestCase("NRRD0004\ntype: short\ndimension: 3\nsizes: 4 3 2\nencoding: raw\nspace: scanner-xyz\nspace directions: (1,0,0) (0,1,0) (0,0,1)\n\n", "space")]
    [TestCase("NRRD0004\ntype: complex\ndimension: 3\nsizes: 4 3 2\nencoding: raw\n\n", "type")]
    [TestCase("NRRD0004\ntype: short\ndimension: 3\nsizes: 4 3\nencoding: raw\n\n", "sizes")]
    [TestCase("NRRD0004\ntype: short\ndimension: 3\nsizes: 4 3 2\nencoding: raw\nendian: little\n\n", "voxel data")]
    [TestCase("NRRD0004\ntype: short\ndimension: 3\nsizes: 4 3 2\nencoding: gzip\nendian: little\n\nnot gzip at all, just text", "voxel data")]
    public void Read_BrokenNrrd_ImageFormatExceptionNamingField(string header, string field)
    {
        string path = Path.Combine(TempDir, "bad.nrrd");
        File.WriteAllText(path, header);

        AssertFormatError(() => ImageFile.Read(path), path, field);
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }

    private static void AssertFormatError(TestDelegate read, string path, string field)
    {
        var ex = Assert.Throws<ImageFormatException>(read)!;
        Assert.That(ex.Field, Is.EqualTo(field), ex.Message);
        Assert.That(ex.Message, Does.Contain(Path.GetFileName(path)), "the message names the file");
    }
}
