using MedImaging.BiasCorrection;

namespace MedImaging.Tests.BiasCorrection;

public sealed class BSplineFieldReconstructionTests
{
    [Test]
    public void Evaluate_RandomLattice_MatchesDirectTensorProductSum()
    {
        var size = new Size3(6, 5, 7);
        BSplineControlPointLattice lattice = RandomLattice(size, 3, 11);
        var grid = new Size3(17, 12, 9);
        float[] field = lattice.Evaluate(new VolumeGeometry(grid)).Voxels.ToArray();
        for (int z = 0; z < grid.Z; z++)
        {
            for (int y = 0; y < grid.Y; y++)
            {
                for (int x = 0; x < grid.X; x++)
                {
                    // Direct definition: Σ_ijk φ_ijk β3(u−i+1) β3(v−j+1) β3(w−k+1), u = spans·x/(n−1) (ITK's
                    // index-proportional domain, last point pulled in by 1e-3 of a span). float32 output: 1e-6.
                    double expected = DirectSum(lattice, grid, x, y, z);
                    Assert.That(field[(z * grid.Y + y) * grid.X + x], Is.EqualTo(expected).Within(1e-6));
                }
            }
        }
    }

    [Test]
    public void Evaluate_OneAndTwoThreads_BitIdentical()
    {
        BSplineControlPointLattice lattice = RandomLattice(new Size3(11, 11, 11), 3, 5);
        var geometry = new VolumeGeometry(new Size3(40, 30, 37));
        float[] one = lattice.Evaluate(geometry, new ExecutionOptions { MaxDegreeOfParallelism = 1 }).Voxels.ToArray();
        float[] two = lattice.Evaluate(geometry, new ExecutionOptions { MaxDegreeOfParallelism = 2 }).Voxels.ToArray();
        Assert.That(two, Is.EqualTo(one));
    }

    [Test]
    public void Evaluate_SingleSliceGrid_Throws()
    {
        BSplineControlPointLattice lattice = RandomLattice(new Size3(4, 4, 4), 3, 1);
        Assert.That(() => lattice.Evaluate(new VolumeGeometry(new Size3(10, 10, 1))), Throws.TypeOf<MedImagingException>());
    }

    [Test]
    [Category("Simd")]
    public void EvaluateRow_EveryLength_MatchesScalarTwin()
    {
        // Rows of 2..256 voxels (a B-spline row needs ≥ 2 grid points, so lengths 0 and 1 do not exist).
        var random = new Random(2);
        for (int length = 2; length <= 256; length++)
        {
            int controlPoints = 4 + (length % 8);
            var basis = new RowBasis<float>(new BSplineAxisTable(length, controlPoints, 3));
            float[] coefficients = Enumerable.Range(0, controlPoints).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var simd = new float[length];
            var scalar = new float[length];
            basis.EvaluateRow(coefficients, simd);
            basis.EvaluateRowScalar(coefficients, scalar);
            // Same four products per voxel summed in the same order; a fused multiply-add may round once less: 1e-6.
            Assert.That(simd, Is.EqualTo(scalar).Within(1e-6), $"length {length}");
        }
    }

    internal static BSplineControlPointLattice RandomLattice(Size3 size, int order, int seed)
    {
        var random = new Random(seed);
        double[] values = Enumerable.Range(0, (int)size.VoxelCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        return new BSplineControlPointLattice(size, order, values);
    }

    internal static double DirectSum(BSplineControlPointLattice lattice, Size3 grid, int x, int y, int z)
    {
        int order = lattice.SplineOrder;
        double u = Param(x, grid.X, lattice.Size.X - order);
        double v = Param(y, grid.Y, lattice.Size.Y - order);
        double w = Param(z, grid.Z, lattice.Size.Z - order);
        double shift = 0.5 * (order - 1);
        double sum = 0;
        for (int k = 0; k < lattice.Size.Z; k++)
        {
            for (int j = 0; j < lattice.Size.Y; j++)
            {
                for (int i = 0; i < lattice.Size.X; i++)
                {
                    sum += lattice[i, j, k]
                        * BSplineKernel.CentredBSpline(order, u - i + shift)
                        * BSplineKernel.CentredBSpline(order, v - j + shift)
                        * BSplineKernel.CentredBSpline(order, w - k + shift);
                }
            }
        }

        return sum;
    }

    private static double Param(int index, int n, int spans)
    {
        double u = (double)spans * index / (n - 1);
        return index == n - 1 ? spans - spans / (n - 1.0) * 1e-3 : u;
    }
}
