using System.Text.Json.Nodes;
using MedImaging.BiasCorrection;
using MedImaging.Filters;

namespace MedImaging.Clinical;

/// <summary>
/// MR: N4 bias field correction as SimpleITK's <c>N4BiasFieldCorrection.py</c> example (<see cref="N4Pipeline"/>: Otsu
/// mask, shrink, fit, full-resolution field divided out); the working image becomes the corrected float32 image.
/// </summary>
internal sealed class MrBiasCorrectionStep : IPipelineStep
{
    public string Name => "bias_correction";

    public bool IsEnabled(PipelineContext context) => context.Modality == ClinicalModality.MR && context.Options.Mr.BiasCorrection;

    public JsonObject Run(PipelineContext context)
    {
        N4PipelineOptions n4 = context.Options.Mr.N4();
        Volume<float> image = ImageFilters.Cast(context.Image, PixelType.Float32, context.Execution).As<float>();
        N4PipelineResult result = N4Pipeline.Execute(image, null, n4, context.Execution);
        context.Image = result.Corrected;
        return new JsonObject
        {
            ["shrink_factor"] = n4.ShrinkFactor,
            ["maximum_number_of_iterations"] = StepJson.Numbers(n4.N4.MaximumNumberOfIterations),
            ["convergence_threshold"] = n4.N4.ConvergenceThreshold,
            ["otsu_number_of_histogram_bins"] = n4.OtsuNumberOfHistogramBins,
            ["otsu_threshold"] = result.OtsuThreshold,
            ["iterations"] = StepJson.Numbers(result.Fit.Iterations),
            ["convergence"] = StepJson.Numbers(result.Fit.ConvergenceValues),
            ["fitted_voxels"] = result.Fit.IncludedVoxels,
        };
    }
}

/// <summary>MR foreground: SimpleITK <c>OtsuThreshold(image, 0, 1, bins)</c> of the working image: the voxels above the threshold.</summary>
internal sealed class MrForegroundStep : IPipelineStep
{
    public string Name => "foreground_mask";

    public bool IsEnabled(PipelineContext context) => context.Modality == ClinicalModality.MR && context.Options.Mr.ForegroundMask;

    public JsonObject Run(PipelineContext context)
    {
        int bins = context.Options.Mr.OtsuNumberOfHistogramBins;
        OtsuThresholdResult otsu = context.Image.Accept(new OtsuVisitor(bins, context.Execution));
        context.Masks.Add(new NamedMask("foreground", otsu.Mask, $"voxels above the Otsu threshold ({bins} bins)"));
        return new JsonObject
        {
            ["number_of_histogram_bins"] = bins,
            ["threshold"] = otsu.Threshold,
            ["voxels"] = StepJson.Count(otsu.Mask),
        };
    }

    private sealed class OtsuVisitor(int bins, ExecutionOptions execution) : IVolumeVisitor<OtsuThresholdResult>
    {
        public OtsuThresholdResult Visit<T>(Volume<T> volume)
            where T : unmanaged, System.Numerics.INumber<T> =>
            ImageFilters.OtsuThreshold(volume, insideValue: 0, outsideValue: 1, numberOfHistogramBins: bins, execution: execution);
    }
}
