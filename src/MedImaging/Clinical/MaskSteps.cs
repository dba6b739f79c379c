using System.Text.Json.Nodes;
using MedImaging.Filters;

namespace MedImaging.Clinical;

/// <summary>
/// The configured steps that make or change a named 0/1 mask on the working grid: threshold, Otsu, binary
/// morphology, keep-largest-components and hole filling. A mask is changed in place where the filter allows it
/// (threshold inside another mask, closing by a voxel kernel), so the working image and one byte mask are the
/// largest things held; the others replace the mask by the filter's output.
/// </summary>
internal static class MaskSteps
{
    /// <summary>Runs a mask step; returns its report parameters.</summary>
    public static JsonObject Run(PipelineContext context, PipelineStepOptions step)
    {
        string name = step.Mask!;
        return step.Step switch
        {
            PipelineStepKind.Threshold => Threshold(context, step, name),
            PipelineStepKind.OtsuThreshold => Otsu(context, step, name),
            PipelineStepKind.KeepLargestComponents => Change(context, name, step,
                mask => ImageFilters.KeepLargestComponents(mask, step.Components ?? 1, execution: context.Execution),
                $"largest {step.Components ?? 1} 6-connected component(s)"),
            PipelineStepKind.FillHoles => Change(context, name, step,
                mask => ImageFilters.BinaryFillhole(mask, execution: context.Execution), "holes filled"),
            _ => Morphology(context, step, name),
        };
    }

    private static JsonObject Threshold(PipelineContext context, PipelineStepOptions step, string name)
    {
        double lower = step.Lower ?? double.MinValue, upper = step.Upper ?? double.MaxValue;
        Volume<byte> mask = ImageFilters.BinaryThreshold(context.Image, lower, upper, execution: context.Execution);
        string range = step.Upper is null ? $"≥ {StepJson.Invariant(lower)}" : step.Lower is null ? $"≤ {StepJson.Invariant(upper)}" : $"in [{StepJson.Invariant(lower)}, {StepJson.Invariant(upper)}]";
        string description = $"voxels {range}{context.IntensitySuffix}";
        if (step.Within is string within)
        {
            Volume<byte> outer = context.Mask(within) ?? throw new ArgumentException($"threshold of '{name}': no mask '{within}' was made before it");
            And(mask, outer, context.Execution);
            description += $" inside the {within} mask";
        }

        context.SetMask(name, mask, description);
        return new JsonObject
        {
            ["mask"] = name,
            ["lower"] = step.Lower,
            ["upper"] = step.Upper,
            ["within"] = step.Within,
            ["voxels_in_range"] = StepJson.Count(mask),
        };
    }

    private static JsonObject Otsu(PipelineContext context, PipelineStepOptions step, string name)
    {
        int bins = step.Bins ?? MrPipelineOptions.DefaultOtsuBins;
        OtsuThresholdResult otsu = ImageFilters.OtsuThreshold(context.Image, insideValue: 0, outsideValue: 1, numberOfHistogramBins: bins,
            execution: context.Execution);
        context.SetMask(name, otsu.Mask, $"voxels above the Otsu threshold ({bins} bins)");
        return new JsonObject
        {
            ["mask"] = name,
            ["number_of_histogram_bins"] = bins,
            ["threshold"] = otsu.Threshold,
            ["voxels"] = StepJson.Count(otsu.Mask),
        };
    }

    private static JsonObject Morphology(PipelineContext context, PipelineStepOptions step, string name)
    {
        Volume<byte> mask = Existing(context, name, step);
        string operation = PipelineStepOptions.KindName(step.Step)["binary_".Length..];
        string what;
        if (step.RadiusMm is double mm)
        {
            what = $"{operation} by a ball of {StepJson.Invariant(mm)} mm";
            Volume<byte> changed = step.Step switch
            {
                PipelineStepKind.BinaryClosing => ImageFilters.BinaryMorphologicalClosingPhysical(mask, mm, execution: context.Execution),
                PipelineStepKind.BinaryOpening => ImageFilters.BinaryMorphologicalOpeningPhysical(mask, mm, execution: context.Execution),
                PipelineStepKind.BinaryDilate => ImageFilters.BinaryDilatePhysical(mask, mm, execution: context.Execution),
                _ => ImageFilters.BinaryErodePhysical(mask, mm, execution: context.Execution),
            };
            context.SetMask(name, changed, Append(context, name, what));
        }
        else
        {
            int radius = step.Radius!.Value;
            KernelType kernel = step.Kernel ?? KernelType.Ball;
            what = $"{operation} by a {kernel.ToString().ToLowerInvariant()} of radius {radius} voxels";
            if (step.Step == PipelineStepKind.BinaryClosing)
            {
                ImageFilters.BinaryMorphologicalClosingInPlace(mask, radius, kernel, context.Execution);
                context.SetMask(name, mask, Append(context, name, what));
            }
            else
            {
                Volume<byte> changed = step.Step switch
                {
                    PipelineStepKind.BinaryOpening => ImageFilters.BinaryMorphologicalOpening(mask, radius, kernel, execution: context.Execution),
                    PipelineStepKind.BinaryDilate => ImageFilters.BinaryDilate(mask, radius, kernel, execution: context.Execution),
                    _ => ImageFilters.BinaryErode(mask, radius, kernel, execution: context.Execution),
                };
                context.SetMask(name, changed, Append(context, name, what));
            }
        }

        return new JsonObject
        {
            ["mask"] = name,
            ["radius"] = step.Radius,
            ["radius_mm"] = step.RadiusMm,
            ["kernel"] = step.RadiusMm is null ? (step.Kernel ?? KernelType.Ball).ToString().ToLowerInvariant() : null,
            [$"voxels_after_{operation}"] = StepJson.Count(context.Mask(name)!),
        };
    }

    /// <summary>Replaces mask <paramref name="name"/> by <paramref name="filter"/>(mask); <paramref name="what"/> is appended to its description.</summary>
    private static JsonObject Change(PipelineContext context, string name, PipelineStepOptions step, Func<Volume<byte>, Volume<byte>> filter, string what)
    {
        Volume<byte> changed = filter(Existing(context, name, step));
        context.SetMask(name, changed, Append(context, name, what));
        string key = step.Step == PipelineStepKind.FillHoles ? "voxels_filled" : "voxels_largest_components";
        return new JsonObject
        {
            ["mask"] = name,
            ["components"] = step.Components,
            [key] = StepJson.Count(changed),
        };
    }

    private static Volume<byte> Existing(PipelineContext context, string name, PipelineStepOptions step) =>
        context.Mask(name) ?? throw new ArgumentException($"{step.ReportName}: no mask '{name}' was made before it");

    private static string Append(PipelineContext context, string name, string what) => $"{context.Description(name)}, {what}";

    /// <summary>mask &amp;= outer, in place.</summary>
    private static void And(Volume<byte> mask, Volume<byte> outer, ExecutionOptions execution)
    {
        Memory<byte> target = mask.Memory, other = outer.Memory;
        Parallelism.For(target.Length, 1 << 20, execution, (start, end) =>
        {
            Span<byte> t = target.Span[start..end];
            ReadOnlySpan<byte> o = other.Span[start..end];
            for (int i = 0; i < t.Length; i++)
            {
                t[i] &= o[i];
            }
        });
    }
}
