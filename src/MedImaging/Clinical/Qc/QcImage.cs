using MedImaging.IO;

namespace MedImaging.Clinical.Qc;

/// <summary>One plane of a QC picture placed in it: its frame and the top-left pixel of its tile.</summary>
/// <param name="Frame">Where the tile's pixels lie in the patient.</param>
/// <param name="Left">Picture column of the tile's pixel (0, 0).</param>
/// <param name="Top">Picture row of the tile's pixel (0, 0).</param>
public sealed record QcTile(QcFrame Frame, int Left, int Top);

/// <summary>
/// A rendered QC picture: 8-bit RGB, row-major, top row first; one tile for a single plane, several for a montage
/// (black between tiles).
/// </summary>
public sealed class QcImage
{
    private readonly byte[] _rgb;

    internal QcImage(int width, int height, byte[] rgb, QcWindow window, IReadOnlyList<QcTile> tiles)
    {
        Width = width;
        Height = height;
        _rgb = rgb;
        Window = window;
        Tiles = tiles;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>R, G, B bytes per pixel, row-major, top row first.</summary>
    public ReadOnlySpan<byte> Pixels => _rgb;

    /// <summary>The display window the grey values came from.</summary>
    public QcWindow Window { get; }

    /// <summary>The planes in the picture and where their tiles are.</summary>
    public IReadOnlyList<QcTile> Tiles { get; }

    /// <summary>The frame of the first (for single-plane pictures, the only) tile.</summary>
    public QcFrame Frame => Tiles[0].Frame;

    /// <summary>The colour at (column, row).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the picture.</exception>
    public (byte R, byte G, byte B) GetPixel(int column, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Height);
        int i = 3 * (row * Width + column);
        return (_rgb[i], _rgb[i + 1], _rgb[i + 2]);
    }

    /// <summary>Writes the picture as an 8-bit RGB PNG (<see cref="PngWriter"/>).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path, PngWriteOptions? options = null) =>
        PngWriter.WriteFile(path, _rgb, Width, Height, PngPixelFormat.Rgb24, options);

    /// <summary>The picture encoded as an 8-bit RGB PNG.</summary>
    public byte[] EncodePng(PngWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        PngWriter.Write(stream, _rgb, Width, Height, PngPixelFormat.Rgb24, options);
        return stream.ToArray();
    }
}
