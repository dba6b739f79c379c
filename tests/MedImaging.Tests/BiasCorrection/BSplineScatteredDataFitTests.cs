using MedImaging.BiasCorrection;

namespace MedImaging.Tests.BiasCorrection;

public sealed class BSplineScatteredDataFitTests
{
    [Test]
    public void Fit_SmallGrid_MatchesDirectLeeWolbergShinFormula()
    {
        // φ_c = Σ_p w_p B_pc² (v_p B_pc / Σ_c' B_pc'²) / Σ_p w_p B_pc², written out point by point with the
        // textbook basis (Lee, Wolberg & Shin 1997, eq. 5; ITK's confidence-weighted form).
        var grid = new Size3(7, 6, 5);
        var latticeSize = new Size3(5, 4, 4);
        (GridPointSet points, double[] values) = Sample(grid, (u, v, w) => Math.Cos(3 * u) + v * w, null);
        var weights = points.X.Select((x, n) => 0.5 + ((n * 7) % 5)).ToArray();
        var weighted = new GridPointSet(grid, points.X, points.Y, points.Z, weights);
        double[] phi = BSplineScatteredDataFit.Fit(weighted, values, latticeSize, 3, null).Values.ToArray();
        var numerator = new double[latticeSize.VoxelCount];
        var denominator = new double[latticeSize.VoxelCount];
        for (int p = 0; p < points.Count; p++)
        {
            double[] bx = Basis(points.X[p], grid.X, latticeSize.X);
            double[] by = Basis(points.Y[p], grid.Y, latticeSize.Y);
            double[] bz = Basis(points.Z[p], grid.Z, latticeSize.Z);
            double squares = 0;
            for (int c = 0; c < numerator.Length; c++)
            {
                double b = bx[c % latticeSize.X] * by[c / latticeSize.X % latticeSize.Y] * bz[c / (latticeSize.X * latticeSize.Y)];
                squares += b * b;
            }

            for (int c = 0; c < numerator.Length; c++)
            {
                double b = bx[c % latticeSize.X] * by[c / latticeSize.X % latticeSize.Y] * bz[c / (latticeSize.X * latticeSize.Y)];
                numerator[c] += weights[p] * b * b * (values[p] * b / squares);
                denominator[c] += weights[p] * b * b;
            }
        }

        for (int c = 0; c < phi.Length; c++)
        {
            double expected = denominator[c] > 0 ? numerator[c] / denominator[c] : 0;
            // Same sums in another order: rounding only.
            Assert.That(phi[c], Is.EqualTo(expected).Within(1e-12), $"control point {c}");
        }
    }

    [Test]
    public void Fit_IteratedOnResiduals_ConvergesToSmoothField()
    {
        // One LWS level smooths strongly; refitting the residual (what N4 does every iteration) converges to the
        // field. After 30 rounds a smooth field of range ≈ 0.6 is followed to an RMS ≤ 0.005 (< 1 % of its range; the
        // slowest-converging error sits in the grid corners, where fewer points constrain the lattice).
        var grid = new Size3(24, 24, 24);
        (GridPointSet points, double[] values) = Sample(grid, (u, v, w) => 0.3 * u - 0.2 * v * v + 0.1 * u * w, null);
        var geometry = new VolumeGeometry(grid);
        var fitted = new double[values.Length];
        var residual = new double[values.Length];
        BSplineControlPointLattice? total = null;
        for (int round = 0; round < 30; round++)
        {
            for (int n = 0; n < values.Length; n++)
            {
                residual[n] = values[n] - fitted[n];
            }

            BSplineControlPointLattice phi = BSplineScatteredDataFit.Fit(points, residual, new Size3(7, 7, 7), 3, null);
            total = total is null ? phi : total.Add(phi);
            float[] field = total.Evaluate(geometry).Voxels.ToArray();
            for (int n = 0; n < values.Length; n++)
            {
                fitted[n] = field[n];
            }
        }

        double rms = Math.Sqrt(values.Select((v, n) => (v - fitted[n]) * (v - fitted[n])).Average());
        Assert.That(rms, Is.LessThan(0.005));
    }

    private static double[] Basis(int index, int n, int controlPoints)
    {
        var b = new double[controlPoints];
        double u = (double)(controlPoints - 3) * index / (n - 1);
        if (index == n - 1)
        {
            u = (controlPoints - 3) - (controlPoints - 3) / (n - 1.0) * 1e-3;
        }

        for (int c = 0; c < controlPoints; c++)
        {
            b[c] = BSplineKernel.CentredBSpline(3, u - c + 1);
        }

        return b;
    }

    [Test]
    public void Fit_ScaledWeights_SameLattice()
    {
        // φ = Σ w B² δ / Σ w B² is invariant to scaling every confidence weight (ratio of weighted sums).
        var grid = new Size3(12, 10, 9);
        (GridPointSet ones, double[] values) = Sample(grid, (u, v, w) => u * v - w, null);
        (GridPointSet threes, _) = Sample(grid, (u, v, w) => u * v - w, 3.0);
        double[] a = BSplineScatteredDataFit.Fit(ones, values, new Size3(5, 4, 4), 3, null).Values.ToArray();
        double[] b = BSplineScatteredDataFit.Fit(threes, values, new Size3(5, 4, 4), 3, null).Values.ToArray();
        // Exact algebraically; rounding of the scaled sums only.
        Assert.That(b, Is.EqualTo(a).Within(1e-12));
    }

    [Test]
    public void Fit_ZeroWeightPoints_DoNotInfluence()
    {
        var grid = new Size3(10, 10, 10);
        (GridPointSet all, double[] values) = Sample(grid, (u, v, w) => u + v + w, null);
        var weights = new double[all.Count];
        var keep = new List<int>();
        for (int n = 0; n < all.Count; n++)
        {
            weights[n] = all.X[n] < 5 ? 1 : 0;
            if (all.X[n] < 5)
            {
                keep.Add(n);
            }
        }

        var weighted = new GridPointSet(grid, all.X, all.Y, all.Z, weights);
        var subset = new GridPointSet(grid, keep.Select(n => all.X[n]).ToArray(), keep.Select(n => all.Y[n]).ToArray(),
            keep.Select(n => all.Z[n]).ToArray(), null);
        double[] a = BSplineScatteredDataFit.Fit(weighted, values, new Size3(4, 4, 4), 3, null).Values.ToArray();
        double[] b = BSplineScatteredDataFit.Fit(subset, keep.Select(n => values[n]).ToArray(), new Size3(4, 4, 4), 3, null).Values.ToArray();
        // A zero weight removes a point from both sums; the remaining terms are added in the same order.
        Assert.That(a, Is.EqualTo(b).Within(1e-12));
    }

    [Test]
    public void Fit_OneAndTwoThreads_BitIdentical()
    {
        // 40³ = 64 000 points: four reduction blocks of 16 384, combined in block order whatever the thread count.
        var grid = new Size3(40, 40, 40);
        (GridPointSet points, double[] values) = Sample(grid, (u, v, w) => Math.Sin(3 * u) * v + w, null);
        double[] one = BSplineScatteredDataFit.Fit(points, values, new Size3(7, 7, 7), 3, new ExecutionOptions { MaxDegreeOfParallelism = 1 }).Values.ToArray();
        double[] two = BSplineScatteredDataFit.Fit(points, values, new Size3(7, 7, 7), 3, new ExecutionOptions { MaxDegreeOfParallelism = 2 }).Values.ToArray();
        Assert.That(two, Is.EqualTo(one));
    }

    internal static (GridPointSet Points, double[] Values) Sample(Size3 grid, Func<double, double, double, double> f, double? weight)
    {
        int count = (int)grid.VoxelCount;
        var x = new int[count];
        var y = new int[count];
        var z = new int[count];
        var values = new double[count];
        int n = 0;
        for (int k = 0; k < grid.Z; k++)
        {
            for (int j = 0; j < grid.Y; j++)
            {
                for (int i = 0; i < grid.X; i++, n++)
                {
                    (x[n], y[n], z[n]) = (i, j, k);
                    values[n] = f(i / (grid.X - 1.0), j / (grid.Y - 1.0), k / (grid.Z - 1.0));
                }
            }
        }

        double[]? weights = weight is null ? null : Enumerable.Repeat(weight.Value, count).ToArray();
        return (new GridPointSet(grid, x, y, z, weights), values);
    }
}
