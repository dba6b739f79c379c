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

    public bool IsEnabled(PipelineContext context) => context.Modality == ClinicalModality.CT && context.Options.Ct.Resample;

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

    public bool IsEnabled(PipelineContext context) => context.Modality == ClinicalModality.CT && context.Options.Ct.BodyMask;

    public JsonObject Run(PipelineContext context)
    {
        double threshold = context.Options.Ct.BodyThreshold;
        Volume<byte> above = ImageFilters.BinaryThreshold(context.Image, threshold, double.MaxValue, execution: context.Execution);
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

    public bool IsEnabled(PipelineContext context) => context.Modality == ClinicalModality.CT && context.Options.Ct.BoneMask;

    public JsonObject Run(PipelineContext context)
    {
        double threshold = context.Options.Ct.BoneThreshold;
        Volume<byte> bone = ImageFilters.BinaryThreshold(context.Image, threshold, double.MaxValue, execution: context.Execution);
        Volume<byte>? body = context.Mask("body");
        if (body is not null)
        {
            bone = ImageFilters.Mask(bone, body, execution: context.Execution);
        }

        context.Masks.Add(new NamedMask("bone", bone, $"voxels ≥ {StepJson.Invariant(threshold)} HU{(body is null ? "" : " inside the body mask")}"));
        return new JsonObject
        {
            ["threshold_hu"] = threshold,
            ["inside_body_mask"] = body is not null,
            ["voxels"] = StepJson.Count(bone),
        };
    }
}
