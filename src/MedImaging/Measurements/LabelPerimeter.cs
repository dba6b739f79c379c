using System.Numerics;

namespace MedImaging.Measurements;

/// <summary>
/// Surface area of each label by ITK's intercept-count (Crofton) estimator, as <c>ShapeLabelMapFilter</c> computes
/// <c>Perimeter</c> in 3-D. For every voxel of a label and each of its 26 neighbours, a neighbour that is not of the
/// label (or lies outside the image) is one intercept; the intercepts are pooled into seven direction classes
/// (x, y, z, xy, xz, yz, xyz, signs ignored). Each class gives a projected area (count × voxel volume / step length
/// of that direction); the area is 4 × the weighted sum, with each direction weighted by the share of the unit
/// sphere closest to it (Legland et al. 2007, the values ITK uses for every spacing).
/// </summary>
internal static class LabelPerimeter
{
    /// <summary>Intercept counts per class (0..6) then voxels on the image's low/high face per axis (7..9).</summary>
    private const int Slots = 10;

    // Share of the unit sphere nearest to one of the 26 directions: axis, face diagonal, body diagonal.
    private const double AxisShare = 0.04577789120476;
    private const double FaceDiagonalShare = 0.03698062787608;
    private const double BodyDiagonalShare = 0.03519563978232;

    /// <summary>
    /// Perimeter and perimeter on the image border (mm²) of every label present; only the box
    /// <paramref name="min"/>..<paramref name="max"/> (inclusive index bounds holding every non-zero voxel) is scanned.
    /// </summary>
    public static Dictionary<int, (double Perimeter, double OnBorder)> Compute<TLabel>(Volume<TLabel> labels,
        (int X, int Y, int Z) min, (int X, int Y, int Z) max, ExecutionOptions? execution)
        where TLabel : unmanaged, INumber<TLabel>
    {
        var counts = Parallelism.Reduce(max.Z - min.Z + 1, 1, execution,
            (first, last) => CountSlices(labels, min, max, (int)first + min.Z, (int)last + min.Z), Merge, new Dictionary<int, long[]>());
        Vec3 s = labels.Geometry.Spacing;
        double volume = s.X * s.Y * s.Z;
        double[] step =
        [
            s.X, s.Y, s.Z, Math.Sqrt((s.X * s.X) + (s.Y * s.Y)), Math.Sqrt((s.X * s.X) + (s.Z * s.Z)),
            Math.Sqrt((s.Y * s.Y) + (s.Z * s.Z)), Math.Sqrt((s.X * s.X) + (s.Y * s.Y) + (s.Z * s.Z)),
        ];
        double[] share = [AxisShare, AxisShare, AxisShare, FaceDiagonalShare, FaceDiagonalShare, FaceDiagonalShare, BodyDiagonalShare];
        var result = new Dictionary<int, (double, double)>();
        foreach (var (label, c) in counts)
        {
            double sum = 0;
            for (int k = 0; k < 7; k++)
            {
                sum += share[k] * (volume / step[k]) * c[k];
            }

            double onBorder = (c[7] * volume / s.X) + (c[8] * volume / s.Y) + (c[9] * volume / s.Z);
            result[label] = (4.0 * sum, onBorder);
        }

        return result;
    }

    private static Dictionary<int, long[]> Merge(Dictionary<int, long[]> into, Dictionary<int, long[]> part)
    {
        foreach (var (label, c) in part)
        {
            if (into.TryGetValue(label, out var existing))
            {
                for (int k = 0; k < Slots; k++)
                {
                    existing[k] += c[k];
                }
            }
            else
            {
                into[label] = c;
            }
        }

        return into;
    }

    private static Dictionary<int, long[]> CountSlices<TLabel>(Volume<TLabel> labels, (int X, int Y, int Z) min,
        (int X, int Y, int Z) max, int zFirst, int zLast)
        where TLabel : unmanaged, INumber<TLabel>
    {
        Size3 n = labels.Geometry.Size;
        ReadOnlySpan<TLabel> v = labels.Voxels;
        var counts = new Dictionary<int, long[]>();
        int current = 0;
        long[] c = [];
        for (int z = zFirst; z < zLast; z++)
        {
            for (int y = min.Y; y <= max.Y; y++)
            {
                long row = ((long)z * n.Y + y) * n.X;
                for (int x = min.X; x <= max.X; x++)
                {
                    int a = int.CreateTruncating(v[(int)(row + x)]);
                    if (a == 0)
                    {
                        continue;
                    }

                    if (a != current)
                    {
                        current = a;
                        if (!counts.TryGetValue(a, out c!))
                        {
                            c = new long[Slots];
                            counts[a] = c;
                        }
                    }

                    CountVoxel(v, n, x, y, z, a, c);
                }
            }
        }

        return counts;
    }

    private static void CountVoxel<TLabel>(ReadOnlySpan<TLabel> v, Size3 n, int x, int y, int z, int a, long[] c)
        where TLabel : unmanaged, INumber<TLabel>
    {
        for (int dz = -1; dz <= 1; dz++)
        {
            int zz = z + dz;
            for (int dy = -1; dy <= 1; dy++)
            {
                int yy = y + dy;
                bool rowInside = (uint)zz < (uint)n.Z && (uint)yy < (uint)n.Y;
                long row = ((long)zz * n.Y + yy) * n.X;
                for (int dx = -1; dx <= 1; dx++)
                {
                    if ((dx | dy | dz) == 0)
                    {
                        continue;
                    }

                    int xx = x + dx;
                    bool same = rowInside && (uint)xx < (uint)n.X && int.CreateTruncating(v[(int)(row + xx)]) == a;
                    if (!same)
                    {
                        c[ClassOf(dx, dy, dz)]++;
                    }
                }
            }
        }

        c[7] += (x == 0 ? 1 : 0) + (x == n.X - 1 ? 1 : 0);
        c[8] += (y == 0 ? 1 : 0) + (y == n.Y - 1 ? 1 : 0);
        c[9] += (z == 0 ? 1 : 0) + (z == n.Z - 1 ? 1 : 0);
    }

    /// <summary>0..2 axes x, y, z; 3..5 face diagonals xy, xz, yz; 6 body diagonal.</summary>
    private static int ClassOf(int dx, int dy, int dz) => (dx != 0, dy != 0, dz != 0) switch
    {
        (true, false, false) => 0,
        (false, true, false) => 1,
        (false, false, true) => 2,
        (true, true, false) => 3,
        (true, false, true) => 4,
        (false, true, true) => 5,
        _ => 6,
    };
}
