namespace MedImaging.Clinical.Qc;

/// <summary>
/// The label colour table of QC pictures: labels 1–6 are ITK-SNAP's defaults (red, green, blue, yellow, cyan,
/// magenta), 7–12 are orange, violet, azure, rose, chartreuse and spring green; higher labels repeat the table
/// (label 13 is red again). Label 0 is background and has no colour.
/// </summary>
public static class QcLabelColors
{
    private static readonly byte[] Table =
    [
        255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0, 0, 255, 255, 255, 0, 255,
        255, 128, 0, 128, 0, 255, 0, 128, 255, 255, 0, 128, 128, 255, 0, 0, 255, 128,
    ];

    /// <summary>Number of distinct colours before the table repeats.</summary>
    public static int Count => Table.Length / 3;

    /// <summary>The 8-bit RGB colour of a non-zero label (negative labels use their absolute value).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is 0 (background).</exception>
    public static (byte R, byte G, byte B) Get(int label)
    {
        if (label == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, "label 0 is background and has no colour");
        }

        int i = (int)((Math.Abs((long)label) - 1) % Count) * 3;
        return (Table[i], Table[i + 1], Table[i + 2]);
    }

    /// <summary>
    /// Draws <paramref name="labels"/> (row-major, one per pixel) over the RGB picture: fill blends each labelled
    /// pixel as ⌊(1 − α) · grey + α · colour + 0.5⌋ per channel; contour paints labelled pixels with a 4-neighbour
    /// of another label (inside the picture) in the opaque colour.
    /// </summary>
    internal static void Draw(Span<byte> rgb, ReadOnlySpan<int> labels, int width, int height, QcOverlayMode mode, double alpha)
    {
        bool fill = mode != QcOverlayMode.Contour, contour = mode != QcOverlayMode.Fill;
        for (int row = 0; row < height; row++)
        {
            for (int column = 0; column < width; column++)
            {
                int i = row * width + column;
                int label = labels[i];
                if (label == 0)
                {
                    continue;
                }

                (byte r, byte g, byte b) = Get(label);
                Span<byte> pixel = rgb.Slice(3 * i, 3);
                if (contour && IsBoundary(labels, width, height, column, row, label))
                {
                    (pixel[0], pixel[1], pixel[2]) = (r, g, b);
                }
                else if (fill)
                {
                    pixel[0] = Blend(pixel[0], r, alpha);
                    pixel[1] = Blend(pixel[1], g, alpha);
                    pixel[2] = Blend(pixel[2], b, alpha);
                }
            }
        }
    }

    private static byte Blend(byte grey, byte colour, double alpha) => (byte)Math.Floor((1 - alpha) * grey + alpha * colour + 0.5);

    private static bool IsBoundary(ReadOnlySpan<int> labels, int width, int height, int column, int row, int label) =>
        (column > 0 && labels[row * width + column - 1] != label) ||
        (column + 1 < width && labels[row * width + column + 1] != label) ||
        (row > 0 && labels[(row - 1) * width + column] != label) ||
        (row + 1 < height && labels[(row + 1) * width + column] != label);
}
