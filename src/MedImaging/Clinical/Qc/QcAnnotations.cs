using System.Globalization;

namespace MedImaging.Clinical.Qc;

/// <summary>
/// Orientation letters at the middle of each edge (the patient direction the edge faces: R/L, A/P, S/I), and a
/// legend in the bottom-left corner: the window ("W400 L40") and the plane's position along its normal with the
/// direction it lies toward ("S12.5" = 12.5 mm superior of the LPS origin).
/// </summary>
internal static class QcAnnotations
{
    /// <summary>Margin between text and the picture edge, in picture pixels at scale 1.</summary>
    private const int Margin = 2;

    /// <summary>Font scale for a picture: 1 below 200 pixels on the short side, then one more per 200, at most 3.</summary>
    public static int Scale(int width, int height) => Math.Clamp(Math.Min(width, height) / 200, 1, 3);

    /// <summary>The anatomical letter an LPS direction points toward (its largest component).</summary>
    public static char Letter(Vec3 direction)
    {
        double ax = Math.Abs(direction.X), ay = Math.Abs(direction.Y), az = Math.Abs(direction.Z);
        if (ax >= ay && ax >= az)
        {
            return direction.X >= 0 ? 'L' : 'R';
        }

        if (ay >= az)
        {
            return direction.Y >= 0 ? 'P' : 'A';
        }

        return direction.Z >= 0 ? 'S' : 'I';
    }

    /// <summary>Position text of the plane: letter toward which it lies from the origin and the distance in mm.</summary>
    public static string Position(QcFrame frame)
    {
        Vec3 normal = Vec3.Cross(frame.ColumnDirection, frame.RowDirection);
        double d = Vec3.Dot(frame.FocusPoint, normal);
        char letter = Letter(d >= 0 ? normal : -normal);
        return string.Create(CultureInfo.InvariantCulture, $"{letter}{Math.Abs(d):0.0}");
    }

    /// <summary>Window text, rounded to whole units: "W400 L40".</summary>
    public static string Window(QcWindow window) =>
        string.Create(CultureInfo.InvariantCulture, $"W{Math.Round(window.Width):0} L{Math.Round(window.Level):0}");

    /// <summary>Draws the annotations of one tile into a picture of <paramref name="pictureWidth"/> columns: letters
    /// when <paramref name="letters"/>, the position always, the window when <paramref name="legend"/>.</summary>
    public static void Draw(Span<byte> rgb, int pictureWidth, int pictureHeight, QcTile tile, QcWindow window, bool letters, bool legend)
    {
        QcFrame f = tile.Frame;
        int scale = Scale(f.Width, f.Height), margin = Margin * scale;
        int glyphW = BitmapFont.GlyphWidth * scale, glyphH = BitmapFont.GlyphHeight * scale;
        int midX = tile.Left + (f.Width - glyphW) / 2, midY = tile.Top + (f.Height - glyphH) / 2;
        if (letters)
        {
            Text(rgb, pictureWidth, pictureHeight, Letter(-f.ColumnDirection), tile.Left + margin, midY, scale);
            Text(rgb, pictureWidth, pictureHeight, Letter(f.ColumnDirection), tile.Left + f.Width - margin - glyphW - scale, midY, scale);
            Text(rgb, pictureWidth, pictureHeight, Letter(-f.RowDirection), midX, tile.Top + margin, scale);
            Text(rgb, pictureWidth, pictureHeight, Letter(f.RowDirection), midX, tile.Top + f.Height - margin - glyphH - scale, scale);
        }

        int bottom = tile.Top + f.Height - margin - glyphH - scale;
        BitmapFont.Draw(rgb, pictureWidth, pictureHeight, Position(f), tile.Left + margin, bottom, scale);
        if (legend)
        {
            BitmapFont.Draw(rgb, pictureWidth, pictureHeight, Window(window), tile.Left + margin, bottom - glyphH - 2 * scale, scale);
        }
    }

    private static void Text(Span<byte> rgb, int width, int height, char letter, int left, int top, int scale) =>
        BitmapFont.Draw(rgb, width, height, letter.ToString(), left, top, scale);
}
