using System.Numerics;
using MedImaging.Filters;

namespace MedImaging.BiasCorrection;

/// <summary>Parameters of <see cref="N4Pipeline.Execute{T}"/>: SimpleITK's <c>N4BiasFieldCorrection.py</c> example.</summary>
public sealed record N4PipelineOptions
{
    /// <summary>The N4 parameters used on the shrunk image (SimpleITK's defaults).</summary>
    public N4Options N4 { get; init; } = new();

    /// <summary>Shrink factor on every axis before fitting (default 4; 1 fits at full resolution).</summary>
    public int ShrinkFactor { get; init; } = 4;

    /// <summary>Histogram bins of the Otsu mask made when no mask is given (the example's 200).</summary>
    public int OtsuNumberOfHistogramBins { get; init; } = 200;
}

/// <summary>The outcome of <see cref="N4Pipeline.Execute{T}"/>.</summary>
/// <param name="Corrected">input / exp(LogBiasField) at full resolution, float32.</param>
/// <param name="LogBiasField">The natural-log bias field at full resolution (the fitted lattice evaluated on the input grid).</param>
/// <param name="Mask">The full-resolution mask used (the given one, or the Otsu mask: 1 above the threshold).</param>
/// <param name="OtsuThreshold">The Otsu threshold (input intensity units) when the mask was made here, else null.</param>
/// <param name="Fit">The N4 result on the shrunk image: iterations, convergence, lattice.</param>
public sealed record N4PipelineResult(
    Volume<float> Corrected,
    Volume<float> LogBiasField,
    Volume<byte> Mask,
    double? OtsuThreshold,
    N4Result Fit);

/// <summary>
/// N4 the way clinicians run it (SimpleITK's <c>Examples/N4BiasFieldCorrection</c>): an Otsu mask when none is given
/// (<c>OtsuThreshold(image, 0, 1, 200)</c>: the voxels above the threshold), image and mask shrunk by
/// <see cref="N4PipelineOptions.ShrinkFactor"/> (ITK <c>ShrinkImageFilter</c>), N4 fitted on the shrunk pair, the
/// log field evaluated on the full-resolution grid (<c>GetLogBiasFieldAsImage(inputImage)</c>) and divided out.
/// </summary>
public static class N4Pipeline
{
    /// <summary>Runs the pipeline.</summary>
    /// <typeparam name="T">Any voxel type; output float32.</typeparam>
    /// <param name="image">The biased image.</param>
    /// <param name="mask">Optional mask on the same grid (voxels equal to <see cref="N4Options.MaskLabel"/> are fitted); null → Otsu.</param>
    /// <param name="options">Parameters; null for the example's defaults.</param>
    /// <param name="execution">Threads, cancellation and progress (passed to every step).</param>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    /// <exception cref="MedImagingException">The shrunk image has fewer than 2 voxels on an axis, or no voxel is left to fit.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static N4PipelineResult Execute<T>(Volume<T> image, Volume<byte>? mask = null, N4PipelineOptions? options = null,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new N4PipelineOptions();
        if (options.ShrinkFactor < 1)
        {
            throw new ArgumentException($"ShrinkFactor must be at least 1; got {options.ShrinkFactor}", nameof(options));
        }

        options.N4.Validate();
        mask?.Geometry.EnsureSameSpace(image.Geometry, "N4 mask and image");
        double? threshold = null;
        if (mask is null)
        {
            OtsuThresholdResult otsu = ImageFilters.OtsuThreshold(image, insideValue: 0, outsideValue: 1,
                numberOfHistogramBins: options.OtsuNumberOfHistogramBins, execution: execution);
            mask = otsu.Mask;
            threshold = otsu.Threshold;
        }

        int f = options.ShrinkFactor;
        Volume<T> shrunkImage = f == 1 ? image : ImageFilters.Shrink(image, f, f, f, execution);
        Volume<byte> shrunkMask = f == 1 ? mask : ImageFilters.Shrink(mask, f, f, f, execution);
        N4Result fit = N4BiasFieldCorrection.Execute(shrunkImage, shrunkMask, options.N4, execution: execution);
        Volume<float> logField = f == 1 ? fit.LogBiasField : fit.GetLogBiasFieldAsImage(image.Geometry, execution);
        Volume<float> corrected = f == 1 ? fit.Corrected : N4BiasFieldCorrection.Divide(image, logField, execution);
        return new N4PipelineResult(corrected, logField, mask, threshold, fit);
    }

    /// <summary>Runs the pipeline on an image of any voxel type; see <see cref="Execute{T}"/>.</summary>
    /// <param name="image">The biased image, any voxel type.</param>
    /// <param name="mask">Optional mask on the same grid (voxels equal to <see cref="N4Options.MaskLabel"/> are fitted); null → Otsu.</param>
    /// <param name="options">Parameters; null for the example's defaults.</param>
    /// <param name="execution">Threads, cancellation and progress (passed to every step).</param>
    /// <returns>The corrected image (float32) and log bias field at full resolution, the mask used and the fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="GeometryMismatchException">The mask is on another grid.</exception>
    /// <exception cref="MedImagingException">The shrunk image has fewer than 2 voxels on an axis, or no voxel is left to fit.</exception>
    public static N4PipelineResult Execute(Volume image, Volume<byte>? mask = null, N4PipelineOptions? options = null,
        ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new ExecuteVisitor(mask, options, execution));

    private sealed class ExecuteVisitor(Volume<byte>? mask, N4PipelineOptions? options, ExecutionOptions? execution) : IVolumeVisitor<N4PipelineResult>
    {
        public N4PipelineResult Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Execute(volume, mask, options, execution);
    }
}
