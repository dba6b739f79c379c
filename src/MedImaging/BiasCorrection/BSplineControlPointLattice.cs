namespace MedImaging.BiasCorrection;

/// <summary>
/// A lattice of scalar B-spline control points over a grid's parametric domain — what ITK's
/// <c>N4BiasFieldCorrectionImageFilter::GetLogBiasFieldControlPointLattice()</c> returns. The function it defines is
/// evaluated on a grid purely by index proportion (ITK's <c>BSplineControlPointImageFilter</c>): along an axis
/// with n grid points, index i maps to parameter u = (controlPoints − order)·i/(n − 1). Any grid that spans the
/// same field of view (the full-resolution image of a shrunk fit) therefore gets the same smooth function.
/// </summary>
public sealed class BSplineControlPointLattice
{
    private readonly double[] _values;

    /// <summary>Creates a lattice from its control-point values (x fastest).</summary>
    /// <param name="size">Control points per axis; each must exceed <paramref name="splineOrder"/>.</param>
    /// <param name="splineOrder">B-spline order, 1 to 5 (N4 uses 3).</param>
    /// <param name="values">Control-point values, <c>size.X·size.Y·size.Z</c> of them, x fastest; copied.</param>
    /// <exception cref="ArgumentException">The size, order or value count is inconsistent.</exception>
    public BSplineControlPointLattice(Size3 size, int splineOrder, ReadOnlySpan<double> values)
        : this(size, splineOrder, values.ToArray())
    {
    }

    internal BSplineControlPointLattice(Size3 size, int splineOrder, double[] values)
    {
        if (splineOrder < 1 || splineOrder > BSplineKernel.MaximumOrder)
        {
            throw new ArgumentException($"spline order {splineOrder} is outside 1..{BSplineKernel.MaximumOrder}", nameof(splineOrder));
        }

        if (size.X <= splineOrder || size.Y <= splineOrder || size.Z <= splineOrder)
        {
            throw new ArgumentException($"a lattice of order {splineOrder} needs more than {splineOrder} control points per axis; got {size}", nameof(size));
        }

        if (values.Length != size.VoxelCount)
        {
            throw new ArgumentException($"{values.Length} control-point values given, lattice {size} needs {size.VoxelCount}", nameof(values));
        }

        Size = size;
        SplineOrder = splineOrder;
        _values = values;
    }

    /// <summary>Control points per axis (x, y, z of the image index space).</summary>
    public Size3 Size { get; }

    /// <summary>B-spline order.</summary>
    public int SplineOrder { get; }

    /// <summary>Control-point values, x fastest (for N4: log bias field coefficients, dimensionless).</summary>
    public ReadOnlySpan<double> Values => _values;

    internal double[] Buffer => _values;

    /// <summary>The control point at lattice index (i, j, k).</summary>
    public double this[int i, int j, int k] => _values[((long)k * Size.Y + j) * Size.X + i];

    /// <summary>
    /// The same function on a lattice with twice as many spans per axis (2·c − order control points), exact up to
    /// rounding: ITK's <c>BSplineControlPointImageFilter::RefineControlPointLattice</c> with two levels, which N4 applies
    /// between fitting levels.
    /// </summary>
    /// <exception cref="MedImagingException">The refined lattice would not fit in one array.</exception>
    public BSplineControlPointLattice Refine()
    {
        int order = SplineOrder;
        double[] mask = BSplineKernel.RefinementMask(order);
        double[] current = _values;
        Size3 size = Size;
        for (int axis = 0; axis < 3; axis++)
        {
            (current, size) = RefineAxis(current, size, axis, order, mask);
        }

        return new BSplineControlPointLattice(size, order, current);
    }

    /// <summary>
    /// Evaluates the function on <paramref name="geometry"/>'s grid (index-proportional mapping, see the class
    /// remarks) — SimpleITK's <c>N4BiasFieldCorrectionImageFilter.GetLogBiasFieldAsImage(reference)</c>.
    /// </summary>
    /// <param name="geometry">Output grid; every axis needs at least 2 voxels.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A float32 volume with <paramref name="geometry"/>.</returns>
    /// <exception cref="MedImagingException">An axis of the grid has fewer than 2 voxels.</exception>
    public Volume<float> Evaluate(VolumeGeometry geometry, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        execution ??= ExecutionOptions.Default;
        execution.EnsureWithinBudget(geometry.VoxelCount * sizeof(float), "B-spline field");
        var volume = new Volume<float>(geometry);
        BSplineFieldReconstruction.Reconstruct(this, geometry.Size, volume.Memory, execution);
        return volume;
    }

    /// <summary>Element-wise sum of two lattices of the same size and order.</summary>
    internal BSplineControlPointLattice Add(BSplineControlPointLattice other)
    {
        if (other.Size != Size || other.SplineOrder != SplineOrder)
        {
            throw new ArgumentException($"cannot add lattice {other.Size} (order {other.SplineOrder}) to {Size} (order {SplineOrder})", nameof(other));
        }

        var sum = new double[_values.Length];
        for (int n = 0; n < sum.Length; n++)
        {
            sum[n] = _values[n] + other._values[n];
        }

        return new BSplineControlPointLattice(Size, SplineOrder, sum);
    }

    private static (double[] Values, Size3 Size) RefineAxis(double[] values, Size3 size, int axis, int order, double[] mask)
    {
        int coarse = size[axis];
        int fine = 2 * coarse - order;
        Size3 refined = axis switch
        {
            0 => size with { X = fine },
            1 => size with { Y = fine },
            _ => size with { Z = fine },
        };
        long strideIn = axis == 0 ? 1 : axis == 1 ? size.X : (long)size.X * size.Y;
        long strideOut = axis == 0 ? 1 : axis == 1 ? refined.X : (long)refined.X * refined.Y;
        if (refined.VoxelCount > Array.MaxLength)
        {
            throw new MedImagingException($"refining lattice {size} would need {refined.VoxelCount} control points, more than one array holds");
        }

        long lines = size.VoxelCount / coarse;
        long inner = strideIn;
        var output = new double[refined.VoxelCount];
        for (long line = 0; line < lines; line++)
        {
            long outer = line / inner;
            long within = line % inner;
            long baseIn = outer * inner * coarse + within;
            long baseOut = outer * inner * fine + within;
            for (int f = 0; f < fine; f++)
            {
                // Fine point f = 2c − order + k takes coarse point c with mask weight a_k.
                double sum = 0;
                int cLow = Math.Max(0, (f - 1) / 2);
                int cHigh = Math.Min(coarse - 1, (f + order) / 2);
                for (int c = cLow; c <= cHigh; c++)
                {
                    int k = f - 2 * c + order;
                    if (k >= 0 && k < mask.Length)
                    {
                        sum += mask[k] * values[baseIn + c * strideIn];
                    }
                }

                output[baseOut + f * strideOut] = sum;
            }
        }

        return (output, refined);
    }
}
