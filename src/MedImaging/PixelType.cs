namespace MedImaging;

/// <summary>The voxel types a <see cref="Volume"/> can hold (SimpleITK's scalar pixel IDs).</summary>
public enum PixelType
{
    /// <summary>8-bit unsigned (<see cref="byte"/>), sitkUInt8.</summary>
    UInt8,

    /// <summary>8-bit signed (<see cref="sbyte"/>), sitkInt8.</summary>
    Int8,

    /// <summary>16-bit unsigned (<see cref="ushort"/>), sitkUInt16.</summary>
    UInt16,

    /// <summary>16-bit signed (<see cref="short"/>), sitkInt16; CT in Hounsfield units.</summary>
    Int16,

    /// <summary>32-bit unsigned (<see cref="uint"/>), sitkUInt32.</summary>
    UInt32,

    /// <summary>32-bit signed (<see cref="int"/>), sitkInt32.</summary>
    Int32,

    /// <summary>32-bit IEEE float (<see cref="float"/>), sitkFloat32.</summary>
    Float32,

    /// <summary>64-bit IEEE float (<see cref="double"/>), sitkFloat64.</summary>
    Float64,
}

/// <summary>Facts about <see cref="PixelType"/> values and their CLR types.</summary>
public static class PixelTypes
{
    /// <summary>The pixel type of the CLR type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not one of the eight voxel types (an unsupported
    /// pixel type is an argument error; the exception names the type parameter).</exception>
    public static PixelType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return PixelType.UInt8;
        if (typeof(T) == typeof(sbyte)) return PixelType.Int8;
        if (typeof(T) == typeof(ushort)) return PixelType.UInt16;
        if (typeof(T) == typeof(short)) return PixelType.Int16;
        if (typeof(T) == typeof(uint)) return PixelType.UInt32;
        if (typeof(T) == typeof(int)) return PixelType.Int32;
        if (typeof(T) == typeof(float)) return PixelType.Float32;
        if (typeof(T) == typeof(double)) return PixelType.Float64;
        throw new ArgumentException($"{typeof(T).Name} is not a voxel type (byte, sbyte, ushort, short, uint, int, float or double)", nameof(T));
    }

    /// <summary>Bytes per voxel.</summary>
    public static int SizeInBytes(this PixelType type) => type switch
    {
        PixelType.UInt8 or PixelType.Int8 => 1,
        PixelType.UInt16 or PixelType.Int16 => 2,
        PixelType.UInt32 or PixelType.Int32 or PixelType.Float32 => 4,
        PixelType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary><paramref name="type"/>, checked to be one of the eight voxel types (a caller's argument).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value; the exception names <paramref name="paramName"/>.</exception>
    internal static PixelType CheckDefined(this PixelType type, string paramName) =>
        Enum.IsDefined(type) ? type : throw new ArgumentOutOfRangeException(paramName, type, "not one of the eight voxel types");

    /// <summary>True for <see cref="PixelType.Float32"/> and <see cref="PixelType.Float64"/>.</summary>
    public static bool IsFloatingPoint(this PixelType type) => type is PixelType.Float32 or PixelType.Float64;

    /// <summary>True for the signed types.</summary>
    public static bool IsSigned(this PixelType type) =>
        type is PixelType.Int8 or PixelType.Int16 or PixelType.Int32 or PixelType.Float32 or PixelType.Float64;

    /// <summary>Lowest value of the type (as double).</summary>
    public static double MinValue(this PixelType type) => type switch
    {
        PixelType.UInt8 or PixelType.UInt16 or PixelType.UInt32 => 0,
        PixelType.Int8 => sbyte.MinValue,
        PixelType.Int16 => short.MinValue,
        PixelType.Int32 => int.MinValue,
        PixelType.Float32 => float.MinValue,
        PixelType.Float64 => double.MinValue,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Highest value of the type (as double).</summary>
    public static double MaxValue(this PixelType type) => type switch
    {
        PixelType.UInt8 => byte.MaxValue,
        PixelType.Int8 => sbyte.MaxValue,
        PixelType.UInt16 => ushort.MaxValue,
        PixelType.Int16 => short.MaxValue,
        PixelType.UInt32 => uint.MaxValue,
        PixelType.Int32 => int.MaxValue,
        PixelType.Float32 => float.MaxValue,
        PixelType.Float64 => double.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The lower-case name used in the CLI and JSON: uint8, int8, uint16, int16, uint32, int32, float32, float64.</summary>
    public static string ToName(this PixelType type) => type switch
    {
        PixelType.UInt8 => "uint8",
        PixelType.Int8 => "int8",
        PixelType.UInt16 => "uint16",
        PixelType.Int16 => "int16",
        PixelType.UInt32 => "uint32",
        PixelType.Int32 => "int32",
        PixelType.Float32 => "float32",
        PixelType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a name produced by <see cref="ToName"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static PixelType Parse(string name)
    {
        foreach (PixelType t in Enum.GetValues<PixelType>())
        {
            if (string.Equals(t.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        throw new ArgumentException($"unknown pixel type '{name}' (expected uint8, int8, uint16, int16, uint32, int32, float32 or float64)", nameof(name));
    }
}
