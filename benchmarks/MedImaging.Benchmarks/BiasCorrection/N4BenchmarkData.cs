using MedImaging.BiasCorrection;

namespace MedImaging.Benchmarks.BiasCorrection;

/// <summary>
/// Inputs shaped like N4 on the MR phantom shrunk by 4 (48×60×44 grid, an ellipsoidal mask of ~30 000 voxels,
/// a final 11³ lattice) and its full-resolution output grid (192×240×176).
/// </summary>
internal static class N4BenchmarkData
{
    public static readonly Size3 ShrunkGrid = new(48, 60, 44);

    public static readonly Size3 FullGrid = new(192, 240, 176);

    /// <summary>Voxels of the shrunk grid inside an ellipsoid, with a smooth residual-like value each.</summary>
    public static (GridPointSet Points, double[] Values) MaskedPoints()
    {
        var x = new List<int>();
        var y = new List<int>();
        var z = new List<int>();
        var values = new List<double>();
        for (int k = 0; k < ShrunkGrid.Z; k++)
        {
            for (int j = 0; j < ShrunkGrid.Y; j++)
            {
                for (int i = 0; i < ShrunkGrid.X; i++)
                {
                    double u = (2.0 * i / (ShrunkGrid.X - 1)) - 1;
                    double v = (2.0 * j / (ShrunkGrid.Y - 1)) - 1;
                    double w = (2.0 * k / (ShrunkGrid.Z - 1)) - 1;
                    if ((u * u) + (v * v) + (w * w) <= 0.8)
                    {
                        x.Add(i);
                        y.Add(j);
                        z.Add(k);
                        values.Add((0.25 * u) + (0.15 * v * v) - (0.2 * w) + (0.05 * Math.Sin(17 * u * v)));
                    }
                }
            }
        }

        return (new GridPointSet(ShrunkGrid, [.. x], [.. y], [.. z], null), [.. values]);
    }

    /// <summary>A deterministic 11³ cubic lattice (N4's last level with 4 initial control points and 4 levels).</summary>
    public static BSplineControlPointLattice Lattice()
    {
        var random = new Random(42);
        var values = new double[11 * 11 * 11];
        for (int n = 0; n < values.Length; n++)
        {
            values[n] = 0.2 * (random.NextDouble() - 0.5);
        }

        return new BSplineControlPointLattice(new Size3(11, 11, 11), 3, values);
    }
}
