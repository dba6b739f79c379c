using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedImaging;

/// <summary>
/// A 3-D image: one contiguous buffer of <typeparamref name="T"/>, x fastest, then y, then z (ITK/NIfTI order),
/// with its <see cref="VolumeGeometry"/> in LPS. Equivalent to a SimpleITK <c>Image</c> of a scalar type.
/// </summary>
/// <typeparam name="T">One of byte, sbyte, ushort, short, uint, int, float, double.</typeparam>
public sealed class Volume<T> : Volume
    where T : unmanaged, INumber<T>
{
    private readonly T[] _voxels;

    /// <summary>Creates a zero-filled volume.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="ArgumentException">The geometry holds more voxels than one .NET array can, or <typeparamref name="T"/>
    /// is not one of the eight voxel types.</exception>
    public Volume(VolumeGeometry geometry)
        : base(geometry)
    {
        _ = PixelTypes.Of<T>();
        _voxels = VoxelArrays.Allocate<T>(CheckedLength(geometry), zeroed: true);
    }

    /// <summary>Wraps an existing buffer (no copy). Its length must equal the geometry's voxel count.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> or <paramref name="voxels"/> is null.</exception>
    /// <exception cref="ArgumentException">The buffer length differs from the voxel count, or <typeparamref name="T"/> is not
    /// one of the eight voxel types.</exception>
    public Volume(VolumeGeometry geometry, T[] voxels)
        : base(geometry)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        _ = PixelTypes.Of<T>();
        if (voxels.Length != geometry.VoxelCount)
        {
            throw new ArgumentException($"buffer holds {voxels.Length} voxels, geometry {geometry.Size} needs {geometry.VoxelCount}", nameof(voxels));
        }

        _voxels = voxels;
    }

    /// <inheritdoc />
    public override PixelType PixelType => PixelTypes.Of<T>();

    /// <summary>All voxels, x fastest.</summary>
    public Span<T> Voxels => _voxels;

    /// <summary>All voxels as memory (for async or deferred use).</summary>
    public Memory<T> Memory => _voxels;

    /// <summary>Voxels in one x-row.</summary>
    public int RowLength => Geometry.Size.X;

    /// <summary>Voxels in one z-slice.</summary>
    public int SliceLength => Geometry.Size.X * Geometry.Size.Y;

    /// <summary>The voxel at index (x, y, z), by reference.</summary>
    public ref T this[int x, int y, int z]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (!Geometry.IsInside(x, y, z))
            {
                throw new ArgumentOutOfRangeException(nameof(x), $"index ({x}, {y}, {z}) is outside the volume of size {Geometry.Size}");
            }

            return ref _voxels[((long)z * Geometry.Size.Y + y) * Geometry.Size.X + x];
        }
    }

    /// <summary>The voxels of slice z (x fastest).</summary>
    public Span<T> GetSlice(int z) => _voxels.AsSpan(checked(z * SliceLength), SliceLength);

    /// <summary>The voxels of row (y, z).</summary>
    public Span<T> GetRow(int y, int z) => _voxels.AsSpan(checked((z * Geometry.Size.Y + y) * Geometry.Size.X), Geometry.Size.X);

    /// <summary>A zero-filled volume with the same geometry as <paramref name="like"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    public static Volume<T> CreateLike(Volume like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return new Volume<T>(like.Geometry);
    }

    /// <summary>A copy of this volume (new buffer, same geometry).</summary>
    public Volume<T> Clone() => new(Geometry, (T[])_voxels.Clone());

    /// <summary>Sets every voxel to <paramref name="value"/>.</summary>
    public void Fill(T value) => _voxels.AsSpan().Fill(value);

    /// <inheritdoc />
    public override TResult Accept<TResult>(IVolumeVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }

    /// <inheritdoc />
    public override double GetValueAsDouble(int x, int y, int z) => double.CreateTruncating(this[x, y, z]);

    /// <inheritdoc />
    public override Span<byte> AsBytes() => MemoryMarshal.AsBytes(_voxels.AsSpan());

    private static int CheckedLength(VolumeGeometry geometry)
    {
        long count = geometry.VoxelCount;
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"a volume of {geometry.Size} ({count} voxels) exceeds the {Array.MaxLength} voxels one buffer can hold", nameof(geometry));
        }

        return (int)count;
    }
}
