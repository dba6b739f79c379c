namespace MedImaging.Clinical.Qc;

/// <summary>
/// Where a QC picture lies in the patient: pixel (column, row) has its centre at the LPS point
/// <see cref="Origin"/> + column · <see cref="PixelSpacing"/> · <see cref="ColumnDirection"/> + row ·
/// <see cref="PixelSpacing"/> · <see cref="RowDirection"/>. Pixels are square. The pixel grid is anchored at the
/// focus point (pixel (<see cref="FocusColumn"/>, <see cref="FocusRow"/>) is centred on it) and spans the image's
/// extent, so the same anatomy lands on the same pixel whatever the volume's axis order.
/// </summary>
/// <param name="Plane">The anatomical plane.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="PixelSpacing">Side of a pixel in mm.</param>
/// <param name="Origin">LPS centre (mm) of pixel (0, 0), the top-left one.</param>
/// <param name="ColumnDirection">LPS unit vector of increasing column (left to right on screen).</param>
/// <param name="RowDirection">LPS unit vector of increasing row (top to bottom on screen).</param>
/// <param name="FocusPoint">The LPS point (mm) the plane passes through.</param>
/// <param name="FocusColumn">Column of the pixel centred on the focus point.</param>
/// <param name="FocusRow">Row of the pixel centred on the focus point.</param>
public sealed record QcFrame(QcPlane Plane, int Width, int Height, double PixelSpacing, Vec3 Origin, Vec3 ColumnDirection,
    Vec3 RowDirection, Vec3 FocusPoint, int FocusColumn, int FocusRow)
{
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
        (double c0, double c1) = Extent(geometry, column);
        (double r0, double r1) = Extent(geometry, row);
        double fc = Vec3.Dot(focus, column), fr = Vec3.Dot(focus, row);
        Vec3 normal = Vec3.Cross(column, row);
        (double n0, double n1) = Extent(geometry, normal);
        double fn = Vec3.Dot(focus, normal);
        if (fc < c0 || fc > c1 || fr < r0 || fr > r1 || fn < n0 || fn > n1)
        {
            throw new ArgumentOutOfRangeException(nameof(focus), focus, $"the focus point lies outside the image's extent (bounding box of {geometry})");
        }

        double ps = Math.Max(pixelSpacing, Math.Max(c1 - c0, r1 - r0) / maxSize);

        // Pixels on each side of the focus pixel whose centres stay within the extent; 1e-9 keeps a centre that
        // falls on the edge up to rounding of the corner arithmetic.
        int left = (int)Math.Floor((fc - c0) / ps + 1e-9), right = (int)Math.Floor((c1 - fc) / ps + 1e-9);
        int up = (int)Math.Floor((fr - r0) / ps + 1e-9), down = (int)Math.Floor((r1 - fr) / ps + 1e-9);
        Vec3 origin = focus - column * (left * ps) - row * (up * ps);
        return new QcFrame(plane, left + right + 1, up + down + 1, ps, origin, column, row, focus, left, up);
    }

    /// <summary>The frame of the same plane through another point (the montage's slices).</summary>
    internal QcFrame MovedTo(Vec3 focus)
    {
        Vec3 normal = Vec3.Cross(ColumnDirection, RowDirection);
        Vec3 shift = normal * Vec3.Dot(focus - FocusPoint, normal);
        return this with { Origin = Origin + shift, FocusPoint = FocusPoint + shift };
    }

    /// <summary>Smallest and largest projection (mm) onto a unit vector of the 8 voxel-edge corners of the grid.</summary>
    internal static (double Min, double Max) Extent(VolumeGeometry geometry, Vec3 axis)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int c = 0; c < 8; c++)
        {
            var index = new Vec3((c & 1) != 0 ? geometry.Size.X - 0.5 : -0.5, (c & 2) != 0 ? geometry.Size.Y - 0.5 : -0.5,
                (c & 4) != 0 ? geometry.Size.Z - 0.5 : -0.5);
            double d = Vec3.Dot(geometry.TransformContinuousIndexToPhysicalPoint(index), axis);
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        return (min, max);
    }
}
