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
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pixelType"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">The geometry holds more voxels than one .NET array can.</exception>
    public static Volume Create(PixelType pixelType, VolumeGeometry geometry) => Create(pixelType, geometry, zeroed: true);

    /// <summary>
    /// Creates a volume of a runtime-chosen pixel type; with <paramref name="zeroed"/> false its buffer is not cleared
    /// (for a caller that writes every voxel before anyone reads one: a file reader).
    /// </summary>
    internal static Volume Create(PixelType pixelType, VolumeGeometry geometry, bool zeroed) => pixelType switch
    {
        PixelType.UInt8 => Create<byte>(geometry, zeroed),
        PixelType.Int8 => Create<sbyte>(geometry, zeroed),
        PixelType.UInt16 => Create<ushort>(geometry, zeroed),
        PixelType.Int16 => Create<short>(geometry, zeroed),
        PixelType.UInt32 => Create<uint>(geometry, zeroed),
        PixelType.Int32 => Create<int>(geometry, zeroed),
        PixelType.Float32 => Create<float>(geometry, zeroed),
        PixelType.Float64 => Create<double>(geometry, zeroed),
        _ => throw new ArgumentOutOfRangeException(nameof(pixelType), pixelType, null),
    };

    private static Volume<T> Create<T>(VolumeGeometry geometry, bool zeroed)
        where T : unmanaged, System.Numerics.INumber<T> =>
        zeroed ? new Volume<T>(geometry) : new Volume<T>(geometry, VoxelArrays.Allocate<T>(checked((int)geometry.VoxelCount), zeroed: false));

    /// <summary>The typed volume, or an <see cref="InvalidCastException"/> naming both types.</summary>
    /// <exception cref="InvalidCastException">The volume holds another voxel type (a cast, not an argument error).</exception>
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
