using System.IO.Compression;

using static MedImaging.IO.HeaderText;

namespace MedImaging.IO;

/// <summary>
/// NIfTI-1 and NIfTI-2 (<c>.nii</c>, <c>.nii.gz</c>, <c>.hdr</c>/<c>.img</c>): header parsing into an
/// <see cref="ImageHeader"/> and writing of 3-D volumes or 4-D series. Writes NIfTI-1 unless a size exceeds
/// 32767 (then NIfTI-2), little-endian, vox_offset 352 (544 for NIfTI-2).
/// </summary>
internal static class NiftiFormat
{
    private const string Descrip = "MedImaging";

    /// <summary>Reads and checks the header of a NIfTI file (for .nii.gz only its first bytes are inflated).</summary>
    public static ImageHeader ReadHeader(string path, ImageFileFormat format)
    {
        string headerPath = format == ImageFileFormat.NiftiPair ? Path.ChangeExtension(path, ".hdr") : path;
        string dataPath = format == ImageFileFormat.NiftiPair ? Path.ChangeExtension(path, ".img") : path;
        byte[] bytes = ReadHeaderBytes(headerPath, format);
        NiftiHeader h = NiftiHeader.Parse(bytes, headerPath);
        PixelType type = ToPixelType(h, headerPath);
        (Size3 size, int volumes) = ReadDimensions(h, headerPath);
        long voxOffset = ReadVoxOffset(h, headerPath, format);
        bool gz = format == ImageFileFormat.NiftiGz;
        return new ImageHeader
        {
            Path = headerPath,
            Format = format,
            StoredPixelType = type,
            Geometry = NiftiGeometry.Read(h, size, headerPath),
            NumberOfVolumes = volumes,
            RepetitionTime = volumes > 1 ? NiftiGeometry.RepetitionTime(h) : 0,
            BigEndian = h.BigEndian,
            DataPath = dataPath,
            DataOffset = gz ? 0 : voxOffset,
            DecompressedSkip = gz ? voxOffset : 0,
            Compression = gz ? VoxelCompression.Gzip : VoxelCompression.None,
            OffsetField = "vox_offset",
            Slope = h.SclSlope,
            Intercept = h.SclInter,
        };
    }

    /// <summary>Writes volumes (one = 3-D, more = 4-D) with their shared geometry.</summary>
    /// <param name="path">Target; .nii, .nii.gz, .hdr or .img.</param>
    /// <param name="format">The format <paramref name="path"/> names.</param>
    /// <param name="volumes">The grid, voxel type, number of volumes and their bytes.</param>
    /// <param name="repetitionTime">Seconds between volumes (pixdim[4]), 0 when unknown.</param>
    /// <param name="version">1, 2, or 0 to pick NIfTI-2 only when a size exceeds 32767.</param>
    /// <param name="execution">Threads deflating .nii.gz.</param>
    public static void Write(string path, ImageFileFormat format, VoxelPayload volumes, double repetitionTime, int version = 0,
        ExecutionOptions? execution = null)
    {
        VolumeGeometry g = volumes.Geometry;
        bool needsV2 = g.Size.X > short.MaxValue || g.Size.Y > short.MaxValue || g.Size.Z > short.MaxValue || volumes.Volumes > short.MaxValue;
        var h = new NiftiHeader
        {
            Version = version == 0 ? (needsV2 ? 2 : 1) : version,
            SingleFile = format != ImageFileFormat.NiftiPair,
            Datatype = DatatypeCode(volumes.PixelType),
            Bitpix = 8 * volumes.PixelType.SizeInBytes(),
            SclSlope = 1,
            SclInter = 0,
            Descrip = Descrip,
        };
        h.Dim[0] = volumes.Volumes > 1 ? 4 : 3;
        h.Dim[1] = g.Size.X;
        h.Dim[2] = g.Size.Y;
        h.Dim[3] = g.Size.Z;
        for (int i = 4; i < 8; i++)
        {
            h.Dim[i] = 1;
            h.Pixdim[i] = 1;
        }

        h.Dim[4] = volumes.Volumes;
        h.Pixdim[4] = repetitionTime > 0 ? repetitionTime : 1;
        NiftiGeometry.Write(h, g);
        int headerBytes = (h.Version == 1 ? NiftiHeader.SizeV1 : NiftiHeader.SizeV2) + 4;
        h.VoxOffset = h.SingleFile ? headerBytes : 0;
        byte[] header = h.ToBytes();
        if (format == ImageFileFormat.NiftiPair)
        {
            File.WriteAllBytes(Path.ChangeExtension(path, ".hdr"), header);
            using FileStream img = File.Create(Path.ChangeExtension(path, ".img"));
            volumes.WriteTo(img);
            return;
        }

        using FileStream file = File.Create(path, 1 << 16);
        using (Stream target = ImageFileStreams.Compressor(file, format == ImageFileFormat.NiftiGz ? VoxelCompression.Gzip : VoxelCompression.None, execution))
        {
            target.Write(header);
            volumes.WriteTo(target);
        }
    }

    private static byte[] ReadHeaderBytes(string path, ImageFileFormat format)
    {
        using FileStream file = ImageFileStreams.OpenRead(path, path);
        byte[] buffer = new byte[NiftiHeader.SizeV2];
        try
        {
            using Stream source = format == ImageFileFormat.NiftiGz ? new GZipStream(file, CompressionMode.Decompress) : file;
            int read = source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return buffer[..read];
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException(path, "gzip stream", $"not a valid gzip file: {ex.Message}", ex);
        }
    }

    private static (Size3 Size, int Volumes) ReadDimensions(NiftiHeader h, string path)
    {
        long rank = h.Dim[0];
        if (rank is < 1 or > 7)
        {
            throw new ImageFormatException(path, "dim[0]", Invariant($"{rank} dimensions; NIfTI allows 1 to 7"));
        }

        long[] n = [1, 1, 1, 1, 1, 1, 1, 1];
        for (int i = 1; i <= rank; i++)
        {
            if (h.Dim[i] < 1)
            {
                throw new ImageFormatException(path, Invariant($"dim[{i}]"), Invariant($"{h.Dim[i]} is not a positive size"));
            }

            if (i > 4 && h.Dim[i] != 1)
            {
                throw new ImageFormatException(path, Invariant($"dim[{i}]"), Invariant($"{h.Dim[i]}: images with more than 4 dimensions (vectors, tensors) are not supported"));
            }

            if (h.Dim[i] > int.MaxValue)
            {
                throw new ImageFormatException(path, Invariant($"dim[{i}]"), Invariant($"{h.Dim[i]} exceeds the largest supported size {int.MaxValue}"));
            }

            n[i] = h.Dim[i];
        }

        return (new Size3((int)n[1], (int)n[2], (int)n[3]), (int)n[4]);
    }

    private static long ReadVoxOffset(NiftiHeader h, string path, ImageFileFormat format)
    {
        double offset = h.VoxOffset;
        long minimum = format == ImageFileFormat.NiftiPair ? 0 : (h.Version == 1 ? NiftiHeader.SizeV1 : NiftiHeader.SizeV2);
        if (!double.IsFinite(offset) || offset < minimum || offset > long.MaxValue / 2 || offset != Math.Floor(offset))
        {
            throw new ImageFormatException(path, "vox_offset", Invariant($"{offset} is not a whole byte offset at or after the {minimum}-byte header"));
        }

        return (long)offset;
    }

    private static PixelType ToPixelType(NiftiHeader h, string path)
    {
        PixelType? type = h.Datatype switch
        {
            2 => PixelType.UInt8,
            4 => PixelType.Int16,
            8 => PixelType.Int32,
            16 => PixelType.Float32,
            64 => PixelType.Float64,
            256 => PixelType.Int8,
            512 => PixelType.UInt16,
            768 => PixelType.UInt32,
            _ => null,
        };
        if (type is null)
        {
            throw new ImageFormatException(path, "datatype", Invariant($"code {h.Datatype} is not supported (uint8 2, int16 4, int32 8, float32 16, float64 64, int8 256, uint16 512, uint32 768 are; RGB, complex and 64-bit integers are not)"));
        }

        if (h.Bitpix != 8 * type.Value.SizeInBytes())
        {
            throw new ImageFormatException(path, "bitpix", Invariant($"{h.Bitpix} does not match datatype {h.Datatype} ({type.Value.ToName()}, {8 * type.Value.SizeInBytes()} bits)"));
        }

        return type.Value;
    }

    private static int DatatypeCode(PixelType type) => type switch
    {
        PixelType.UInt8 => 2,
        PixelType.Int16 => 4,
        PixelType.Int32 => 8,
        PixelType.Float32 => 16,
        PixelType.Float64 => 64,
        PixelType.Int8 => 256,
        PixelType.UInt16 => 512,
        PixelType.UInt32 => 768,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
