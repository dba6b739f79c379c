using System.Text.Json.Nodes;
using MedImaging.Resampling;

namespace MedImaging.Clinical;

/// <summary>
/// Runs one configured step (<see cref="PipelineStepOptions"/>) on the case: resampling and N4 replace the working
/// image, registration writes its own files, mask steps make or change a named mask (<see cref="MaskSteps"/>). Returns the step's report parameters.
/// </summary>
internal static class ChainSteps
{
    /// <summary>Default interpolator of the resample step (the SimpleITK cookbook's cubic B-spline).</summary>
    public const InterpolatorType DefaultInterpolator = InterpolatorType.BSpline3;

    /// <summary>Default outside value of the resample step, HU (air).</summary>
    public const double DefaultOutsideValue = -1024;

    /// <summary>Runs <paramref name="step"/>.</summary>
    public static JsonObject Run(PipelineContext context, PipelineStepOptions step) => step.Step switch
    {
        PipelineStepKind.Resample => Resample(context, step),
        PipelineStepKind.N4 => BiasCorrectionStep.Run(context, step),
        PipelineStepKind.Register => RegistrationStep.Run(context, step),
        _ => MaskSteps.Run(context, step),
    };

    /// <summary>
    /// SimpleITK cookbook resampling: onto the grid of the same origin and direction (an oblique direction is kept),
    /// size = round(size · spacing / new spacing), pixel type kept.
    /// </summary>
    private static JsonObject Resample(PipelineContext context, PipelineStepOptions step)
    {
        IReadOnlyList<double> spacing = step.Spacing!;
        InterpolatorType interpolator = step.Interpolator ?? DefaultInterpolator;
        double outside = step.DefaultPixelValue ?? DefaultOutsideValue;
        IntegerConversion conversion = step.IntegerConversion ?? IntegerConversion.RoundToNearest;
        context.Image = Resampler.ResampleToSpacing(context.Image, new Vec3(spacing[0], spacing[1], spacing[2]), interpolator, outside,
            conversion: conversion, execution: context.Execution);
        return new JsonObject
        {
            ["spacing"] = StepJson.Numbers(spacing),
            ["interpolator"] = interpolator.ToString(),
            ["default_pixel_value"] = outside,
            ["integer_conversion"] = conversion.ToString(),
            ["pixel_type"] = context.Image.PixelType.ToName(),
        };
    }
}
