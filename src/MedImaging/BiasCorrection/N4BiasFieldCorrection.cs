using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace MedImaging.BiasCorrection;

/// <summary>
/// N4 bias field correction (Tustison et al., "N4ITK: Improved N3 Bias Correction", IEEE TMI 29(6), 2010), as ITK's
/// <c>N4BiasFieldCorrectionImageFilter</c> and SimpleITK's <c>N4BiasFieldCorrection</c>: in log space the image is
/// v = u + f; each iteration sharpens the histogram of v − f (see <see cref="HistogramSharpening"/>), fits a
/// smooth B-spline to the residual (see <see cref="BSplineScatteredDataFit"/>), adds it to the field and stops a
/// level when the coefficient of variation of exp(f_previous − f_new) falls to the threshold; between levels the
/// control-point lattice doubles its spans.
/// </summary>
public static class N4BiasFieldCorrection
{
    /// <summary>Corrects <paramref name="image"/> for a smooth multiplicative bias field.</summary>
    /// <typeparam name="T">Any voxel type; computed in double, output float32.</typeparam>
    /// <param name="image">The biased image; at least 2 voxels along every axis (a single-slice image is refused).</param>
    /// <param name="mask">
    /// Optional mask on the same grid: voxels equal to <see cref="N4Options.MaskLabel"/> (or non-zero when
    /// <see cref="N4Options.UseMaskLabel"/> is false) are used for the fit; null uses every voxel.
    /// </param>
    /// <param name="options">Parameters; null means SimpleITK's defaults.</param>
    /// <param name="confidence">
    /// Optional confidence weights on the same grid (ITK's ConfidenceImage): voxels with weight ≤ 0 are excluded,
    /// the others weigh the B-spline fit by their value.
    /// </param>
    /// <param name="execution">Threads, cancellation (checked between iterations) and progress (one report per iteration).</param>
    /// <remarks>
    /// Voxels with a non-positive (or non-finite) intensity have no logarithm: they are left out of the fit and the
    /// histogram, like masked-out voxels (ITK instead keeps their raw value among the log values). Every output
    /// voxel, included or not, is divided by the smooth field, which is defined everywhere; a constant image gives
    /// a zero field and is returned unchanged.
    /// </remarks>
    /// <exception cref="GeometryMismatchException">The mask or confidence image is on another grid.</exception>
    /// <exception cref="MedImagingException">The image is single-slice, or no voxel is left to fit.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled through <see cref="ExecutionOptions.CancellationToken"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static N4Result Execute<T>(Volume<T> image, Volume<byte>? mask = null, N4Options? options = null,
        Volume<float>? confidence = null, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new N4Options();
        options.Validate();
        execution ??= ExecutionOptions.Default;
        VolumeGeometry geometry = image.Geometry;
        Size3 size = geometry.Size;
        if (size.X < 2 || size.Y < 2 || size.Z < 2)
        {
            throw new MedImagingException($"N4 needs a 3-D image with at least 2 voxels along every axis (its B-spline domain runs from the first to the last voxel centre); the image is {size}");
        }

        mask?.Geometry.EnsureSameSpace(geometry, "N4 mask and image");
        confidence?.Geometry.EnsureSameSpace(geometry, "N4 confidence image and image");
        execution.EnsureWithinBudget(geometry.VoxelCount * (sizeof(double) + 2 * sizeof(float)), "N4 working fields");

        N4Samples samples = N4Samples.Collect(image, mask, confidence, options);
        double finalControlPoints = FinalLatticeSize(options);
        int blocks = (samples.Count + BSplineScatteredDataFit.PointsPerBlock - 1) / BSplineScatteredDataFit.PointsPerBlock;
        execution.EnsureWithinBudget((long)Math.Min(long.MaxValue / 2, finalControlPoints * 16 * (blocks + 1)), "N4 control-point lattices");
        (BSplineControlPointLattice lattice, int[] iterations, double[] convergence) = Iterate(samples, size, options, execution);

        Volume<float> logField = lattice.Evaluate(geometry, execution);
        Volume<float> corrected = Divide(image, logField, execution);
        return new N4Result(corrected, logField, lattice, iterations, convergence, samples.Count);
    }

    /// <summary>Corrects an image of any voxel type for a smooth multiplicative bias field; see <see cref="Execute{T}"/>.</summary>
    /// <param name="image">The biased image, any voxel type; at least 2 voxels along every axis.</param>
    /// <param name="mask">Optional mask on the same grid (voxels equal to <see cref="N4Options.MaskLabel"/> are fitted); null uses every voxel.</param>
    /// <param name="options">Parameters; null means SimpleITK's defaults.</param>
    /// <param name="confidence">Optional confidence weights on the same grid (ITK's ConfidenceImage).</param>
    /// <param name="execution">Threads, cancellation (checked between iterations) and progress (one report per iteration).</param>
    /// <returns>The corrected image (float32), the log bias field and the fit's record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="GeometryMismatchException">The mask or confidence image is on another grid.</exception>
    /// <exception cref="MedImagingException">The image is single-slice, or no voxel is left to fit.</exception>
    /// <exception cref="OperationCanceledException">Cancelled through <see cref="ExecutionOptions.CancellationToken"/>.</exception>
    public static N4Result Execute(Volume image, Volume<byte>? mask = null, N4Options? options = null,
        Volume<float>? confidence = null, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new ExecuteVisitor(mask, options, confidence, execution));

    private static (BSplineControlPointLattice Lattice, int[] Iterations, double[] Convergence) Iterate(
        N4Samples samples, Size3 size, N4Options options, ExecutionOptions execution)
    {
        int count = samples.Count;
        int levels = options.MaximumNumberOfIterations.Count;
        int totalIterations = options.MaximumNumberOfIterations.Sum();
        var field = new double[count];
        var newField = new double[count];
        var uncorrected = (double[])samples.LogInput.Clone();
        var sharpened = new double[count];
        var residual = new double[count];
        var grid = new double[size.VoxelCount];
        var iterations = new int[levels];
        var convergence = new double[levels];
        BSplineControlPointLattice? lattice = null;
        Size3 latticeSize = options.NumberOfControlPoints;
        int done = 0;

        for (int level = 0; level < levels; level++)
        {
            double measure = double.MaxValue;
            int elapsed = 0;
            while (elapsed < options.MaximumNumberOfIterations[level] && measure > options.ConvergenceThreshold)
            {
                execution.CancellationToken.ThrowIfCancellationRequested();
                elapsed++;
                HistogramSharpening.Sharpen(uncorrected, sharpened, options.NumberOfHistogramBins,
                    options.BiasFieldFullWidthAtHalfMaximum, options.WienerFilterNoise);
                TensorPrimitives.Subtract(uncorrected, sharpened, residual);
                BSplineControlPointLattice phi = BSplineScatteredDataFit.Fit(samples.Points, residual, latticeSize, options.SplineOrder, execution);
                lattice = lattice is null ? phi : lattice.Add(phi);
                BSplineFieldReconstruction.Reconstruct<double>(lattice, size, grid, execution);
                samples.Gather(grid, newField);
                measure = ConvergenceMeasure(field, newField);
                (field, newField) = (newField, field);
                TensorPrimitives.Subtract(samples.LogInput, field, uncorrected);
                done++;
                execution.Progress?.Report(new ProgressReport($"N4 level {level + 1}/{levels}", (double)done / totalIterations,
                    string.Create(CultureInfo.InvariantCulture, $"iteration {elapsed}, convergence {measure:G6}")));
            }

            iterations[level] = elapsed;
            convergence[level] = measure;
            done += options.MaximumNumberOfIterations[level] - elapsed;
            if (level < levels - 1 && lattice is not null)
            {
                lattice = lattice.Refine();
                latticeSize = lattice.Size;
            }
        }

        return (lattice!, iterations, convergence);
    }

    /// <summary>Control points of the last level's lattice: per axis (c − order)·2^(levels − 1) + order.</summary>
    private static double FinalLatticeSize(N4Options options)
    {
        double scale = Math.Pow(2, options.MaximumNumberOfIterations.Count - 1);
        Size3 c = options.NumberOfControlPoints;
        int d = options.SplineOrder;
        return (((c.X - d) * scale) + d) * (((c.Y - d) * scale) + d) * (((c.Z - d) * scale) + d);
    }

    /// <summary>
    /// ITK's convergence measure: the coefficient of variation (sample standard deviation / mean) of
    /// exp(previous − new) over the included voxels; 0 for fewer than two voxels.
    /// </summary>
    internal static double ConvergenceMeasure(ReadOnlySpan<double> previous, ReadOnlySpan<double> current)
    {
        int n = previous.Length;
        if (n < 2)
        {
            return 0;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Exp(previous[i] - current[i]);
        }

        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = Math.Exp(previous[i] - current[i]) - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (n - 1)) / mean;
    }

    /// <summary>corrected = input / exp(logField) in float32 (MathF.Exp: exp(0) is exactly 1), parallel over fixed blocks.</summary>
    internal static Volume<float> Divide<T>(Volume<T> image, Volume<float> logField, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        var corrected = Volume<float>.CreateLike(logField);
        Memory<float> output = corrected.Memory;
        Memory<float> field = logField.Memory;
        Memory<T> input = image.Memory;
        const int block = 1 << 16;
        Parallelism.For(output.Length, block, execution, (start, end) =>
        {
            Span<float> o = output.Span[start..end];
            ReadOnlySpan<float> f = field.Span[start..end];
            ReadOnlySpan<T> source = input.Span[start..end];
            for (int i = 0; i < o.Length; i++)
            {
                o[i] = float.CreateTruncating(source[i]) / MathF.Exp(f[i]);
            }
        });
        return corrected;
    }

    private sealed class ExecuteVisitor(Volume<byte>? mask, N4Options? options, Volume<float>? confidence, ExecutionOptions? execution)
        : IVolumeVisitor<N4Result>
    {
        public N4Result Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Execute(volume, mask, options, confidence, execution);
    }
}
