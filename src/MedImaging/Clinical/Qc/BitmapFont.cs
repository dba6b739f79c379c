namespace MedImaging.Clinical.Qc;

/// <summary>
/// A built-in 5×7 pixel font for QC annotations: digits, '.', '-', space and the orientation and legend letters
/// A, I, L, P, R, S, W. Each glyph is 7 rows of 5 bits, the highest bit the leftmost column. Text is drawn white
/// over a black shadow one (scaled) pixel down and right, clipped to the picture.
/// </summary>
internal static class BitmapFont
{
    /// <summary>Glyph width in font pixels (plus one column of spacing when advancing).</summary>
    public const int GlyphWidth = 5;

    /// <summary>Glyph height in font pixels.</summary>
    public const int GlyphHeight = 7;

    private const string Characters = "0123456789AILPRSW.- ";

    private static readonly byte[] Rows =
    [
        0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E, // 0
        0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E, // 1
        0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F, // 2
        0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E, // 3
        0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02, // 4
        0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E, // 5
        0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E, // 6
        0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08, // 7
        0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E, // 8
        0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C, // 9
        0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11, // A
        0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E, // I
        0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F, // L
        0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10, // P
        0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11, // R
        0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E, // S
        0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A, // W
        0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C, // .
        0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00, // -
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // space
    ];

    /// <summary>True when glyph <paramref name="c"/> has its pixel at (column, row) set.</summary>
    /// <exception cref="ArgumentException">The font has no glyph for <paramref name="c"/>.</exception>
    public static bool IsSet(char c, int column, int row)
    {
        int glyph = Characters.IndexOf(c, StringComparison.Ordinal);
        if (glyph < 0)
        {
            throw new ArgumentException($"the QC font has no glyph for '{c}'", nameof(c));
        }

        return (Rows[glyph * GlyphHeight + row] & (1 << (GlyphWidth - 1 - column))) != 0;
    }

    /// <summary>Width in picture pixels of <paramref name="text"/> at <paramref name="scale"/>.</summary>
    public static int MeasureWidth(string text, int scale) => text.Length == 0 ? 0 : ((GlyphWidth + 1) * text.Length - 1) * scale;

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static void Draw(Span<byte> rgb, int width, int height, string text, int left, int top, int scale)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            // Pass 0: the black shadow, shifted by one font pixel; pass 1: the white glyphs.
            int shift = pass == 0 ? scale : 0;
            byte value = pass == 0 ? (byte)0 : (byte)255;
            for (int k = 0; k < text.Length; k++)
            {
                int glyphLeft = left + k * (GlyphWidth + 1) * scale + shift;
                for (int row = 0; row < GlyphHeight; row++)
                {
                    for (int column = 0; column < GlyphWidth; column++)
                    {
                        if (IsSet(text[k], column, row))
                        {
                            FillBlock(rgb, width, height, glyphLeft + column * scale, top + shift + row * scale, scale, value);
                        }
                    }
                }
            }
        }
    }

    private static void FillBlock(Span<byte> rgb, int width, int height, int x0, int y0, int scale, byte value)
    {
        for (int y = Math.Max(0, y0); y < Math.Min(height, y0 + scale); y++)
        {
            for (int x = Math.Max(0, x0); x < Math.Min(width, x0 + scale); x++)
            {
                rgb.Slice(3 * (y * width + x), 3).Fill(value);
            }
        }
    }
}
