using System.IO.Compression;
using System.Text;
using MedImaging.IO;
using MedImaging.Tests.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// Seeded mutations of small valid NIfTI-1/2, MetaImage and NRRD files (written by our writers, every header field
/// then attacked), read through <see cref="ImageFile.ReadSeries"/> from a non-ASCII folder: each read returns a
/// consistent series or throws <see cref="ImageFormatException"/> naming the file, within the time and allocation bounds.
/// </summary>
[TestFixture]
public sealed class ImageFormatMutationTests : TempDirectoryTest
{
    private static readonly Type[] Documented = [typeof(ImageFormatException)];

    private static readonly Volume[] Valid =
    [
        IOTestVolumes.Random(PixelType.Int16, IOTestVolumes.ObliqueGeometry(new Size3(12, 10, 5)), seed: 1),
        IOTestVolumes.Random(PixelType.Int16, IOTestVolumes.ObliqueGeometry(new Size3(12, 10, 5)), seed: 2),
    ];

    private string Folder => Directory.CreateDirectory(Path.Combine(TempDir, "ünïcødé 患者")).FullName;

    [Test]
    public void Nifti1FourD_Mutations_ConsistentOrImageFormatException()
    {
        byte[] valid = WriteValid("valid.nii", version: 1);
        int data = 352;
        Field[] fields =
        [
            new("sizeof_hdr", 0, 4), .. Enumerable.Range(0, 8).Select(i => new Field($"dim[{i}]", 40 + (2 * i), 2)),
            new("datatype", 70, 2), new("bitpix", 72, 2), .. Enumerable.Range(0, 8).Select(i => new Field($"pixdim[{i}]", 76 + (4 * i), 4, Kind: FieldKind.Float)),
            new("vox_offset", 108, 4, Kind: FieldKind.Float), new("scl_slope", 112, 4, Kind: FieldKind.Float), new("scl_inter", 116, 4, Kind: FieldKind.Float),
            new("qform_code", 252, 2), new("sform_code", 254, 2), .. Enumerable.Range(0, 6).Select(i => new Field($"quatern[{i}]", 256 + (4 * i), 4, Kind: FieldKind.Float)),
            .. Enumerable.Range(0, 12).Select(i => new Field($"srow[{i}]", 280 + (4 * i), 4, Kind: FieldKind.Float)), new("magic", 344, 4),
        ];
        Run("NIfTI-1 .nii (4-D)", ".nii", Mutations.Binary(valid, fields, [0, 4, 40, 348, data, data + 1200, valid.Length - 1], FuzzSettings.Seed + 1, FuzzSettings.Random(40)), valid.Length);
    }

    [Test]
    public void Nifti2_Mutations_ConsistentOrImageFormatException()
    {
        byte[] valid = WriteValid("valid.nii", version: 2, volumes: 1);
        Field[] fields =
        [
            new("sizeof_hdr", 0, 4), new("magic", 4, 8), new("datatype", 12, 2), new("bitpix", 14, 2),
            .. Enumerable.Range(0, 8).Select(i => new Field($"dim[{i}]", 16 + (8 * i), 8)),
            .. Enumerable.Range(0, 8).Select(i => new Field($"pixdim[{i}]", 104 + (8 * i), 8, Kind: FieldKind.Float)),
            new("vox_offset", 168, 8), new("scl_slope", 176, 8, Kind: FieldKind.Float), new("scl_inter", 184, 8, Kind: FieldKind.Float),
            new("qform_code", 344, 4), new("sform_code", 348, 4), .. Enumerable.Range(0, 6).Select(i => new Field($"quatern[{i}]", 352 + (8 * i), 8, Kind: FieldKind.Float)),
            .. Enumerable.Range(0, 12).Select(i => new Field($"srow[{i}]", 400 + (8 * i), 8, Kind: FieldKind.Float)), new("xyzt_units", 500, 4),
        ];
        Run("NIfTI-2 .nii", ".nii", Mutations.Binary(valid, fields, [0, 4, 12, 16, 540, 544, valid.Length - 1], FuzzSettings.Seed + 2, FuzzSettings.Random(40)), valid.Length);
    }

    [Test]
    public void NiftiGz_MutatedHeaderAndMutatedStream_ConsistentOrImageFormatException()
    {
        byte[] inner = WriteValid("valid.nii", version: 1, volumes: 1);
        Field[] fields = [.. Enumerable.Range(0, 8).Select(i => new Field($"dim[{i}]", 40 + (2 * i), 2)), new("datatype", 70, 2), new("bitpix", 72, 2), new("vox_offset", 108, 4, Kind: FieldKind.Float)];
        IEnumerable<MutatedInput> gzippedHeaders = Mutations.Binary(inner, fields, [0, 348, 352], FuzzSettings.Seed + 3, FuzzSettings.Random(10))
            .Select(m => m with { Name = "inner " + m.Name, Bytes = Gzip(m.Bytes) });
        byte[] stream = Gzip(inner);
        Field[] gzipFields = [new("gzip magic", 0, 2), new("gzip flags", 3, 1), new("gzip crc32", stream.Length - 8, 4), new("gzip isize", stream.Length - 4, 4)];
        IEnumerable<MutatedInput> streams = Mutations.Binary(stream, gzipFields, [0, 10, stream.Length - 8, stream.Length - 4], FuzzSettings.Seed + 4, FuzzSettings.Random(30));
        Run(".nii.gz", ".nii.gz", gzippedHeaders.Concat(streams), inner.Length);
    }

    [TestCase(".mha", false)]
    [TestCase(".mha", true)]
    [TestCase(".nrrd", false)]
    [TestCase(".nrrd", true)]
    public void AttachedHeader_Mutations_ConsistentOrImageFormatException(string extension, bool compressed)
    {
        string path = Path.Combine(TempDir, "valid" + extension);
        ImageFile.Write(Valid[0], path, compressed);
        byte[] valid = File.ReadAllBytes(path);
        int textLength = HeaderLength(valid, extension);
        Run($"{extension}{(compressed ? " compressed" : "")}", extension, Mutations.Text(valid, textLength, FuzzSettings.Seed + 5 + extension.Length, FuzzSettings.Random(25)), Valid[0].AsBytes().Length);
    }

    [TestCase(".mhd")]
    [TestCase(".nhdr")]
    public void DetachedHeader_MutatedHeaderAndTruncatedData_ConsistentOrImageFormatException(string extension)
    {
        // The header names its data file; mutated headers are written beside the one valid data file.
        string path = Path.Combine(Folder, "valid" + extension);
        ImageFile.Write(Valid[0], path);
        byte[] header = File.ReadAllBytes(path);
        string dataFile = Directory.GetFiles(Folder).Single(f => f != path);
        byte[] data = File.ReadAllBytes(dataFile);
        var read = new HostileRead(extension + " header", Documented);
        int i = 0;
        foreach (MutatedInput m in Mutations.Text(header, header.Length, FuzzSettings.Seed + 7, FuzzSettings.Random(15)))
        {
            CheckFile(read, m, Path.Combine(Folder, $"m{i++}{extension}"), data.Length);
        }

        foreach (MutatedInput m in Mutations.Binary(data, [], [0, data.Length / 2], FuzzSettings.Seed + 8, FuzzSettings.Random(3)).Where(m => m.Name.StartsWith("truncate", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(dataFile, m.Bytes);
            CheckFile(read, m with { Name = "data " + m.Name }, path, data.Length);
        }

        read.AssertNoFailures();
    }

    /// <summary>Bytes a read may allocate: 4 MiB of stream buffers plus 64 × the decoded data (the volume, copies, row buffers).</summary>
    internal static long AllocationLimit(long decodedBytes) => (4 << 20) + (64 * decodedBytes);

    /// <summary>Null when the series is consistent: every volume holds exactly its geometry's voxels, all on one grid.</summary>
    internal static string? Inconsistency(VolumeSeries series)
    {
        foreach (Volume v in series.Volumes)
        {
            long count = v.Geometry.VoxelCount;
            if (v.AsBytes().Length != count * v.PixelType.SizeInBytes())
            {
                return $"{v.AsBytes().Length} voxel bytes for {v.Geometry.Size} {v.PixelType}";
            }

            if (!v.Geometry.IsSameSpace(series.Geometry))
            {
                return "volumes of one series on different grids";
            }
        }

        return null;
    }

    private static void CheckFile(HostileRead read, MutatedInput m, string path, long decodedBytes)
    {
        File.WriteAllBytes(path, m.Bytes);
        read.Check(m.Name, Path.GetFileName(path), AllocationLimit(Math.Max(decodedBytes, m.Bytes.Length)), () => Inconsistency(ImageFile.ReadSeries(path)));
    }

    private static int HeaderLength(byte[] bytes, string extension)
    {
        string marker = extension == ".mha" ? "ElementDataFile = LOCAL\n" : "\n\n";
        int at = Encoding.Latin1.GetString(bytes).IndexOf(marker, StringComparison.Ordinal);
        return at + marker.Length;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    private byte[] WriteValid(string name, int version, int volumes = 2)
    {
        string path = Path.Combine(TempDir, name);
        NiftiFormat.Write(path, ImageFileFormat.Nifti, VoxelPayload.Of(Valid[..volumes]), 2.5, version);
        return File.ReadAllBytes(path);
    }

    private void Run(string format, string extension, IEnumerable<MutatedInput> inputs, long decodedBytes)
    {
        var read = new HostileRead(format, Documented);
        int i = 0;
        foreach (MutatedInput m in inputs)
        {
            CheckFile(read, m, Path.Combine(Folder, $"m{i++}{extension}"), decodedBytes);
        }

        read.AssertNoFailures();
    }
}
