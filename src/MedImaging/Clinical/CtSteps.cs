using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.Resampling;

namespace MedImaging.Clinical;

/// <summary>
/// CT: resampling to the configured spacing (SimpleITK cookbook: <c>Resample</c> onto the grid of the same origin and
/// direction, size = round(size · spacing / new spacing), cubic B-spline, −1024 HU outside), pixel type kept.
/// </summary>
internal sealed class CtResampleStep : IPipelineStep
{
    public string Name => "resample";

    public bool IsEnabled(PipelineContext context) => IsCt(context, context.Options.Ct.Resample);

    /// <summary>True for a CT case whose step switch <paramref name="enabled"/> is on.</summary>
    internal static bool IsCt(PipelineContext context, bool enabled) => context.Modality == ClinicalModality.CT && enabled;

    /// <summary>The 0/1 mask of working-image voxels ≥ <paramref name="threshold"/> HU (<c>BinaryThreshold</c> with no upper limit).</summary>
    internal static Volume<byte> AtLeast(PipelineContext context, double threshold) =>
        ImageFilters.BinaryThreshold(context.Image, threshold, double.MaxValue, execution: context.Execution);

    public JsonObject Run(PipelineContext context)
    {
        CtPipelineOptions ct = context.Options.Ct;
        context.Image = Resampler.ResampleToSpacing(context.Image, ct.SpacingVector, ct.Interpolator, ct.DefaultValue, execution: context.Execution);
        return new JsonObject
        {
            ["spacing"] = StepJson.Numbers(ct.Spacing),
            ["interpolator"] = ct.Interpolator.ToString(),
            ["default_value"] = ct.DefaultValue,
            ["pixel_type"] = context.Image.PixelType.ToName(),
        };
    }
}

/// <summary>
/// CT body mask: voxels ≥ <see cref="CtPipelineOptions.BodyThreshold"/> HU (<c>BinaryThreshold</c>), the largest
/// 6-connected component (<c>ConnectedComponent</c> + <c>RelabelComponent</c>), holes filled (<c>BinaryFillhole</c>,
/// so lungs and bowel gas inside the body belong to it).
/// </summary>
internal sealed class CtBodyMaskStep : IPipelineStep
{
    public string Name => "body_mask";

    public bool IsEnabled(PipelineContext context) => CtResampleStep.IsCt(context, context.Options.Ct.BodyMask);

    public JsonObject Run(PipelineContext context)
    {
        double threshold = context.Options.Ct.BodyThreshold;
        Volume<byte> above = CtResampleStep.AtLeast(context, threshold);
        Volume<byte> largest = ImageFilters.KeepLargestComponents(above, 1, execution: context.Execution);
        Volume<byte> body = ImageFilters.BinaryFillhole(largest, execution: context.Execution);
        context.Masks.Add(new NamedMask("body", body, $"largest 6-connected component of voxels ≥ {StepJson.Invariant(threshold)} HU, holes filled"));
        return new JsonObject
        {
            ["threshold_hu"] = threshold,
            ["voxels_above_threshold"] = StepJson.Count(above),
            ["voxels_largest_component"] = StepJson.Count(largest),
            ["voxels_filled"] = StepJson.Count(body),
        };
    }
}

/// <summary>CT bone mask: voxels ≥ <see cref="CtPipelineOptions.BoneThreshold"/> HU inside the body mask (or anywhere without one).</summary>
internal sealed class CtBoneMaskStep : IPipelineStep
{
    public string Name => "bone_mask";

    public bool IsEnabled(PipelineContext context) => CtResampleStep.IsCt(context, context.Options.Ct.BoneMask);

    public JsonObject Run(PipelineContext context)
    {
        double threshold = context.Options.Ct.BoneThreshold;
        Volume<byte>? body = context.Mask("body");
        Volume<byte> bone = body is null ? CtResampleStep.AtLeast(context, threshold)
            : ImageFilters.Mask(CtResampleStep.AtLeast(context, threshold), body, execution: context.Execution);

        context.Masks.Add(new NamedMask("bone", bone, $"voxels ≥ {StepJson.Invariant(threshold)} HU{(body is null ? "" : " inside the body mask")}"));
        return new JsonObject
        {
            ["threshold_hu"] = threshold,
            ["inside_body_mask"] = body is not null,
            ["voxels"] = StepJson.Count(bone),
        };
    }
}
