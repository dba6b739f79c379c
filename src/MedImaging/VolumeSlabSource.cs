using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging;

/// <summary>
/// An image computed one slab of whole z-planes at a time, so that it can be written to a file
/// (<see cref="IO.ImageFile.Write(VolumeSlabSource, string, bool, ExecutionOptions?)"/>) without ever holding the whole volume: a
/// one-shot resample or threshold then touches one slab-sized buffer, reused for every slab, instead of a fresh
/// full-size output (every fresh 4 KiB page costs a page fault, about 2–10 µs on the virtual machines here).
/// </summary>
public abstract class VolumeSlabSource
{
    /// <summary>
    /// Default output bytes per slab (8 MiB): small enough to stay out of the way, large enough that work repeated at
    /// each slab's edges (a resampler re-interpolates the input planes two slabs share) stays small.
    /// </summary>
    public const int SlabBytes = 8 << 20;

    /// <summary>Creates a source of a volume with the given grid and voxel type.</summary>
    /// <param name="geometry">The whole volume's grid (LPS, mm).</param>
    /// <param name="pixelType">The voxel type of every slab.</param>
    protected VolumeSlabSource(VolumeGeometry geometry, PixelType pixelType)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
        PixelType = pixelType;
    }

    /// <summary>The whole volume's grid.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>The voxel type.</summary>
    public PixelType PixelType { get; }

    /// <summary>
    /// Calls <paramref name="consume"/>(first plane, slab) for consecutive slabs covering planes 0 … size.Z − 1 in
    /// order. A slab's geometry is its part of the grid (same spacing and direction, origin at its first plane). The
    /// slab's buffer is reused for the next slab: <paramref name="consume"/> must not keep it.
    /// </summary>
    public abstract void ForEachSlab(Action<int, Volume> consume);

    /// <summary>A source that hands out an in-memory volume as one slab (for operations that are not computed by slab).</summary>
    public static VolumeSlabSource Of(Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return new InMemory(volume);
    }

    /// <summary>The grid of planes [<paramref name="firstPlane"/>, + <paramref name="planes"/>) of <paramref name="geometry"/>.</summary>
    internal static VolumeGeometry SlabGeometry(VolumeGeometry geometry, int firstPlane, int planes) =>
        new(new Size3(geometry.Size.X, geometry.Size.Y, planes), geometry.Spacing,
            geometry.TransformContinuousIndexToPhysicalPoint(new Vec3(0, 0, firstPlane)), geometry.Direction);

    private sealed class InMemory(Volume volume) : VolumeSlabSource(volume.Geometry, volume.PixelType)
    {
        public override void ForEachSlab(Action<int, Volume> consume)
        {
            ArgumentNullException.ThrowIfNull(consume);
            consume(0, volume);
        }
    }
}

/// <summary>A <see cref="VolumeSlabSource"/> of voxel type <typeparamref name="T"/> that fills one slab buffer in turn.</summary>
/// <typeparam name="T">The voxel type.</typeparam>
public abstract class VolumeSlabSource<T> : VolumeSlabSource
    where T : unmanaged, INumber<T>
{
    /// <summary>How long the consumer of one slab is expected to take at most (writing it to a file).</summary>
    private static readonly TimeSpan NextSlabWithin = TimeSpan.FromMilliseconds(50);

    private readonly int _slabBytes;

    /// <summary>Creates a source of a volume on <paramref name="geometry"/>.</summary>
    /// <param name="geometry">The whole volume's grid.</param>
    /// <param name="slabBytes">Output bytes per slab (default <see cref="VolumeSlabSource.SlabBytes"/>). A voxel-wise
    /// operation with nothing to redo per slab does best with small slabs (1 MiB: 256 fresh pages to fault in, not 2048).</param>
    protected VolumeSlabSource(VolumeGeometry geometry, int slabBytes = SlabBytes)
        : base(geometry, PixelTypes.Of<T>())
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slabBytes, 1);
        _slabBytes = slabBytes;
    }

    /// <summary>Planes per slab: about the slab size in bytes of voxels, at least one plane.</summary>
    public int SlabPlanes
    {
        get
        {
            long planeBytes = Math.Max(1, (long)Geometry.Size.X * Geometry.Size.Y * Unsafe.SizeOf<T>());
            return (int)Math.Clamp(_slabBytes / planeBytes, 1, Math.Max(1, Geometry.Size.Z));
        }
    }

    /// <inheritdoc />
    public override void ForEachSlab(Action<int, Volume> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        Size3 size = Geometry.Size;
        int planes = SlabPlanes;
        T[]? buffer = null;
        for (int z0 = 0; z0 < size.Z; z0 += planes)
        {
            int count = Math.Min(planes, size.Z - z0);
            long voxels = (long)size.X * size.Y * count;
            if (buffer is null || buffer.Length != voxels)
            {
                // Fill writes every voxel of the slab, so the buffer starts uninitialised (no zeroing pass).
                buffer = VoxelArrays.Allocate<T>(checked((int)voxels), zeroed: false);
            }

            var slab = new Volume<T>(SlabGeometry(Geometry, z0, count), buffer);
            Fill(z0, slab);
            if (z0 + count < size.Z)
            {
                // The next slab's loops follow the consumer's writing: parallel helpers wait for them spinning.
                WorkerTeam.KeepAwake(NextSlabWithin);
            }

            consume(z0, slab);
        }
    }

    /// <summary>Writes every voxel of <paramref name="slab"/>: planes [<paramref name="firstPlane"/>, + slab.Size.Z) of the volume.</summary>
    protected abstract void Fill(int firstPlane, Volume<T> slab);
}
