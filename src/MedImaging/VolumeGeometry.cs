using System.Globalization;

namespace MedImaging;

/// <summary>
/// Where a volume's voxels are in the world: size (voxels), spacing (mm), origin (LPS mm, the centre of voxel
/// (0, 0, 0)) and direction (3×3, column j = the unit LPS direction of index axis j). The meaning is ITK's
/// <c>ImageBase</c>: <c>point = Origin + Direction · diag(Spacing) · index</c>. Immutable; index↔point matrices are
/// computed once.
/// </summary>
public sealed class VolumeGeometry : IEquatable<VolumeGeometry>
{
    /// <summary>ITK's default coordinate tolerance for <see cref="IsSameSpace"/>, a fraction of the first spacing.</summary>
    public const double DefaultCoordinateTolerance = 1e-6;

    /// <summary>ITK's default direction tolerance for <see cref="IsSameSpace"/>, absolute per matrix element.</summary>
    public const double DefaultDirectionTolerance = 1e-6;

    /// <summary>Tolerance on |DᵀD − I| when checking that a direction is orthonormal.</summary>
    public const double OrthonormalityTolerance = 1e-4;

    private readonly Mat3 _indexToPoint;
    private readonly Mat3 _pointToIndex;

    /// <summary>Creates a geometry after checking every field.</summary>
    /// <param name="size">Voxels per axis, each ≥ 1.</param>
    /// <param name="spacing">Voxel spacing in mm per index axis, each finite and &gt; 0.</param>
    /// <param name="origin">LPS position of the centre of voxel (0, 0, 0), mm.</param>
    /// <param name="direction">Column j = LPS unit direction of index axis j; must be orthonormal within
    /// <see cref="OrthonormalityTolerance"/>.</param>
    /// <exception cref="ArgumentException">A size is not positive, a spacing not positive and finite, the origin not
    /// finite, the direction not orthonormal, or the spacings so small or large that Direction · diag(Spacing) is
    /// numerically singular.</exception>
    public VolumeGeometry(Size3 size, Vec3 spacing, Vec3 origin, Mat3 direction)
    {
        if (size.X < 1 || size.Y < 1 || size.Z < 1)
        {
            throw new ArgumentException($"size {size} must be at least 1 on every axis", nameof(size));
        }

        for (int i = 0; i < 3; i++)
        {
            if (!(spacing[i] > 0) || !double.IsFinite(spacing[i]))
            {
                throw new ArgumentException($"spacing {spacing} must be finite and > 0 on every axis", nameof(spacing));
            }

            if (!double.IsFinite(origin[i]))
            {
                throw new ArgumentException($"origin {origin} must be finite", nameof(origin));
            }
        }

        if (!direction.IsOrthonormal(OrthonormalityTolerance))
        {
            throw new ArgumentException($"direction {direction} is not orthonormal (tolerance {OrthonormalityTolerance})", nameof(direction));
        }

        Size = size;
        Spacing = spacing;
        Origin = origin;
        Direction = direction;
        _indexToPoint = direction * Mat3.Diagonal(spacing);
        try
        {
            _pointToIndex = _indexToPoint.Inverse();
        }
        catch (InvalidOperationException e)
        {
            // Only the spacing can make Direction · diag(Spacing) singular (its product under- or overflowing): keep
            // the documented ArgumentException, which the file readers re-throw as a format error.
            throw new ArgumentException(e.Message, nameof(spacing), e);
        }
    }

    /// <summary>A geometry with identity direction.</summary>
    /// <exception cref="ArgumentException">A size is not positive, a spacing not positive and finite (or numerically
    /// singular, see the main constructor), or the origin not finite.</exception>
    public VolumeGeometry(Size3 size, Vec3 spacing, Vec3 origin)
        : this(size, spacing, origin, Mat3.Identity)
    {
    }

    /// <summary>A geometry with unit spacing, zero origin and identity direction (ITK's defaults).</summary>
    /// <exception cref="ArgumentException">A size is below 1.</exception>
    public VolumeGeometry(Size3 size)
        : this(size, Vec3.One, Vec3.Zero, Mat3.Identity)
    {
    }

    /// <summary>Voxels per index axis.</summary>
    public Size3 Size { get; }

    /// <summary>Distance between voxel centres along each index axis, mm.</summary>
    public Vec3 Spacing { get; }

    /// <summary>LPS position of the centre of voxel (0, 0, 0), mm.</summary>
    public Vec3 Origin { get; }

    /// <summary>Direction cosines: column j is the LPS unit direction of index axis j.</summary>
    public Mat3 Direction { get; }

    /// <summary>Direction · diag(Spacing): maps an index offset to an LPS offset in mm.</summary>
    public Mat3 IndexToPhysicalMatrix => _indexToPoint;

    /// <summary>Inverse of <see cref="IndexToPhysicalMatrix"/>.</summary>
    public Mat3 PhysicalToIndexMatrix => _pointToIndex;

    /// <summary>Total number of voxels.</summary>
    public long VoxelCount => Size.VoxelCount;

    /// <summary>Volume of one voxel, mm³.</summary>
    public double VoxelVolume => Spacing.X * Spacing.Y * Spacing.Z;

    /// <summary>A copy with another size (spacing, origin, direction kept).</summary>
    /// <exception cref="ArgumentException">A size is below 1.</exception>
    public VolumeGeometry WithSize(Size3 size) => new(size, Spacing, Origin, Direction);

    /// <summary>A copy with another spacing.</summary>
    /// <exception cref="ArgumentException">A spacing is not positive and finite, or the spacings make the grid numerically
    /// singular.</exception>
    public VolumeGeometry WithSpacing(Vec3 spacing) => new(Size, spacing, Origin, Direction);

    /// <summary>A copy with another origin.</summary>
    /// <exception cref="ArgumentException">The origin is not finite.</exception>
    public VolumeGeometry WithOrigin(Vec3 origin) => new(Size, Spacing, origin, Direction);

    /// <summary>A copy with another direction.</summary>
    /// <exception cref="ArgumentException">The direction is not orthonormal.</exception>
    public VolumeGeometry WithDirection(Mat3 direction) => new(Size, Spacing, Origin, direction);

    /// <summary>LPS point (mm) of a (possibly fractional) index. SimpleITK: <c>TransformContinuousIndexToPhysicalPoint</c>.</summary>
    public Vec3 TransformContinuousIndexToPhysicalPoint(Vec3 continuousIndex) => Origin + _indexToPoint * continuousIndex;

    /// <summary>LPS point (mm) of the centre of voxel (i, j, k). SimpleITK: <c>TransformIndexToPhysicalPoint</c>.</summary>
    public Vec3 TransformIndexToPhysicalPoint(int i, int j, int k) => TransformContinuousIndexToPhysicalPoint(new Vec3(i, j, k));

    /// <summary>Continuous index of an LPS point (mm). SimpleITK: <c>TransformPhysicalPointToContinuousIndex</c>.</summary>
    public Vec3 TransformPhysicalPointToContinuousIndex(Vec3 point) => _pointToIndex * (point - Origin);

    /// <summary>
    /// Index of the voxel containing an LPS point: the continuous index rounded half up on each axis, as ITK does.
    /// The result may lie outside the volume; check with <see cref="IsInside(int, int, int)"/>.
    /// </summary>
    public (int I, int J, int K) TransformPhysicalPointToIndex(Vec3 point)
    {
        Vec3 c = TransformPhysicalPointToContinuousIndex(point);
        return (RoundHalfUp(c.X), RoundHalfUp(c.Y), RoundHalfUp(c.Z));
    }

    /// <summary>True when (i, j, k) is a voxel of this volume.</summary>
    public bool IsInside(int i, int j, int k) =>
        (uint)i < (uint)Size.X && (uint)j < (uint)Size.Y && (uint)k < (uint)Size.Z;

    /// <summary>
    /// ITK's interpolation inside test: the continuous index lies in [−0.5, size − 0.5) on every axis.
    /// </summary>
    public bool IsInsideContinuous(Vec3 continuousIndex) =>
        continuousIndex.X >= -0.5 && continuousIndex.X < Size.X - 0.5 &&
        continuousIndex.Y >= -0.5 && continuousIndex.Y < Size.Y - 0.5 &&
        continuousIndex.Z >= -0.5 && continuousIndex.Z < Size.Z - 0.5;

    /// <summary>The LPS centres of the 8 corner voxels, index order (0,0,0), (n−1,0,0), (0,n−1,0), … (x fastest).</summary>
    public Vec3[] CornerPoints()
    {
        var corners = new Vec3[8];
        for (int c = 0; c < 8; c++)
        {
            corners[c] = TransformIndexToPhysicalPoint(
                (c & 1) != 0 ? Size.X - 1 : 0, (c & 2) != 0 ? Size.Y - 1 : 0, (c & 4) != 0 ? Size.Z - 1 : 0);
        }

        return corners;
    }

    /// <summary>Axis-aligned LPS bounding box (mm) of the voxel centres.</summary>
    public (Vec3 Min, Vec3 Max) BoundingBox()
    {
        Vec3[] corners = CornerPoints();
        Vec3 min = corners[0], max = corners[0];
        foreach (Vec3 p in corners)
        {
            min = new Vec3(Math.Min(min.X, p.X), Math.Min(min.Y, p.Y), Math.Min(min.Z, p.Z));
            max = new Vec3(Math.Max(max.X, p.X), Math.Max(max.Y, p.Y), Math.Max(max.Z, p.Z));
        }

        return (min, max);
    }

    /// <summary>LPS point (mm) at the geometric centre of the voxel grid, index (size − 1)/2.</summary>
    public Vec3 Center => TransformContinuousIndexToPhysicalPoint(new Vec3((Size.X - 1) / 2.0, (Size.Y - 1) / 2.0, (Size.Z - 1) / 2.0));

    /// <summary>
    /// True when both grids occupy the same space, with ITK's rule: sizes equal, origin and spacing within
    /// <paramref name="coordinateTolerance"/> × Spacing[0] (mm), direction elements within
    /// <paramref name="directionTolerance"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool IsSameSpace(VolumeGeometry other, double coordinateTolerance = DefaultCoordinateTolerance,
        double directionTolerance = DefaultDirectionTolerance)
    {
        ArgumentNullException.ThrowIfNull(other);
        double coordinate = coordinateTolerance * Spacing.X;
        return Size == other.Size
            && Vec3.MaxAbsDifference(Origin, other.Origin) <= coordinate
            && Vec3.MaxAbsDifference(Spacing, other.Spacing) <= coordinate
            && Mat3.MaxAbsDifference(Direction, other.Direction) <= directionTolerance;
    }

    /// <summary>Throws <see cref="GeometryMismatchException"/> unless <see cref="IsSameSpace"/> holds.</summary>
    /// <param name="other">The geometry that must match.</param>
    /// <param name="what">Names the two inputs in the message, e.g. "image and mask".</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="GeometryMismatchException">The grids differ beyond ITK's tolerances.</exception>
    public void EnsureSameSpace(VolumeGeometry other, string what)
    {
        if (!IsSameSpace(other))
        {
            throw new GeometryMismatchException(this, other, what);
        }
    }

    /// <inheritdoc />
    public bool Equals(VolumeGeometry? other) =>
        other is not null && Size == other.Size && Spacing == other.Spacing && Origin == other.Origin && Direction == other.Direction;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VolumeGeometry);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Size, Spacing, Origin, Direction);

    /// <summary>One line: size, spacing, origin, direction.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"size {Size}, spacing {Spacing} mm, origin {Origin} mm (LPS), direction {Direction}");

    private static int RoundHalfUp(double v) => (int)Math.Floor(v + 0.5);
}
