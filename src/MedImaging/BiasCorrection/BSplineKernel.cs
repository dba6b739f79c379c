namespace MedImaging.BiasCorrection;

/// <summary>
/// Uniform B-spline basis functions and the parametric mapping of a grid onto a control-point lattice, as ITK's
/// <c>BSplineScatteredDataPointSetToImageFilter</c> and <c>BSplineControlPointImageFilter</c> define them: along an
/// axis with <c>n</c> grid points and a lattice of <c>c</c> control points of order <c>d</c>, grid index <c>i</c>
/// sits at parameter <c>u = (c − d)·i/(n − 1)</c>; it is influenced by control points
/// <c>⌊u⌋ … ⌊u⌋ + d</c>, control point <c>j</c> weighing <c>β_d(u − j + (d − 1)/2)</c> with the centred cardinal
/// B-spline <c>β_d</c>.
/// </summary>
internal static class BSplineKernel
{
    /// <summary>ITK's tolerance (relative to one span) for pulling u = spans back inside [0, spans).</summary>
    public const double ParametricEpsilon = 1e-3;

    /// <summary>Highest spline order supported (the explicit basis formula is exact well beyond it).</summary>
    public const int MaximumOrder = 5;

    /// <summary>
    /// The <paramref name="order"/> + 1 non-zero basis weights at fractional position <paramref name="t"/> ∈ [0, 1)
    /// inside a span: <c>weights[k] = β_order(t − k + (order − 1)/2)</c>. They sum to 1.
    /// </summary>
    public static void Weights(int order, double t, Span<double> weights)
    {
        if (order == 3)
        {
            double s = 1 - t;
            double t2 = t * t;
            weights[0] = s * s * s / 6;
            weights[1] = (4 - 6 * t2 + 3 * t2 * t) / 6;
            weights[2] = (1 + 3 * t + 3 * t2 - 3 * t2 * t) / 6;
            weights[3] = t2 * t / 6;
            return;
        }

        double shift = 0.5 * (order - 1);
        for (int k = 0; k <= order; k++)
        {
            weights[k] = CentredBSpline(order, t - k + shift);
        }
    }

    /// <summary>
    /// The centred cardinal B-spline of degree <paramref name="order"/> at <paramref name="x"/>, from the explicit
    /// truncated-power sum β_d(x) = 1/d! Σ_j (−1)^j C(d+1, j) (x + (d+1)/2 − j)₊^d.
    /// </summary>
    public static double CentredBSpline(int order, double x)
    {
        double half = 0.5 * (order + 1);
        if (x <= -half || x >= half)
        {
            return 0;
        }

        double sum = 0;
        double binomial = 1;
        for (int j = 0; j <= order + 1; j++)
        {
            double y = x + half - j;
            if (y > 0)
            {
                double sign = (j & 1) == 0 ? 1 : -1;
                sum += sign * binomial * Math.Pow(y, order);
            }

            binomial = binomial * (order + 1 - j) / (j + 1);
        }

        double factorial = 1;
        for (int k = 2; k <= order; k++)
        {
            factorial *= k;
        }

        return sum / factorial;
    }

    /// <summary>
    /// The two-scale (refinement) mask of a degree-<paramref name="order"/> B-spline: <c>a_k = C(d+1, k) / 2^d</c>,
    /// k = 0 … d + 1, so that a lattice refined to twice as many spans reproduces the same function exactly.
    /// </summary>
    public static double[] RefinementMask(int order)
    {
        var mask = new double[order + 2];
        double binomial = 1;
        double scale = Math.Pow(2, -order);
        for (int k = 0; k <= order + 1; k++)
        {
            mask[k] = binomial * scale;
            binomial = binomial * (order + 1 - k) / (k + 1);
        }

        return mask;
    }

    /// <summary>
    /// The parameter u ∈ [0, spans) of grid index <paramref name="index"/> on an axis of <paramref name="gridSize"/>
    /// points, with ITK's pull-back of the last grid point (u = spans) to spans − ε.
    /// </summary>
    public static double Parameter(int index, int gridSize, int spans)
    {
        double u = (double)spans * index / (gridSize - 1);
        double epsilon = (double)spans / (gridSize - 1) * ParametricEpsilon;
        if (Math.Abs(u - spans) <= epsilon)
        {
            u = spans - epsilon;
        }

        return u;
    }
}

/// <summary>
/// Per-axis precomputed B-spline evaluation table: for every grid index, the first control point it touches and
/// the order + 1 weights (row-major, <c>Weights[i·(order+1) + k]</c>), plus the sum of squared weights (ITK's fit
/// normalises by the product of these over the axes).
/// </summary>
internal sealed class BSplineAxisTable
{
    /// <summary>Builds the table for a grid of <paramref name="gridSize"/> points and <paramref name="controlPoints"/> control points.</summary>
    public BSplineAxisTable(int gridSize, int controlPoints, int order)
    {
        GridSize = gridSize;
        ControlPoints = controlPoints;
        Order = order;
        int width = order + 1;
        int spans = controlPoints - order;
        Start = new int[gridSize];
        Weights = new double[gridSize * width];
        SumOfSquares = new double[gridSize];
        for (int i = 0; i < gridSize; i++)
        {
            double u = BSplineKernel.Parameter(i, gridSize, spans);
            int start = (int)u;
            Start[i] = start;
            Span<double> w = Weights.AsSpan(i * width, width);
            BSplineKernel.Weights(order, u - start, w);
            double squares = 0;
            foreach (double v in w)
            {
                squares += v * v;
            }

            SumOfSquares[i] = squares;
        }
    }

    /// <summary>Grid points along the axis.</summary>
    public int GridSize { get; }

    /// <summary>Control points along the axis.</summary>
    public int ControlPoints { get; }

    /// <summary>Spline order.</summary>
    public int Order { get; }

    /// <summary>First control point influencing each grid index.</summary>
    public int[] Start { get; }

    /// <summary>Weights, order + 1 per grid index.</summary>
    public double[] Weights { get; }

    /// <summary>Σ_k weight² per grid index.</summary>
    public double[] SumOfSquares { get; }
}
