using System.Numerics;
using System.Numerics.Tensors;

namespace MedImaging.BiasCorrection;

/// <summary>
/// Lattice → grid evaluation of a B-spline function (ITK's <c>BSplineControlPointImageFilter</c>), done
/// separably: per z-slice the lattice is collapsed along z to a (y, x) plane of coefficients, per row along y to
/// one coefficient per x control point, and the row itself is a sum of ≤ order + 1 scaled basis columns
/// (vectorised with <see cref="TensorPrimitives"/>). Slices run in parallel in fixed blocks, each slice written by
/// exactly one block, so the output is bit-identical for any thread count.
/// </summary>
internal static class BSplineFieldReconstruction
{
    /// <summary>Slices per parallel work block (fixed: independent of the thread count).</summary>
    private const int SlicesPerBlock = 4;

    /// <summary>Evaluates <paramref name="lattice"/> on a grid of <paramref name="size"/> into <paramref name="output"/> (x fastest).</summary>
    public static void Reconstruct<T>(BSplineControlPointLattice lattice, Size3 size, Memory<T> output, ExecutionOptions? execution)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size.X < 2 || size.Y < 2 || size.Z < 2)
        {
            throw new MedImagingException($"a B-spline field needs at least 2 grid points along every axis; the grid is {size}");
        }

        if (output.Length != size.VoxelCount)
        {
            throw new ArgumentException($"output holds {output.Length} values, grid {size} needs {size.VoxelCount}", nameof(output));
        }

        int order = lattice.SplineOrder;
        var tableY = new BSplineAxisTable(size.Y, lattice.Size.Y, order);
        var tableZ = new BSplineAxisTable(size.Z, lattice.Size.Z, order);
        var rows = new RowBasis<T>(new BSplineAxisTable(size.X, lattice.Size.X, order));
        double[] phi = lattice.Buffer;
        Size3 cp = lattice.Size;
        int sliceLength = size.X * size.Y;
        Parallelism.For(size.Z, SlicesPerBlock, execution, (first, last) =>
        {
            var plane = new double[cp.X * cp.Y];
            var coefficients = new T[cp.X];
            for (int z = first; z < last; z++)
            {
                CollapseAxis(phi, cp, tableZ, z, plane);
                Span<T> slice = output.Span.Slice(z * sliceLength, sliceLength);
                for (int y = 0; y < size.Y; y++)
                {
                    CollapseRow(plane, cp.X, tableY, y, coefficients);
                    rows.EvaluateRow(coefficients, slice.Slice(y * size.X, size.X));
                }
            }
        });
    }

    /// <summary>plane[j·cx + i] = Σ_k w_z[k]·φ[start + k, j, i] for grid slice <paramref name="z"/>.</summary>
    private static void CollapseAxis(double[] phi, Size3 cp, BSplineAxisTable table, int z, double[] plane)
    {
        int width = table.Order + 1;
        int start = table.Start[z];
        int planeLength = cp.X * cp.Y;
        Array.Clear(plane);
        for (int k = 0; k < width; k++)
        {
            double w = table.Weights[z * width + k];
            TensorPrimitives.MultiplyAdd(phi.AsSpan((start + k) * planeLength, planeLength), w, plane, plane);
        }
    }

    /// <summary>coefficients[i] = Σ_m w_y[m]·plane[start + m, i] for grid row <paramref name="y"/>.</summary>
    private static void CollapseRow<T>(double[] plane, int cx, BSplineAxisTable table, int y, T[] coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = table.Order + 1;
        int start = table.Start[y];
        for (int i = 0; i < cx; i++)
        {
            double sum = 0;
            for (int m = 0; m < width; m++)
            {
                sum += table.Weights[y * width + m] * plane[(start + m) * cx + i];
            }

            coefficients[i] = T.CreateTruncating(sum);
        }
    }
}

/// <summary>
/// The x-axis basis of a B-spline row as columns: control point i contributes <c>c[i]·column_i</c> on the
/// contiguous run of x it supports. A row is the sum of these scaled columns.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class RowBasis<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly BSplineAxisTable _table;
    private readonly int[] _first;
    private readonly T[][] _columns;

    /// <summary>Builds the columns from an x-axis table.</summary>
    public RowBasis(BSplineAxisTable table)
    {
        _table = table;
        int width = table.Order + 1;
        int controlPoints = table.ControlPoints;
        _first = new int[controlPoints];
        _columns = new T[controlPoints][];
        for (int i = 0; i < controlPoints; i++)
        {
            int lo = -1;
            int hi = -1;
            for (int x = 0; x < table.GridSize; x++)
            {
                int k = i - table.Start[x];
                if (k >= 0 && k < width)
                {
                    lo = lo < 0 ? x : lo;
                    hi = x + 1;
                }
            }

            if (lo < 0)
            {
                _columns[i] = [];
                continue;
            }

            _first[i] = lo;
            var column = new T[hi - lo];
            for (int x = lo; x < hi; x++)
            {
                int k = i - table.Start[x];
                column[x - lo] = k >= 0 && k < width ? T.CreateTruncating(table.Weights[x * width + k]) : T.Zero;
            }

            _columns[i] = column;
        }
    }

    /// <summary>row[x] = Σ_i coefficients[i]·B_i(x), as scaled column additions (SIMD through TensorPrimitives).</summary>
    public void EvaluateRow(ReadOnlySpan<T> coefficients, Span<T> row)
    {
        row.Clear();
        for (int i = 0; i < _columns.Length; i++)
        {
            T[] column = _columns[i];
            if (column.Length > 0)
            {
                Span<T> target = row.Slice(_first[i], column.Length);
                TensorPrimitives.MultiplyAdd(column, coefficients[i], target, target);
            }
        }
    }

    /// <summary>Scalar twin of <see cref="EvaluateRow"/>: row[x] = Σ_k w[x, k]·coefficients[start(x) + k].</summary>
    public void EvaluateRowScalar(ReadOnlySpan<T> coefficients, Span<T> row)
    {
        int width = _table.Order + 1;
        for (int x = 0; x < row.Length; x++)
        {
            T sum = T.Zero;
            int start = _table.Start[x];
            for (int k = 0; k < width; k++)
            {
                sum += T.CreateTruncating(_table.Weights[x * width + k]) * coefficients[start + k];
            }

            row[x] = sum;
        }
    }
}
