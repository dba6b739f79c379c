namespace MedImaging.Clinical.Qc;

/// <summary>
/// Quality-control pictures of a volume and, optionally, its labels: axial, coronal and sagittal planes through a
/// point, displayed as radiologists view them (<see cref="QcPlane"/>) whatever the volume's direction matrix. Each
/// plane is sampled in LPS world space on square pixels (<see cref="QcFrame"/>) with linear interpolation for the
/// image and nearest neighbour for the labels, so an oblique, flipped or permuted volume shows the same anatomy at
/// the same pixels as its reoriented copy (<c>Orientation.Orient</c>). Grey values come from a window
/// (<see cref="QcWindow"/>); labels are drawn in <see cref="QcLabelColors"/>.
/// </summary>
public static partial class QcPictures
{
    private const int MontageGap = 2;

    /// <summary>Renders one plane.</summary>
    /// <param name="image">The image (any voxel type; geometry in LPS mm).</param>
    /// <param name="plane">The plane.</param>
    /// <param name="options">Point, window, pixel size, overlay and annotation (default <see cref="QcOptions.Default"/>).</param>
    /// <param name="labels">Optional label volume, on any grid overlapping the image; 0 is background.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid, or the point is outside the image.</exception>
    /// <exception cref="ArgumentException"><see cref="QcOptions.FocusLabel"/> is not in the labels, or the image has no finite value.</exception>
    public static QcImage Render(Volume image, QcPlane plane, QcOptions? options = null, Volume? labels = null,
        ExecutionOptions? execution = null)
    {
        (QcOptions resolved, QcWindow window) = Resolve(image, labels, options);
        QcFrame frame = CreateFrame(image, plane, resolved);
        return Compose([new QcTile(frame, 0, 0)], frame.Width, frame.Height, image, labels, resolved, window, execution);
    }

    /// <summary>
    /// Renders the axial, coronal and sagittal planes (in that order) through one point with one window, so the
    /// three pictures agree.
    /// </summary>
    /// <inheritdoc cref="Render" path="/param[@name='image']|/param[@name='options']|/param[@name='labels']|/param[@name='execution']|/exception"/>
    public static IReadOnlyList<QcImage> RenderPlanes(Volume image, QcOptions? options = null, Volume? labels = null,
        ExecutionOptions? execution = null)
    {
        (QcOptions resolved, QcWindow window) = Resolve(image, labels, options);
        resolved = resolved with { Window = window };
        return [.. Enum.GetValues<QcPlane>().Select(plane => Render(image, plane, resolved, labels, execution))];
    }

    /// <summary>
    /// A montage of <paramref name="count"/> axial planes, equally spaced over the image's superior–inferior extent (or the
    /// part of it showing anatomy, <see cref="QcOptions.MontageOverAnatomy"/>)
    /// (the centres of <paramref name="count"/> equal bins, each moved onto its nearest slice for axial images),
    /// inferior first, in rows of <paramref name="columns"/>
    /// tiles separated by 2 black pixels. The orientation letters and window are drawn on the first tile, each tile's
    /// position on it. <see cref="QcOptions.Point"/> fixes the in-plane anchor only.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="count">Number of axial planes, at least 1.</param>
    /// <param name="columns">Tiles per montage row, at least 1.</param>
    /// <param name="options">As for <see cref="Render"/>.</param>
    /// <param name="labels">As for <see cref="Render"/>.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count or columns are below 1, or as for <see cref="Render"/>.</exception>
    public static QcImage RenderAxialMontage(Volume image, int count = 9, int columns = 3, QcOptions? options = null,
        Volume? labels = null, ExecutionOptions? execution = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        (QcOptions resolved, QcWindow window) = Resolve(image, labels, options);
        QcFrame first = CreateFrame(image, QcPlane.Axial, resolved);
        (double low, double high) = resolved.MontageOverAnatomy
            ? AnatomyExtent(image, resolved, window, SuperiorExtent(image.Geometry), execution)
            : SuperiorExtent(image.Geometry);
        int rows = (count + columns - 1) / columns, across = Math.Min(count, columns);
        var tiles = new QcTile[count];
        for (int k = 0; k < count; k++)
        {
            // The in-plane lattice does not depend on the point, so every tile has the first one's size.
            double z = low + (k + 0.5) * (high - low) / count;
            QcFrame frame = CreateFrame(image, QcPlane.Axial, resolved with { Point = resolved.Point!.Value with { Z = z } });
            tiles[k] = new QcTile(frame, k % columns * (first.Width + MontageGap), k / columns * (first.Height + MontageGap));
        }

        return Compose(tiles, across * first.Width + (across - 1) * MontageGap, rows * first.Height + (rows - 1) * MontageGap,
            image, labels, resolved, window, execution);
    }

    /// <summary>Axial positions sampled to find where the anatomy is.</summary>
    private const int ExtentProbes = 48;

    /// <summary>Fraction of a plane's pixels that must be brighter than black for the plane to show anatomy.</summary>
    private const double AnatomyFraction = 0.02;

    /// <summary>
    /// The part of the superior range <paramref name="range"/> whose axial planes show anatomy: at least
    /// <see cref="AnatomyFraction"/> of the plane's pixels above the window's lower end (air and the scanner's padding are
    /// black). The whole range when no probed plane does (a dark image stays as it is).
    /// </summary>
    private static (double Low, double High) AnatomyExtent(Volume image, QcOptions resolved, QcWindow window, (double Low, double High) range, ExecutionOptions? execution)
    {
        double step = (range.High - range.Low) / ExtentProbes;
        QcOptions coarse = resolved with { PixelSpacing = Math.Max(image.Geometry.Spacing.X, image.Geometry.Spacing.Y) * 2 };
        double? first = null, last = null;
        for (int k = 0; k < ExtentProbes; k++)
        {
            double z = range.Low + (k + 0.5) * step;
            double[] values = PlaneSampler.Intensities(image, CreateFrame(image, QcPlane.Axial, coarse with { Point = resolved.Point!.Value with { Z = z } }), execution);
            if (values.Count(v => v > window.Lower) >= AnatomyFraction * values.Length)
            {
                first ??= z - step / 2;
                last = z + step / 2;
            }
        }

        return first is double a && last is double b ? (a, b) : range;
    }

    private static QcFrame CreateFrame(Volume image, QcPlane plane, QcOptions resolved)
    {
        Vec3 s = image.Geometry.Spacing;
        double ps = resolved.PixelSpacing ?? Math.Min(s.X, Math.Min(s.Y, s.Z));
        if (resolved.PixelSpacing is null)
        {
            Size3 n = image.Geometry.Size;
            double extent = Math.Max(n.X * s.X, Math.Max(n.Y * s.Y, n.Z * s.Z));
            ps = Math.Min(ps, extent / resolved.MinPictureSize);
        }

        return QcFrame.Create(plane, image.Geometry, resolved.Point!.Value, ps, resolved.MaxPictureSize);
    }

    private static QcImage Compose(QcTile[] tiles, int width, int height, Volume image, Volume? labels, QcOptions options,
        QcWindow window, ExecutionOptions? execution)
    {
        var rgb = new byte[3L * width * height <= Array.MaxLength ? 3 * width * height : throw new ArgumentOutOfRangeException(nameof(width), "the picture is too large")];
        for (int t = 0; t < tiles.Length; t++)
        {
            QcTile tile = tiles[t];
            QcFrame f = tile.Frame;
            double[] values = PlaneSampler.Intensities(image, f, execution);
            var tileRgb = new byte[3 * f.Width * f.Height];
            for (int i = 0; i < values.Length; i++)
            {
                tileRgb.AsSpan(3 * i, 3).Fill(window.Map(values[i]));
            }

            if (labels is not null)
            {
                QcLabelColors.Draw(tileRgb, PlaneSampler.Labels(labels, f, execution), f.Width, f.Height, options.Overlay, options.OverlayAlpha);
            }

            for (int row = 0; row < f.Height; row++)
            {
                tileRgb.AsSpan(3 * row * f.Width, 3 * f.Width).CopyTo(rgb.AsSpan(3 * ((tile.Top + row) * width + tile.Left)));
            }

            if (options.Annotate)
            {
                QcAnnotations.Draw(rgb, width, height, tile, window, letters: t == 0, legend: t == 0);
            }
        }

        return new QcImage(width, height, rgb, window, tiles);
    }
}
