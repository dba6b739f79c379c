using MedImaging.Measurements;

namespace MedImaging.Tests.Measurements;

/// <summary>The 3×3 Jacobi eigen solver behind the shape statistics: A·v = λ·v with orthonormal v, analytic spectra.</summary>
[TestFixture]
public sealed class SymmetricEigen3Tests
{
    [Test]
    public void RandomSymmetricMatrices_DecomposeToOrthonormalEigenpairs()
    {
        var random = new Random(7);
        for (int n = 0; n < 200; n++)
        {
            double[] e = [.. Enumerable.Range(0, 6).Select(_ => random.NextDouble() * 200 - 100)];
            var a = new Mat3(e[0], e[1], e[2], e[1], e[3], e[4], e[2], e[4], e[5]);

            (double[] values, double[,] v) = SymmetricEigen3.Decompose(a);

            for (int k = 0; k < 3; k++)
            {
                var vk = new Vec3(v[0, k], v[1, k], v[2, k]);
                // Residual relative to the matrix norm (≤ 300 here): a few units of double rounding per product.
                Assert.That((a * vk - vk * values[k]).Length, Is.LessThan(1e-12 * 300), $"matrix {n}, pair {k}");
                for (int j = 0; j < 3; j++)
                {
                    var vj = new Vec3(v[0, j], v[1, j], v[2, j]);
                    Assert.That(Vec3.Dot(vk, vj), Is.EqualTo(j == k ? 1.0 : 0.0).Within(1e-14), $"matrix {n}, columns {k}, {j}");
                }
            }

            // The trace is the sum of the eigenvalues.
            Assert.That(values.Sum(), Is.EqualTo(e[0] + e[3] + e[5]).Within(1e-11));
        }
    }

    [Test]
    public void RotatedDiagonal_GivesItsDiagonalBack_RepeatedValueToo()
    {
        // R·diag(1, 4, 4)·Rᵀ for a rotation R: eigenvalues 1, 4, 4; the eigenvector of 1 is R's first column (up to sign).
        double c = Math.Cos(0.3), s = Math.Sin(0.3);
        var r = new Mat3(c, -s, 0, s, c, 0, 0, 0, 1) * new Mat3(1, 0, 0, 0, Math.Cos(1.1), -Math.Sin(1.1), 0, Math.Sin(1.1), Math.Cos(1.1));
        Mat3 a = r * new Mat3(1, 0, 0, 0, 4, 0, 0, 0, 4) * r.Transpose();

        (double[] values, double[,] v) = SymmetricEigen3.Decompose(a);

        Assert.That(values.OrderBy(x => x), Is.EqualTo(new[] { 1.0, 4.0, 4.0 }).Within(1e-14));
        int smallest = Array.IndexOf(values, values.Min());
        var axis = new Vec3(v[0, smallest], v[1, smallest], v[2, smallest]);
        Assert.That(Math.Abs(Vec3.Dot(axis, new Vec3(r[0, 0], r[1, 0], r[2, 0]))), Is.EqualTo(1).Within(1e-14));
    }

    [Test]
    public void ZeroMatrix_ZeroValuesIdentityVectors()
    {
        (double[] values, double[,] v) = SymmetricEigen3.Decompose(new Mat3(0, 0, 0, 0, 0, 0, 0, 0, 0));
        Assert.That(values, Is.EqualTo(new[] { 0.0, 0.0, 0.0 }));
        Assert.That(v, Is.EqualTo(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }));
    }
}
