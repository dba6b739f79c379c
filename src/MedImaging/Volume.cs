namespace MedImaging;

/// <summary>
/// A 3-D image of any voxel type: the non-generic face of <see cref="Volume{T}"/>, for code that gets its type
/// from a file. Use <see cref="Accept{TResult}"/> to reach the typed volume (ImageSharp's visitor pattern).
/// </summary>
public abstract class Volume
{
    private protected Volume(VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
    }

    /// <summary>Size, spacing, origin and direction (LPS).</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>The voxel type.</summary>
    public abstract PixelType PixelType { get; }

    /// <summary>Voxels per axis.</summary>
    public Size3 Size => Geometry.Size;

    /// <summary>Calls the visitor with the typed volume.</summary>
    public abstract TResult Accept<TResult>(IVolumeVisitor<TResult> visitor);

    /// <summary>The voxel at (x, y, z) converted to double.</summary>
    public abstract double GetValueAsDouble(int x, int y, int z);

    /// <summary>The voxel buffer as bytes (native little-endian layout, x fastest).</summary>
    public abstract Span<byte> AsBytes();

    /// <summary>Creates a zero-filled volume of a runtime-chosen pixel type.</summary>
    public static Volume Create(PixelType pixelType, VolumeGeometry geometry) => pixelType switch
    {
        PixelType.UInt8 => new Volume<byte>(geometry),
        PixelType.Int8 => new Volume<sbyte>(geometry),
        PixelType.UInt16 => new Volume<ushort>(geometry),
        PixelType.Int16 => new Volume<short>(geometry),
        PixelType.UInt32 => new Volume<uint>(geometry),
        PixelType.Int32 => new Volume<int>(geometry),
        PixelType.Float32 => new Volume<float>(geometry),
        PixelType.Float64 => new Volume<double>(geometry),
        _ => throw new ArgumentOutOfRangeException(nameof(pixelType), pixelType, null),
    };

    /// <summary>The typed volume, or an <see cref="InvalidCastException"/> naming both types.</summary>
    public Volume<T> As<T>()
        where T : unmanaged, System.Numerics.INumber<T> =>
        this as Volume<T> ?? throw new InvalidCastException($"the volume holds {PixelType.ToName()}, not {PixelTypes.Of<T>().ToName()}");
}

/// <summary>Receives a <see cref="Volume{T}"/> with its voxel type as a generic argument.</summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IVolumeVisitor<out TResult>
{
    /// <summary>Called with the typed volume.</summary>
    TResult Visit<T>(Volume<T> volume)
        where T : unmanaged, System.Numerics.INumber<T>;
}
