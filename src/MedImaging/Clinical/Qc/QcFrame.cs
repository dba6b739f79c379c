namespace MedImaging.Clinical.Qc;

/// <summary>
/// Where a QC picture lies in the patient: pixel (column, row) has its centre at the LPS point
/// <see cref="Origin"/> + column · <see cref="PixelSpacing"/> · <see cref="ColumnDirection"/> + row ·
/// <see cref="PixelSpacing"/> · <see cref="RowDirection"/>. Pixels are square. The in-plane pixel lattice starts at
/// the image's lowest voxel centre along each display axis (so an axis-aligned image whose spacing equals the pixel
/// spacing is shown voxel for voxel, without interpolation blur) and spans the image's extent; it depends only on the
/// set of voxel centres, so the same anatomy lands on the same pixel whatever the volume's axis order or flips.
/// </summary>
/// <param name="Plane">The anatomical plane.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="PixelSpacing">Side of a pixel in mm.</param>
/// <param name="Origin">LPS centre (mm) of pixel (0, 0), the top-left one.</param>
/// <param name="ColumnDirection">LPS unit vector of increasing column (left to right on screen).</param>
/// <param name="RowDirection">LPS unit vector of increasing row (top to bottom on screen).</param>
/// <param name="FocusPoint">The LPS point (mm) the plane passes through: the requested point, moved along the plane's
/// normal onto the nearest slice centre when an image axis is parallel to the normal.</param>
public sealed record QcFrame(QcPlane Plane, int Width, int Height, double PixelSpacing, Vec3 Origin, Vec3 ColumnDirection,
    Vec3 RowDirection, Vec3 FocusPoint)
{
    /// <summary>Continuous column of the focus point.</summary>
    public double FocusColumn => PhysicalPointToPixel(FocusPoint).Column;

    /// <summary>Continuous row of the focus point.</summary>
    public double FocusRow => PhysicalPointToPixel(FocusPoint).Row;

    /// <summary>LPS point (mm) of a (continuous) pixel position; integers are pixel centres.</summary>
    public Vec3 PixelToPhysicalPoint(double column, double row) =>
        Origin + ColumnDirection * (column * PixelSpacing) + RowDirection * (row * PixelSpacing);

    /// <summary>Continuous pixel position of an LPS point (mm), projected onto the plane.</summary>
    public (double Column, double Row) PhysicalPointToPixel(Vec3 point)
    {
        Vec3 d = point - Origin;
        return (Vec3.Dot(d, ColumnDirection) / PixelSpacing, Vec3.Dot(d, RowDirection) / PixelSpacing);
    }

    /// <summary>The LPS unit vectors of increasing column and row for a plane, in radiological display.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="plane"/> is not a defined <see cref="QcPlane"/>.</exception>
    public static (Vec3 Column, Vec3 Row) Axes(QcPlane plane) => plane switch
    {
        QcPlane.Axial => (new Vec3(1, 0, 0), new Vec3(0, 1, 0)),
        QcPlane.Coronal => (new Vec3(1, 0, 0), new Vec3(0, 0, -1)),
        QcPlane.Sagittal => (new Vec3(0, 1, 0), new Vec3(0, 0, -1)),
        _ => throw new ArgumentOutOfRangeException(nameof(plane), plane, "unknown plane"),
    };

    /// <summary>
    /// The frame of <paramref name="plane"/> through <paramref name="focus"/> covering the extent of
    /// <paramref name="geometry"/> (its voxel edges, continuous index −0.5 … n − 0.5), with pixels of
    /// <paramref name="pixelSpacing"/> mm grown when needed to keep both sides within <paramref name="maxSize"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The focus point lies outside the image's extent.</exception>
    internal static QcFrame Create(QcPlane plane, VolumeGeometry geometry, Vec3 focus, double pixelSpacing, int maxSize)
    {
        (Vec3 column, Vec3 row) = Axes(plane);
        Vec3 normal = Vec3.Cross(column, row);
        (double c0, double c1) = Extent(geometry, column);
        (double r0, double r1) = Extent(geometry, row);
        (double n0, double n1) = Extent(geometry, normal);
        double fc = Vec3.Dot(focus, column), fr = Vec3.Dot(focus, row), fn = Vec3.Dot(focus, normal);
        if (fc < c0 || fc > c1 || fr < r0 || fr > r1 || fn < n0 || fn > n1)
        {
            throw new ArgumentOutOfRangeException(nameof(focus), focus, $"the focus point lies outside the image's extent (bounding box of {geometry})");
        }

        double ps = Math.Max(pixelSpacing, Math.Max(c1 - c0, r1 - r0) / maxSize);
        (double firstColumn, int width) = Lattice(geometry, column, ps, c0, c1);
        (double firstRow, int height) = Lattice(geometry, row, ps, r0, r1);
        double n = SnapToSlice(geometry, normal, fn);
        Vec3 origin = column * firstColumn + row * firstRow + normal * n;
        return new QcFrame(plane, width, height, ps, origin, column, row, focus + normal * (n - fn));
    }

    // Pixel centres along an axis: the lowest voxel-centre projection m plus multiples of ps, as many as fit in the
    // voxel-edge extent [e0, e1] (1e-9 keeps a centre that falls on an edge up to rounding).
    private static (double First, int Count) Lattice(VolumeGeometry geometry, Vec3 axis, double ps, double e0, double e1)
    {
        double m = Extent(geometry, axis, edges: false).Min;
        int before = (int)Math.Floor((m - e0) / ps + 1e-9), after = (int)Math.Floor((e1 - m) / ps + 1e-9);
        return (m - before * ps, before + after + 1);
    }

    // The plane position along the normal: the nearest slice centre when an index axis is parallel to the normal
    // (a radiologist sees acquired slices, not blends of two), else the requested position.
    private static double SnapToSlice(VolumeGeometry geometry, Vec3 normal, double position)
    {
        for (int j = 0; j < 3; j++)
        {
            if (Math.Abs(Vec3.Dot(geometry.Direction.Column(j), normal)) >= 1 - 1e-6)
            {
                double m = Extent(geometry, normal, edges: false).Min, s = geometry.Spacing[j];
                int k = Math.Clamp((int)Math.Floor((position - m) / s + 0.5), 0, geometry.Size[j] - 1);
                return m + k * s;
            }
        }

        return position;
    }

    /// <summary>Smallest and largest projection (mm) onto a unit vector of the 8 corners of the grid: voxel edges
    /// (continuous index −0.5 and n − 0.5) or, with <paramref name="edges"/> false, corner voxel centres.</summary>
    internal static (double Min, double Max) Extent(VolumeGeometry geometry, Vec3 axis, bool edges = true)
    {
        double half = edges ? 0.5 : 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int c = 0; c < 8; c++)
        {
            var index = new Vec3((c & 1) != 0 ? geometry.Size.X - 1 + half : -half, (c & 2) != 0 ? geometry.Size.Y - 1 + half : -half,
                (c & 4) != 0 ? geometry.Size.Z - 1 + half : -half);
            double d = Vec3.Dot(geometry.TransformContinuousIndexToPhysicalPoint(index), axis);
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        return (min, max);
    }
}
