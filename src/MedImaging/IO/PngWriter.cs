using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace MedImaging.IO;

/// <summary>
/// A pure-managed PNG encoder (ISO/IEC 15948, W3C PNG 2nd edition) for 2-D pictures: 8-bit greyscale, 16-bit
/// greyscale, 8-bit RGB and RGBA, non-interlaced. Rows are filtered per <see cref="PngWriteOptions.Filter"/>
/// (libpng's adaptive heuristic by default), compressed with <see cref="ZLibStream"/> and cut into IDAT chunks;
/// every chunk carries its CRC-32. Pixels are row-major, top row first, samples interleaved.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Encodes an 8-bit picture (<see cref="PngPixelFormat.Gray8"/>, <see cref="PngPixelFormat.Rgb24"/> or
    /// <see cref="PngPixelFormat.Rgba32"/>) to <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream; left open.</param>
    /// <param name="pixels">width × height × channels bytes, top row first, channels interleaved (R, G, B[, A]).</param>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="format">The sample layout; 16-bit greyscale goes through the <see cref="ushort"/> overload.</param>
    /// <param name="options">Filter and compression (default <see cref="PngWriteOptions.Default"/>).</param>
    /// <exception cref="ArgumentException">The format is <see cref="PngPixelFormat.Gray16"/>, or the pixel count does not match the size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1 or a row exceeds 2³¹ − 2 bytes.</exception>
    public static void Write(Stream destination, ReadOnlySpan<byte> pixels, int width, int height, PngPixelFormat format,
        PngWriteOptions? options = null)
    {
        if (format == PngPixelFormat.Gray16)
        {
            throw new ArgumentException("16-bit greyscale pixels are ushort values: use the ReadOnlySpan<ushort> overload", nameof(format));
        }

        Encode(destination, pixels, width, height, format, options);
    }

    /// <summary>Encodes a 16-bit greyscale picture (<see cref="PngPixelFormat.Gray16"/>) to <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream; left open.</param>
    /// <param name="pixels">width × height samples, top row first (written big-endian as PNG requires).</param>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="options">Filter and compression (default <see cref="PngWriteOptions.Default"/>).</param>
    /// <exception cref="ArgumentException">The pixel count does not match the size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1 or a row exceeds 2³¹ − 2 bytes.</exception>
    public static void Write(Stream destination, ReadOnlySpan<ushort> pixels, int width, int height, PngWriteOptions? options = null) =>
        Encode(destination, MemoryMarshal.AsBytes(pixels), width, height, PngPixelFormat.Gray16, options);

    /// <summary>Writes an 8-bit picture to the file <paramref name="path"/> (created or replaced); see
    /// <see cref="Write(Stream, ReadOnlySpan{byte}, int, int, PngPixelFormat, PngWriteOptions?)"/>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(string path, ReadOnlySpan<byte> pixels, int width, int height, PngPixelFormat format,
        PngWriteOptions? options = null)
    {
        using FileStream file = File.Create(path);
        Write(file, pixels, width, height, format, options);
    }

    /// <summary>Writes a 16-bit greyscale picture to the file <paramref name="path"/> (created or replaced); see
    /// <see cref="Write(Stream, ReadOnlySpan{ushort}, int, int, PngWriteOptions?)"/>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(string path, ReadOnlySpan<ushort> pixels, int width, int height, PngWriteOptions? options = null)
    {
        using FileStream file = File.Create(path);
        Write(file, pixels, width, height, options);
    }

    /// <summary>Bytes per pixel of a format (the filters' "left" distance).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined <see cref="PngPixelFormat"/>.</exception>
    public static int BytesPerPixel(PngPixelFormat format) => format switch
    {
        PngPixelFormat.Gray8 => 1,
        PngPixelFormat.Gray16 => 2,
        PngPixelFormat.Rgb24 => 3,
        PngPixelFormat.Rgba32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown PNG pixel format"),
    };

    private static void Encode(Stream destination, ReadOnlySpan<byte> pixels, int width, int height, PngPixelFormat format,
        PngWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        options ??= PngWriteOptions.Default;
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int bpp = BytesPerPixel(format);
        long rowLong = (long)width * bpp;
        if (rowLong > int.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"a row of {rowLong} bytes exceeds the encoder's limit of 2^31 - 2");
        }

        int rowBytes = (int)rowLong;
        if (pixels.Length != rowLong * height)
        {
            throw new ArgumentException($"{width} x {height} {format} pixels need {rowLong * height} bytes, got {pixels.Length}", nameof(pixels));
        }

        destination.Write(Signature);
        var chunks = new PngChunkStream(destination, options.MaxIdatLength);
        chunks.WriteChunk("IHDR"u8, Header(width, height, format));
        using (var zlib = new ZLibStream(chunks, options.Compression, leaveOpen: true))
        {
            WriteScanlines(zlib, pixels, rowBytes, height, bpp, format == PngPixelFormat.Gray16, options.Filter);
        }

        chunks.FlushIdat();
        chunks.WriteChunk("IEND"u8, []);
    }

    // IHDR (§11.2.2): width, height, bit depth, colour type, compression 0, filter method 0, no interlace.
    private static byte[] Header(int width, int height, PngPixelFormat format)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = format == PngPixelFormat.Gray16 ? (byte)16 : (byte)8;
        ihdr[9] = format switch
        {
            PngPixelFormat.Rgb24 => 2,
            PngPixelFormat.Rgba32 => 6,
            _ => 0,
        };
        return ihdr;
    }

    // Each scanline is its filter-type byte and the filtered row; "above" is the unfiltered previous row.
    private static void WriteScanlines(Stream zlib, ReadOnlySpan<byte> pixels, int rowBytes, int height, int bpp,
        bool bigEndian16, PngFilterStrategy strategy)
    {
        var above = new byte[rowBytes];
        var row = new byte[rowBytes];
        var line = new byte[rowBytes + 1];
        for (int y = 0; y < height; y++)
        {
            // y · rowBytes ≤ pixels.Length − rowBytes, so the offset fits an int.
            pixels.Slice(y * rowBytes, rowBytes).CopyTo(row);
            if (bigEndian16 && BitConverter.IsLittleEndian)
            {
                Span<ushort> samples = MemoryMarshal.Cast<byte, ushort>(row.AsSpan());
                BinaryPrimitives.ReverseEndianness(samples, samples);
            }

            line[0] = PngFilters.Filter(strategy, row, above, bpp, line.AsSpan(1));
            zlib.Write(line);
            (above, row) = (row, above);
        }
    }
}
