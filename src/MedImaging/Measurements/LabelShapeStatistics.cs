namespace MedImaging.Measurements;

/// <summary>
/// An oriented bounding box: the box along the principal axes that holds every voxel of the label whole (ITK's
/// <c>OrientedBoundingBox</c>, voxel corners included).
/// </summary>
/// <param name="Origin">The box corner with the smallest coordinates along every principal axis, LPS mm.</param>
/// <param name="Size">Edge lengths along the principal axes (ascending principal moment order), mm.</param>
/// <param name="Direction">Columns are the principal axes (LPS unit vectors).</param>
public sealed record OrientedBoundingBox(Vec3 Origin, Vec3 Size, Mat3 Direction);

/// <summary>
/// Shape statistics of one label with SimpleITK's <c>LabelShapeStatisticsImageFilter</c> definitions (ITK 5.2's
/// <c>ShapeLabelMapFilter</c>). Positions are voxel centres in LPS mm. An empty label has NumberOfPixels 0 and
/// every other field 0 (never NaN).
/// </summary>
/// <param name="Label">The label value.</param>
/// <param name="NumberOfPixels">Voxels with this label.</param>
/// <param name="PhysicalSize">NumberOfPixels × voxel volume, mm³.</param>
/// <param name="BoundingBoxIndex">First index of the index-space bounding box.</param>
/// <param name="BoundingBoxSize">Size of the index-space bounding box, voxels.</param>
/// <param name="PhysicalBoundingBoxMin">Smallest LPS coordinates of the centres of the bounding box.s corner voxels, mm.</param>
/// <param name="PhysicalBoundingBoxMax">Largest LPS coordinates of the centres of the bounding box.s corner voxels, mm.</param>
/// <param name="Centroid">Mean LPS position of the voxel centres, mm.</param>
/// <param name="EquivalentSphericalRadius">Radius of the sphere of the same physical size, mm.</param>
/// <param name="EquivalentSphericalPerimeter">Surface area of that sphere, mm².</param>
/// <param name="PrincipalMoments">Eigenvalues of the covariance of the voxel-centre positions, ascending, mm².</param>
/// <param name="PrincipalAxes">Rows are the unit eigenvectors (LPS), in the order of the moments; each axis's largest component is made positive, then the last row is flipped if needed to make a proper rotation (ITK fixes only the rotation; the signs of its axes are arbitrary).</param>
/// <param name="Elongation">√(moment₂ / moment₁) (largest over middle); 0 when the middle moment is 0.</param>
/// <param name="Flatness">√(moment₁ / moment₀) (middle over smallest); 0 when the smallest moment is 0.</param>
/// <param name="EquivalentEllipsoidDiameter">Diameters of the ellipsoid with the same principal moment ratios and volume, mm.</param>
/// <param name="FeretDiameter">Largest distance between two voxel centres of the label, mm; null unless requested.</param>
/// <param name="OrientedBoundingBox">Null unless requested.</param>
public sealed record LabelShapeStatistics(int Label, long NumberOfPixels, double PhysicalSize, (int X, int Y, int Z) BoundingBoxIndex,
    Size3 BoundingBoxSize, Vec3 PhysicalBoundingBoxMin, Vec3 PhysicalBoundingBoxMax, Vec3 Centroid, double EquivalentSphericalRadius,
    double EquivalentSphericalPerimeter, Vec3 PrincipalMoments, Mat3 PrincipalAxes, double Elongation, double Flatness,
    Vec3 EquivalentEllipsoidDiameter, double? FeretDiameter, OrientedBoundingBox? OrientedBoundingBox)
{
    /// <summary>
    /// Surface area estimated from intercept counts in the 13 directions of the 26-neighbourhood, as ITK's
    /// <c>ShapeLabelMapFilter</c> (Crofton formula, ITK's direction weights for every spacing), mm²; null unless
    /// requested. Biased low by about 7 % on faces aligned with the grid (a box) and close to 4πr² on a sphere.
    /// </summary>
    public double? Perimeter { get; init; }

    /// <summary>Area of the label's voxel faces that lie on the image border, mm² (ITK's <c>PerimeterOnBorder</c>); null unless the perimeter is requested.</summary>
    public double? PerimeterOnBorder { get; init; }

    /// <summary>EquivalentSphericalPerimeter / Perimeter (1 for a sphere, smaller for other shapes); null unless the perimeter is requested.</summary>
    public double? Roundness => Perimeter is double p && p > 0 ? EquivalentSphericalPerimeter / p : null;

    /// <summary>PerimeterOnBorder / Perimeter; null unless the perimeter is requested.</summary>
    public double? PerimeterOnBorderRatio => Perimeter is double p && p > 0 ? PerimeterOnBorder / p : null;

    /// <summary>Physical size in millilitres (PhysicalSize / 1000).</summary>
    public double PhysicalSizeMl => PhysicalSize / 1000.0;

    /// <summary>Diameter of the sphere of the same physical size (2 × EquivalentSphericalRadius), mm.</summary>
    public double EquivalentSphericalDiameter => 2 * EquivalentSphericalRadius;

    /// <summary>The statistics of a label with no voxel.</summary>
    public static LabelShapeStatistics Empty(int label) =>
        new(label, 0, 0, (0, 0, 0), new Size3(0, 0, 0), Vec3.Zero, Vec3.Zero, Vec3.Zero, 0, 0, Vec3.Zero, Mat3.Identity, 0, 0, Vec3.Zero, null, null);
}

/// <summary>The output of <see cref="ImageMeasurements.LabelShapeStatistics{TLabel}"/>.</summary>
/// <param name="Labels">Every non-zero label present (0 is the background, as in ITK's label maps), ascending.</param>
public sealed record LabelShapeStatisticsResult(IReadOnlyDictionary<int, LabelShapeStatistics> Labels)
{
    /// <summary>The statistics of <paramref name="label"/>; <see cref="LabelShapeStatistics.Empty"/> when absent.</summary>
    public LabelShapeStatistics Get(int label) => Labels.TryGetValue(label, out var s) ? s : LabelShapeStatistics.Empty(label);
}
