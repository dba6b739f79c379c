using System.Text.Json.Nodes;
using MedImaging.BiasCorrection;
using MedImaging.Filters;

namespace MedImaging.Clinical;

/// <summary>
/// The n4 step: N4 bias field correction as SimpleITK's <c>N4BiasFieldCorrection.py</c> example
/// (<see cref="N4Pipeline"/>: Otsu mask, shrink, fit, full-resolution field divided out); the working image becomes
/// the corrected float32 image. Fields left out of the step take <see cref="MrPipelineOptions"/>' defaults.
/// </summary>
internal static class BiasCorrectionStep
{
    public static JsonObject Run(PipelineContext context, PipelineStepOptions step)
    {
        var defaults = new MrPipelineOptions();
        N4PipelineOptions n4 = (defaults with
        {
            ShrinkFactor = step.ShrinkFactor ?? defaults.ShrinkFactor,
            OtsuNumberOfHistogramBins = step.Bins ?? defaults.OtsuNumberOfHistogramBins,
            MaximumNumberOfIterations = step.MaximumNumberOfIterations ?? defaults.MaximumNumberOfIterations,
            ConvergenceThreshold = step.ConvergenceThreshold ?? defaults.ConvergenceThreshold,
        }).N4();
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
