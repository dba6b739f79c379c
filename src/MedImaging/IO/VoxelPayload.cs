namespace MedImaging.IO;

/// <summary>
/// What a format writer writes after its header: the grid, voxel type and number of volumes, and the voxel bytes
/// (little-endian, x fastest), either from volumes in memory or slab by slab from a <see cref="VolumeSlabSource"/>.
/// Either way the bytes reach the writer's stream in the same fixed chunks (<see cref="VoxelChunkWriter"/>), so a
/// compressed file is byte-identical however its voxels were produced.
/// </summary>
internal sealed record VoxelPayload(VolumeGeometry Geometry, PixelType PixelType, int Volumes, Action<Stream> WriteTo)
{
    /// <summary>Volumes in memory (one = 3-D, more = 4-D; same type and grid).</summary>
    public static VoxelPayload Of(IReadOnlyList<Volume> volumes) =>
        new(volumes[0].Geometry, volumes[0].PixelType, volumes.Count, stream =>
        {
            var writer = new VoxelChunkWriter(stream);
            foreach (Volume volume in volumes)
            {
                writer.Write(volume.AsBytes());
            }

            writer.Flush();
        });

    /// <summary>One volume computed slab by slab; each slab is written as soon as it is filled.</summary>
    public static VoxelPayload Of(VolumeSlabSource source) =>
        new(source.Geometry, source.PixelType, 1, stream =>
        {
            var writer = new VoxelChunkWriter(stream);
            source.ForEachSlab((_, slab) => writer.Write(slab.AsBytes()));
            writer.Flush();
        });
}

/// <summary>
/// Passes voxel bytes to a stream in chunks of <see cref="ChunkBytes"/> counted from the first voxel byte, however
/// they arrive: a deflate stream's output depends on how its input is split into writes, and this makes the split
/// the same for a volume written whole and one written slab by slab. Only the bytes of a chunk cut by a slab
/// boundary are copied (into one staging chunk); whole chunks go straight from the caller's buffer.
/// </summary>
internal sealed class VoxelChunkWriter(Stream target)
{
    /// <summary>Bytes per write to the target: 1 MiB.</summary>
    public const int ChunkBytes = 1 << 20;

    private byte[]? _staging;
    private int _staged;

    /// <summary>Appends <paramref name="bytes"/>; every complete chunk is written to the target.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_staged > 0)
        {
            int take = Math.Min(ChunkBytes - _staged, bytes.Length);
            bytes[..take].CopyTo(_staging.AsSpan(_staged));
            _staged += take;
            bytes = bytes[take..];
            if (_staged < ChunkBytes)
            {
                return;
            }

            target.Write(_staging);
            _staged = 0;
        }

        while (bytes.Length >= ChunkBytes)
        {
            target.Write(bytes[..ChunkBytes]);
            bytes = bytes[ChunkBytes..];
        }

        if (bytes.Length > 0)
        {
            _staging ??= GC.AllocateUninitializedArray<byte>(ChunkBytes);
            bytes.CopyTo(_staging);
            _staged = bytes.Length;
        }
    }

    /// <summary>Writes the last, partial chunk.</summary>
    public void Flush()
    {
        if (_staged > 0)
        {
            target.Write(_staging.AsSpan(0, _staged));
            _staged = 0;
        }
    }
}
