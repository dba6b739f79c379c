namespace MedImaging.Clinical.Qc;

/// <summary>How QC pictures are rendered (<see cref="QcPictures"/>).</summary>
public sealed record QcOptions
{
    /// <summary>Default options: centre or label centroid, percentile 1–99 window, fill and contour overlay, annotated.</summary>
    public static QcOptions Default { get; } = new();

    /// <summary>
    /// The LPS point (mm) the planes pass through. Null (default): the centroid of <see cref="FocusLabel"/> when
    /// it is set, else the centroid of all non-zero labels when a label volume is given and has any, else the
    /// centre of the image's voxel grid.
    /// </summary>
    public Vec3? Point { get; init; }

    /// <summary>The label whose centroid the planes pass through when <see cref="Point"/> is null (default none).</summary>
    public int? FocusLabel { get; init; }

    /// <summary>The display window; null (default) takes the 1st–99th percentile window of the image
    /// (<see cref="QcWindow.FromPercentiles"/>, the MR habit). For CT pass e.g. <see cref="QcWindow.CtSoftTissue"/>.</summary>
    public QcWindow? Window { get; init; }

    /// <summary>Side of the square display pixels in mm; null (default) is the image's smallest spacing.</summary>
    public double? PixelSpacing { get; init; }

    /// <summary>
    /// Smallest size, in pixels, of the image's largest extent when <see cref="PixelSpacing"/> is null (default 1: the
    /// smallest spacing decides). <c>medimg qc</c> passes 512, so that a small image (a 64×64 MR) is shown with display
    /// pixels finer than its voxels and its annotations do not cover it.
    /// </summary>
    public int MinPictureSize { get; init; } = 1;

    /// <summary>
    /// Spread the tiles of <see cref="QcPictures.RenderAxialMontage"/> over the planes that show anatomy (default false:
    /// over the image's whole superior extent); <c>medimg qc</c> turns it on.
    /// </summary>
    public bool MontageOverAnatomy { get; init; }

    /// <summary>Largest picture width or height in pixels, 8…8192 (default 1024); the pixel spacing grows to respect it.</summary>
    public int MaxPictureSize { get; init; } = 1024;

    /// <summary>How labels are drawn (default <see cref="QcOverlayMode.FillAndContour"/>).</summary>
    public QcOverlayMode Overlay { get; init; } = QcOverlayMode.FillAndContour;

    /// <summary>Opacity of the label fill in [0, 1] (default 0.3).</summary>
    public double OverlayAlpha { get; init; } = 0.3;

    /// <summary>Draw orientation letters, the window and the plane position with the built-in font (default true).</summary>
    public bool Annotate { get; init; } = true;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Validate()
    {
        Window?.Validate();
        if (PixelSpacing is { } ps && !(ps > 0 && double.IsFinite(ps)))
        {
            throw new ArgumentOutOfRangeException(nameof(PixelSpacing), ps, "the display pixel spacing must be a positive number of mm");
        }

        if (MaxPictureSize is < 8 or > 8192)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPictureSize), MaxPictureSize, "the largest picture side must be within 8..8192 pixels");
        }

        if (MinPictureSize < 1 || MinPictureSize > MaxPictureSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MinPictureSize), MinPictureSize, "the smallest picture size must be within 1..MaxPictureSize pixels");
        }

        if (!(OverlayAlpha >= 0 && OverlayAlpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(OverlayAlpha), OverlayAlpha, "the overlay opacity is in [0, 1]");
        }

        if (!Enum.IsDefined(Overlay))
        {
            throw new ArgumentOutOfRangeException(nameof(Overlay), Overlay, "unknown overlay mode");
        }

        if (Point is { } p && !(double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Z)))
        {
            throw new ArgumentOutOfRangeException(nameof(Point), p, "the focus point must be finite");
        }
    }
}
