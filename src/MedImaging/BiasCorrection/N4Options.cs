namespace MedImaging.BiasCorrection;

/// <summary>
/// Parameters of <see cref="N4BiasFieldCorrection"/>, named and defaulted as SimpleITK's
/// <c>N4BiasFieldCorrectionImageFilter</c>.
/// </summary>
public sealed record N4Options
{
    /// <summary>
    /// Maximum iterations per fitting level (default [50, 50, 50, 50]); the number of entries is the number of
    /// fitting levels, and the control-point lattice doubles its spans between levels.
    /// </summary>
    public IReadOnlyList<int> MaximumNumberOfIterations { get; init; } = [50, 50, 50, 50];

    /// <summary>
    /// A level stops when the coefficient of variation of exp(previous − new log field) over the included voxels
    /// is at or below this (default 0.001, dimensionless). 0 runs every level to its maximum.
    /// </summary>
    public double ConvergenceThreshold { get; init; } = 0.001;

    /// <summary>Full width at half maximum of the Gaussian bias-field blur of the log-intensity histogram (default 0.15, log units).</summary>
    public double BiasFieldFullWidthAtHalfMaximum { get; init; } = 0.15;

    /// <summary>Noise term of the Wiener deconvolution of the histogram (default 0.01).</summary>
    public double WienerFilterNoise { get; init; } = 0.01;

    /// <summary>Bins of the log-intensity histogram (default 200).</summary>
    public int NumberOfHistogramBins { get; init; } = 200;

    /// <summary>Control points per axis (x, y, z of the index space) at the first fitting level (default 4 each); must exceed <see cref="SplineOrder"/>.</summary>
    public Size3 NumberOfControlPoints { get; init; } = new(4, 4, 4);

    /// <summary>B-spline order of the bias field (default 3, cubic); 1 to 5.</summary>
    public int SplineOrder { get; init; } = 3;

    /// <summary>The mask value that marks included voxels when <see cref="UseMaskLabel"/> is true (default 1).</summary>
    public byte MaskLabel { get; init; } = 1;

    /// <summary>
    /// True (SimpleITK's default): only mask voxels equal to <see cref="MaskLabel"/> are used; false: every
    /// non-zero mask voxel (ITK's own default).
    /// </summary>
    public bool UseMaskLabel { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid parameter.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the exception names it.</exception>
    public void Validate()
    {
        if (MaximumNumberOfIterations is null || MaximumNumberOfIterations.Count == 0)
        {
            throw new ArgumentException("MaximumNumberOfIterations needs at least one level", nameof(MaximumNumberOfIterations));
        }

        foreach (int iterations in MaximumNumberOfIterations)
        {
            if (iterations < 1)
            {
                throw new ArgumentException($"MaximumNumberOfIterations entries must be at least 1; got {iterations}", nameof(MaximumNumberOfIterations));
            }
        }

        if (MaximumNumberOfIterations.Count > 10)
        {
            throw new ArgumentException($"{MaximumNumberOfIterations.Count} fitting levels would refine the lattice past any image; use at most 10", nameof(MaximumNumberOfIterations));
        }

        Require(double.IsFinite(ConvergenceThreshold) && ConvergenceThreshold >= 0, nameof(ConvergenceThreshold), ConvergenceThreshold, "finite and ≥ 0");
        Require(double.IsFinite(BiasFieldFullWidthAtHalfMaximum) && BiasFieldFullWidthAtHalfMaximum > 0, nameof(BiasFieldFullWidthAtHalfMaximum), BiasFieldFullWidthAtHalfMaximum, "finite and > 0");
        Require(double.IsFinite(WienerFilterNoise) && WienerFilterNoise > 0, nameof(WienerFilterNoise), WienerFilterNoise, "finite and > 0");
        Require(NumberOfHistogramBins is >= 2 and <= 1 << 20, nameof(NumberOfHistogramBins), NumberOfHistogramBins, "in 2..1048576");
        Require(SplineOrder is >= 1 and <= BSplineKernel.MaximumOrder, nameof(SplineOrder), SplineOrder, $"in 1..{BSplineKernel.MaximumOrder}");
        Size3 cp = NumberOfControlPoints;
        if (cp.X <= SplineOrder || cp.Y <= SplineOrder || cp.Z <= SplineOrder || cp.X > 1000 || cp.Y > 1000 || cp.Z > 1000)
        {
            throw new ArgumentException($"NumberOfControlPoints {cp} must exceed SplineOrder {SplineOrder} and stay ≤ 1000 per axis", nameof(NumberOfControlPoints));
        }
    }

    private static void Require(bool ok, string name, double value, string what)
    {
        if (!ok)
        {
            throw new ArgumentException(FormattableString.Invariant($"{name} must be {what}; got {value}"), name);
        }
    }
}

/// <summary>The outcome of <see cref="N4BiasFieldCorrection.Execute{T}"/>.</summary>
/// <param name="Corrected">input / exp(LogBiasField), float32, on the input's geometry.</param>
/// <param name="LogBiasField">The natural-log bias field on the input's geometry (float32).</param>
/// <param name="ControlPointLattice">
/// The final B-spline control points of the log field (SimpleITK's <c>GetLogBiasFieldControlPointLattice</c>);
/// <see cref="BSplineControlPointLattice.Evaluate"/> gives the field on any grid spanning the same field of view.
/// </param>
/// <param name="Iterations">Iterations run per fitting level.</param>
/// <param name="ConvergenceValues">The last convergence measure per level (coefficient of variation, dimensionless).</param>
/// <param name="IncludedVoxels">Voxels used for the fit: in the mask, positive, and with positive confidence.</param>
public sealed record N4Result(
    Volume<float> Corrected,
    Volume<float> LogBiasField,
    BSplineControlPointLattice ControlPointLattice,
    IReadOnlyList<int> Iterations,
    IReadOnlyList<double> ConvergenceValues,
    long IncludedVoxels)
{
    /// <summary>
    /// The log bias field on <paramref name="reference"/>'s grid — SimpleITK's <c>GetLogBiasFieldAsImage(reference)</c>,
    /// e.g. the full-resolution image after fitting on a shrunk copy.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is null.</exception>
    /// <exception cref="MedImagingException">The field exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public Volume<float> GetLogBiasFieldAsImage(VolumeGeometry reference, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return ControlPointLattice.Evaluate(reference, execution);
    }
}
