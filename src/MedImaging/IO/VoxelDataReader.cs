using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

using static MedImaging.IO.HeaderText;

namespace MedImaging.IO;

/// <summary>
/// Reads the voxels an <see cref="ImageHeader"/> describes straight into the volumes' buffers (one read for raw
/// data, one inflate pass for gzip/zlib), then swaps bytes for big-endian files and applies NIfTI scaling. Every
/// length is checked against what the file can hold before anything is allocated.
/// </summary>
internal static class VoxelDataReader
{
    /// <summary>
    /// Deflate cannot expand data by more than about 1032:1 (258-byte matches coded in 2 bits), so a compressed
    /// stream of n bytes can never justify more than n × 1032 bytes of voxels.
    /// </summary>
    internal const long MaxDeflateRatio = 1032;

    /// <summary>Reads all volumes the header describes.</summary>
    public static Volume[] Read(ImageHeader header)
    {
        long volumeBytes = CheckedVolumeBytes(header);
        long totalBytes = checked(volumeBytes * header.NumberOfVolumes);
        using FileStream file = ImageFileStreams.OpenRead(header.DataPath, header.Path);
        long fileLength = file.Length;
        if (header.DataOffset < 0 || header.DataOffset > fileLength)
        {
            throw new ImageFormatException(header.Path, header.OffsetField,
                Invariant($"offset {header.DataOffset} is outside the {fileLength}-byte data file '{header.DataPath}'"));
        }

        Volume[] volumes = header.Compression == VoxelCompression.None
            ? ReadRaw(header, file, totalBytes)
            : ReadCompressed(header, file, totalBytes);
        if (header.BigEndian)
        {
            foreach (Volume volume in volumes)
            {
                ReverseEndianness(volume.AsBytes(), volume.PixelType.SizeInBytes());
            }
        }

        if (header.IsScaled)
        {
            var scale = new ScaleVisitor(header.Slope, header.EffectiveIntercept, header.OutputPixelType);
            for (int i = 0; i < volumes.Length; i++)
            {
                volumes[i] = volumes[i].Accept(scale);
            }
        }

        return volumes;
    }

    /// <summary>Reverses the byte order of every <paramref name="size"/>-byte element in place.</summary>
    internal static void ReverseEndianness(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2:
                Span<ushort> u16 = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                Span<uint> u32 = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                Span<ulong> u64 = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
            default:
                break;
        }
    }

    private static long CheckedVolumeBytes(ImageHeader header)
    {
        long voxels = header.Geometry.VoxelCount;
        if (voxels > Array.MaxLength)
        {
            throw new ImageFormatException(header.Path, "size",
                Invariant($"{header.Geometry.Size} is {voxels} voxels per volume, more than the {Array.MaxLength} one buffer can hold"));
        }

        if (header.NumberOfVolumes < 1)
        {
            throw new ImageFormatException(header.Path, "size", Invariant($"{header.NumberOfVolumes} volumes"));
        }

        return voxels * header.StoredPixelType.SizeInBytes();
    }

    private static Volume[] Allocate(ImageHeader header)
    {
        var volumes = new Volume[header.NumberOfVolumes];
        for (int i = 0; i < volumes.Length; i++)
        {
            // Every byte is read into the buffer (or the read fails and the volume is dropped): no zeroing pass.
            volumes[i] = Volume.Create(header.StoredPixelType, header.Geometry, zeroed: false);
        }

        return volumes;
    }

    private static Volume[] ReadRaw(ImageHeader header, FileStream file, long totalBytes)
    {
        long start = header.DataAtEnd ? file.Length - totalBytes : header.DataOffset + header.DecompressedSkip;
        if (start < header.DataOffset || file.Length - start < totalBytes)
        {
            throw new ImageFormatException(header.Path, "voxel data", Invariant(
                $"{header.Geometry.Size} x {header.NumberOfVolumes} {header.StoredPixelType.ToName()} voxels need {totalBytes} bytes from offset {Math.Max(start, header.DataOffset)}, but '{header.DataPath}' holds {file.Length} bytes (truncated file?)"));
        }

        Volume[] volumes = Allocate(header);
        long offset = start;
        foreach (Volume volume in volumes)
        {
            Span<byte> target = volume.AsBytes();
            while (!target.IsEmpty)
            {
                int read = RandomAccess.Read(file.SafeFileHandle, target, offset);
                if (read <= 0)
                {
                    throw new ImageFormatException(header.Path, "voxel data", Invariant($"unexpected end of '{header.DataPath}' at offset {offset}"));
                }

                target = target[read..];
                offset += read;
            }
        }

        return volumes;
    }

    private static Volume[] ReadCompressed(ImageHeader header, FileStream file, long totalBytes)
    {
        long compressedLength = file.Length - header.DataOffset;
        long needed = checked(totalBytes + header.DecompressedSkip);
        if (needed > compressedLength * MaxDeflateRatio || compressedLength > Array.MaxLength)
        {
            throw new ImageFormatException(header.Path, "voxel data", Invariant(
                $"{header.Geometry.Size} x {header.NumberOfVolumes} {header.StoredPixelType.ToName()} voxels need {needed} bytes, but {compressedLength} compressed bytes can inflate to at most {compressedLength * MaxDeflateRatio} (truncated file or false size)"));
        }

        // The compressed bytes are read through one 1 MiB buffer: few large file reads, and no copy of the whole
        // compressed file in fresh memory (32 MB for a 512×512×128 CT, 8 000 page faults).
        file.Position = header.DataOffset;
        using var buffered = new BufferedStream(file, 1 << 20);
        using Stream inflater = ImageFileStreams.Decompressor(buffered, header.Compression);
        try
        {
            ImageFileStreams.Skip(inflater, header.DecompressedSkip, header.Path, header.OffsetField);
            Volume[] volumes = Allocate(header);
            foreach (Volume volume in volumes)
            {
                Span<byte> target = volume.AsBytes();
                int read = inflater.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
                if (read < target.Length)
                {
                    throw new ImageFormatException(header.Path, "voxel data", Invariant(
                        $"the compressed stream ends after {read} of a volume's {target.Length} bytes (truncated file?)"));
                }
            }

            // Read on to the end of the stream: only there does the inflater check the gzip CRC-32 / zlib Adler-32,
            // so a corrupt byte among the voxels is reported instead of returned as a wrong value.
            ImageFileStreams.ReadToEnd(inflater);
            return volumes;
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException(header.Path, "voxel data", $"corrupt {header.Compression.ToString().ToLowerInvariant()} stream: {ex.Message}", ex);
        }
    }

    /// <summary>value × slope + intercept into float32 (float64 for float64 input), as nibabel and ITK apply scl_slope/scl_inter.</summary>
    private sealed class ScaleVisitor(double slope, double intercept, PixelType output) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, System.Numerics.INumber<T>
        {
            ReadOnlySpan<T> source = volume.Voxels;
            if (output == PixelType.Float64)
            {
                var wide = new Volume<double>(volume.Geometry);
                Span<double> target = wide.Voxels;
                for (int i = 0; i < source.Length; i++)
                {
                    target[i] = double.CreateTruncating(source[i]) * slope + intercept;
                }

                return wide;
            }

            var result = new Volume<float>(volume.Geometry);
            Span<float> values = result.Voxels;
            for (int i = 0; i < source.Length; i++)
            {
                values[i] = (float)(double.CreateTruncating(source[i]) * slope + intercept);
            }

            return result;
        }
    }
}
