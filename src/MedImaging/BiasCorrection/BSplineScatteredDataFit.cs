namespace MedImaging.BiasCorrection;

/// <summary>
/// Scattered points that lie on the voxel centres of a grid (the included voxels of an image), with optional
/// confidence weights. The grid's parametric domain is ITK's: index i along an axis of n voxels sits at
/// u = spans·i/(n − 1), so the first and last voxel centres bound the fitted domain.
/// </summary>
/// <param name="GridSize">Size of the grid the points lie on.</param>
/// <param name="X">Grid index x of each point.</param>
/// <param name="Y">Grid index y of each point.</param>
/// <param name="Z">Grid index z of each point.</param>
/// <param name="Weights">Confidence weight of each point, or null for all 1.</param>
internal sealed record GridPointSet(Size3 GridSize, int[] X, int[] Y, int[] Z, double[]? Weights)
{
    /// <summary>Number of points.</summary>
    public int Count => X.Length;
}

/// <summary>
/// One level of the B-spline scattered-data approximation of Lee, Wolberg and Shin (IEEE TVCG 3(3), 1997),
/// weighted as in Tustison and Gee (Insight Journal 2005) and ITK's <c>BSplineScatteredDataPointSetToImageFilter</c>:
/// every point c with value v_c and confidence w_c spreads over the (order + 1)³ control points around it the
/// values δ = v_c·B/ΣB² (B the tensor-product basis weight), and each control point takes the
/// w_c·B²-weighted mean of what it receives: φ = Σ w_c B² δ / Σ w_c B².
/// </summary>
internal static class BSplineScatteredDataFit
{
    /// <summary>Points per reduction block (fixed, so sums are combined in the same order for any thread count).</summary>
    internal const int PointsPerBlock = 16384;

    /// <summary>Fits a lattice of <paramref name="latticeSize"/> control points to the point values.</summary>
    /// <param name="points">Where the values are, on a grid.</param>
    /// <param name="values">One value per point.</param>
    /// <param name="latticeSize">Control points per axis; each more than <paramref name="order"/>.</param>
    /// <param name="order">Spline order.</param>
    /// <param name="execution">Threads and cancellation.</param>
    public static BSplineControlPointLattice Fit(GridPointSet points, double[] values, Size3 latticeSize, int order, ExecutionOptions? execution)
    {
        int count = points.Count;
        if (values.Length != count || points.Y.Length != count || points.Z.Length != count || (points.Weights is not null && points.Weights.Length != count))
        {
            throw new ArgumentException($"{count} points need as many y, z, weight and value entries", nameof(values));
        }

        Size3 grid = points.GridSize;
        var tx = new BSplineAxisTable(grid.X, latticeSize.X, order);
        var ty = new BSplineAxisTable(grid.Y, latticeSize.Y, order);
        var tz = new BSplineAxisTable(grid.Z, latticeSize.Z, order);
        int latticeLength = checked((int)latticeSize.VoxelCount);
        (double[] omega, double[] delta) = Parallelism.Reduce(
            points.Count,
            PointsPerBlock,
            execution,
            (start, end) => Accumulate(points, values, tx, ty, tz, latticeSize, (int)start, (int)end),
            static (sum, part) =>
            {
                for (int n = 0; n < sum.Omega.Length; n++)
                {
                    sum.Omega[n] += part.Omega[n];
                    sum.Delta[n] += part.Delta[n];
                }

                return sum;
            },
            (Omega: new double[latticeLength], Delta: new double[latticeLength]));

        var phi = new double[latticeLength];
        for (int n = 0; n < phi.Length; n++)
        {
            double value = omega[n] > 0 ? delta[n] / omega[n] : 0;
            phi[n] = double.IsFinite(value) ? value : 0;
        }

        return new BSplineControlPointLattice(latticeSize, order, phi);
    }

    private static (double[] Omega, double[] Delta) Accumulate(GridPointSet points, double[] values,
        BSplineAxisTable tx, BSplineAxisTable ty, BSplineAxisTable tz, Size3 latticeSize, int start, int end)
    {
        int width = tx.Order + 1;
        var omega = new double[latticeSize.VoxelCount];
        var delta = new double[latticeSize.VoxelCount];
        int planeLength = latticeSize.X * latticeSize.Y;
        double[]? weights = points.Weights;
        for (int n = start; n < end; n++)
        {
            int x = points.X[n];
            int y = points.Y[n];
            int z = points.Z[n];
            double wc = weights is null ? 1.0 : weights[n];
            double sumOfSquares = tx.SumOfSquares[x] * ty.SumOfSquares[y] * tz.SumOfSquares[z];
            double scaled = values[n] * wc / sumOfSquares;
            int wxOffset = x * width;
            int wyOffset = y * width;
            int wzOffset = z * width;
            for (int k = 0; k < width; k++)
            {
                double wz = tz.Weights[wzOffset + k];
                int planeBase = (tz.Start[z] + k) * planeLength;
                for (int j = 0; j < width; j++)
                {
                    double wzy = wz * ty.Weights[wyOffset + j];
                    int rowBase = planeBase + (ty.Start[y] + j) * latticeSize.X + tx.Start[x];
                    for (int i = 0; i < width; i++)
                    {
                        double t = wzy * tx.Weights[wxOffset + i];
                        double t2 = t * t;
                        omega[rowBase + i] += wc * t2;
                        delta[rowBase + i] += scaled * t2 * t;
                    }
                }
            }
        }

        return (omega, delta);
    }
}
