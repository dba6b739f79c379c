namespace MedImaging.Filters;

/// <summary>Shape of a morphology kernel (SimpleITK's <c>KernelEnum</c>; annulus and cross are not offered).</summary>
public enum KernelType
{
    /// <summary>
    /// ITK's <c>BinaryBallStructuringElement</c> / <c>FlatStructuringElement::Ball</c>: offsets (i, j, k) with
    /// (i/(rx+½))² + (j/(ry+½))² + (k/(rz+½))² ≤ 1 (an ellipsoid of diameter 2r + 1 voxels per axis; 179 voxels for
    /// radius 3).
    /// </summary>
    Ball,

    /// <summary>Every offset with |i| ≤ rx, |j| ≤ ry, |k| ≤ rz.</summary>
    Box,
}

/// <summary>A kernel radius in voxels per index axis (SimpleITK's <c>kernelRadius</c>), whatever the spacing.</summary>
/// <param name="X">Radius along index axis 0, voxels (0 to 254).</param>
/// <param name="Y">Radius along index axis 1, voxels.</param>
/// <param name="Z">Radius along index axis 2, voxels.</param>
public readonly record struct KernelRadius(int X, int Y, int Z)
{
    /// <summary>The same radius on every axis.</summary>
    public static KernelRadius Uniform(int radius) => new(radius, radius, radius);

    /// <summary>The same radius on every axis.</summary>
    public static implicit operator KernelRadius(int radius) => Uniform(radius);

    /// <summary>The same radius on every axis (named alternative of the implicit conversion).</summary>
    public static KernelRadius FromInt32(int radius) => Uniform(radius);

    internal void Validate()
    {
        if (X is < 0 or > 254 || Y is < 0 or > 254 || Z is < 0 or > 254)
        {
            // Named after the morphology filters' parameter that carries the radius.
            throw new ArgumentOutOfRangeException("kernelRadius", this, "each radius must be 0 to 254 voxels");
        }
    }
}

/// <summary>
/// A flat, symmetric kernel stored as x-runs: for each (dy, dz) the offsets dx ∈ [−HalfWidth, HalfWidth] belong to
/// it. Both kernel types are symmetric, so dilation and its reflection coincide.
/// </summary>
internal sealed class StructuringElement
{
    private StructuringElement(KernelRadius radius, List<(int Dy, int Dz, int HalfWidth)> rows)
    {
        Radius = radius;
        Rows = rows;
    }

    public KernelRadius Radius { get; }

    public IReadOnlyList<(int Dy, int Dz, int HalfWidth)> Rows { get; }

    public int VoxelCount => Rows.Sum(r => (2 * r.HalfWidth) + 1);

    public static StructuringElement Create(KernelRadius radius, KernelType type)
    {
        radius.Validate();
        var rows = new List<(int, int, int)>();
        for (int dz = -radius.Z; dz <= radius.Z; dz++)
        {
            for (int dy = -radius.Y; dy <= radius.Y; dy++)
            {
                int width = type == KernelType.Box ? radius.X : BallHalfWidth(radius, dy, dz);
                if (width >= 0)
                {
                    rows.Add((dy, dz, width));
                }
            }
        }

        return new StructuringElement(radius, rows);
    }

    /// <summary>Largest |dx| inside the ball on row (dy, dz), or −1 when the row misses the ball.</summary>
    private static int BallHalfWidth(KernelRadius radius, int dy, int dz)
    {
        int best = -1;
        for (int dx = 0; dx <= radius.X; dx++)
        {
            // ITK evaluates Σ ((offset) / (½ · (2r + 1)))² ≤ 1 axis by axis in this order.
            double sum = Square(dx / (0.5 * ((2 * radius.X) + 1)));
            sum += Square(dy / (0.5 * ((2 * radius.Y) + 1)));
            sum += Square(dz / (0.5 * ((2 * radius.Z) + 1)));
            if (sum <= 1)
            {
                best = dx;
            }
        }

        return best;
    }

    private static double Square(double v) => v * v;
}
