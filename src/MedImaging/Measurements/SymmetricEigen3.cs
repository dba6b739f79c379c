namespace MedImaging.Measurements;

/// <summary>
/// Eigen decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations: each rotation zeroes one off-diagonal
/// element, and sweeps repeat until the off-diagonal part is 1e-15 of the diagonal (a few sweeps: convergence is quadratic). Jacobi
/// keeps eigenvalues to high relative accuracy, including tiny and repeated ones, and needs no library: shape
/// statistics decompose one 3×3 moment matrix per label.
/// </summary>
internal static class SymmetricEigen3
{
    private const int MaxSweeps = 50;

    /// <summary>The eigenvalues (unsorted) and the matching unit eigenvectors as the columns of a matrix.</summary>
    /// <param name="matrix">A symmetric matrix (only its upper triangle is read).</param>
    public static (double[] Values, double[,] Vectors) Decompose(Mat3 matrix)
    {
        var a = new double[3, 3];
        var v = new double[3, 3] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (int i = 0; i < 3; i++)
        {
            for (int j = i; j < 3; j++)
            {
                a[i, j] = a[j, i] = matrix[i, j];
            }
        }

        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = Math.Abs(a[0, 1]) + Math.Abs(a[0, 2]) + Math.Abs(a[1, 2]);
            double diagonal = Math.Abs(a[0, 0]) + Math.Abs(a[1, 1]) + Math.Abs(a[2, 2]);
            if (off <= double.Epsilon || off <= 1e-15 * diagonal)
            {
                break;
            }

            Rotate(a, v, 0, 1);
            Rotate(a, v, 0, 2);
            Rotate(a, v, 1, 2);
        }

        return ([a[0, 0], a[1, 1], a[2, 2]], v);
    }

    // One Jacobi rotation in the (p, q) plane that makes a[p, q] zero (Golub & Van Loan, Algorithm 8.4.1, the stable
    // choice of the smaller rotation angle); v accumulates the rotations, so its columns become the eigenvectors.
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        if (a[p, q] == 0)
        {
            return;
        }

        double tau = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        double t = (tau < 0 ? -1 : 1) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
        double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
        for (int k = 0; k < 3; k++)
        {
            double akp = a[k, p], akq = a[k, q];
            a[k, p] = c * akp - s * akq;
            a[k, q] = s * akp + c * akq;
        }

        for (int k = 0; k < 3; k++)
        {
            double apk = a[p, k], aqk = a[q, k];
            a[p, k] = c * apk - s * aqk;
            a[q, k] = s * apk + c * aqk;
        }

        for (int k = 0; k < 3; k++)
        {
            double vkp = v[k, p], vkq = v[k, q];
            v[k, p] = c * vkp - s * vkq;
            v[k, q] = s * vkp + c * vkq;
        }
    }
}
