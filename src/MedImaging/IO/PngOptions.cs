using System.IO.Compression;

namespace MedImaging.IO;

/// <summary>The sample layouts <see cref="PngWriter"/> writes (PNG colour type and bit depth).</summary>
public enum PngPixelFormat
{
    /// <summary>8-bit greyscale (colour type 0, bit depth 8): one byte per pixel.</summary>
    Gray8,

    /// <summary>16-bit greyscale (colour type 0, bit depth 16): one <see cref="ushort"/> per pixel.</summary>
    Gray16,

    /// <summary>8-bit truecolour (colour type 2): R, G, B bytes per pixel.</summary>
    Rgb24,

    /// <summary>8-bit truecolour with alpha (colour type 6): R, G, B, A bytes per pixel (alpha not premultiplied).</summary>
    Rgba32,
}

/// <summary>The scanline filter <see cref="PngWriter"/> applies (PNG filter method 0, ISO/IEC 15948 §9).</summary>
public enum PngFilterStrategy
{
    /// <summary>
    /// Per row, the filter whose output has the smallest sum of absolute values (bytes read as signed), ties to
    /// the lower filter type: libpng's default heuristic ("minimum sum of absolute differences").
    /// </summary>
    Adaptive,

    /// <summary>Filter type 0 on every row.</summary>
    None,

    /// <summary>Filter type 1 (difference to the byte one pixel to the left) on every row.</summary>
    Sub,

    /// <summary>Filter type 2 (difference to the byte above) on every row.</summary>
    Up,

    /// <summary>Filter type 3 (difference to the floor of the mean of left and above) on every row.</summary>
    Average,

    /// <summary>Filter type 4 (Paeth predictor of left, above and upper left) on every row.</summary>
    Paeth,
}

/// <summary>How <see cref="PngWriter"/> encodes.</summary>
public sealed record PngWriteOptions
{
    /// <summary>Default options: adaptive filtering, <see cref="CompressionLevel.Optimal"/>.</summary>
    public static PngWriteOptions Default { get; } = new();

    /// <summary>Scanline filter choice (default <see cref="PngFilterStrategy.Adaptive"/>, as libpng).</summary>
    public PngFilterStrategy Filter { get; init; } = PngFilterStrategy.Adaptive;

    /// <summary>zlib compression level of <see cref="ZLibStream"/> (default <see cref="CompressionLevel.Optimal"/>).</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;

    /// <summary>Largest IDAT chunk payload in bytes (default 65536); the compressed stream is cut into chunks of this size.</summary>
    public int MaxIdatLength { get; init; } = 65536;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An enum value is undefined or <see cref="MaxIdatLength"/> is not in [1, 2³¹ − 1].</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Filter))
        {
            throw new ArgumentOutOfRangeException(nameof(Filter), Filter, "unknown PNG filter strategy");
        }

        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "unknown compression level");
        }

        if (MaxIdatLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIdatLength), MaxIdatLength, "an IDAT chunk must hold at least one byte");
        }
    }
}
