using System.Numerics;
using System.Text.Json.Nodes;
using MedImaging.Measurements;
using MedImaging.Resampling;

namespace MedImaging.Clinical;

/// <summary>
/// Per-structure statistics on the working grid: every mask made so far (label 1 of each), then every label of the
/// label image. The label image is first brought onto the working grid with nearest-neighbour resampling (label
/// values are copied, never averaged; outside the label image is 0). Intensities: <c>LabelStatistics</c>; voxels,
/// volume, centroid and bounding box: <c>LabelShapeStatistics</c>.
/// </summary>
internal sealed class StatisticsStep : IPipelineStep
{
    public string Name => "statistics";

    public bool IsEnabled(PipelineContext context) => context.Masks.Count > 0 || context.Labels is not null;

    public JsonObject Run(PipelineContext context)
    {
        var json = new JsonObject();
        foreach (NamedMask mask in context.Masks)
        {
            string? file = context.Options.WriteMasks ? context.FileName(mask.Name, MaskStem(mask.Name)) : null;
            context.Structures.AddRange(Measure(context, mask.Mask, [1], _ => mask.Name, "mask", file));
        }

        if (context.Labels is Volume<int> labels)
        {
            int[] present = PresentLabels(labels);
            bool aligned = labels.Geometry.IsSameSpace(context.Image.Geometry);
            if (!aligned)
            {
                labels = Resampler.Resample(labels, context.Image.Geometry, interpolator: InterpolatorType.NearestNeighbor,
                    defaultPixelValue: 0, execution: context.Execution);
                context.Labels = labels;
            }

            string? file = context.Options.WriteMasks ? context.FileName(LabelsKey, LabelsStem) : null;
            List<StructureResult> structures = Measure(context, labels, present, l => LabelName(context.Options, l), "labels", file);
            foreach (StructureResult lost in structures.Where(s => s.Voxels == 0))
            {
                context.Warnings.Add($"label {lost.Label} ('{lost.Name}') has no voxel on the working grid after nearest-neighbour resampling");
            }

            context.Structures.AddRange(structures);
            json["labels"] = StepJson.Numbers(present);
            json["labels_resampled"] = !aligned;
            json["label_interpolator"] = InterpolatorType.NearestNeighbor.ToString();
        }

        json["structures"] = context.Structures.Count;
        return json;
    }

    /// <summary>The file stem of a mask image.</summary>
    public static string MaskStem(string name) => "mask_" + name;

    /// <summary>The file stem of the label image on the working grid, and its key in the config's <c>outputs</c>.</summary>
    public const string LabelsStem = "labels";

    /// <summary>The label image's key in the config's <c>outputs</c>.</summary>
    public const string LabelsKey = LabelsStem;

    private static string LabelName(PipelineOptions options, int label) =>
        options.LabelNames.TryGetValue(label, out string? name) ? name : $"label {label}";

    /// <summary>The non-zero values of the label image, ascending.</summary>
    private static int[] PresentLabels(Volume<int> labels)
    {
        var present = new SortedSet<int>();
        int previous = 0;
        foreach (int v in labels.Voxels)
        {
            if (v != previous && v != 0)
            {
                present.Add(v);
            }

            previous = v;
        }

        return [.. present];
    }

    private static List<StructureResult> Measure<TLabel>(PipelineContext context, Volume<TLabel> labels, int[] wanted,
        Func<int, string> name, string source, string? file)
        where TLabel : unmanaged, INumber<TLabel>
    {
        LabelStatisticsResult intensity = ImageMeasurements.LabelStatistics(context.Image, labels, onlyLabels: wanted, execution: context.Execution);
        LabelShapeStatisticsResult shape = ImageMeasurements.LabelShapeStatistics(labels, computePerimeter: false, execution: context.Execution);
        var results = new List<StructureResult>(wanted.Length);
        foreach (int label in wanted)
        {
            LabelIntensityStatistics i = intensity.Get(label);
            LabelShapeStatistics s = shape.Get(label);
            bool any = s.NumberOfPixels > 0;
            results.Add(new StructureResult
            {
                Name = name(label),
                Source = source,
                Label = label,
                File = file,
                Voxels = s.NumberOfPixels,
                VolumeMl = s.PhysicalSizeMl,
                Mean = any ? i.Mean : null,
                Sd = any ? i.Sigma : null,
                Min = any ? i.Minimum : null,
                Max = any ? i.Maximum : null,
                Median = any ? i.Median : null,
                CentroidLps = any ? s.Centroid.ToArray() : null,
                BboxIndex = any ? [s.BoundingBoxIndex.X, s.BoundingBoxIndex.Y, s.BoundingBoxIndex.Z] : null,
                BboxSize = any ? s.BoundingBoxSize.ToArray() : null,
                BboxMinLps = any ? s.PhysicalBoundingBoxMin.ToArray() : null,
                BboxMaxLps = any ? s.PhysicalBoundingBoxMax.ToArray() : null,
            });
        }

        return results;
    }
}

/// <summary>Writes the working image, every mask and the label image on the working grid into the output folder.</summary>
internal sealed class WriteImagesStep : IPipelineStep
{
    /// <summary>The file stem of the working image.</summary>
    public const string ImageStem = "image";

    /// <summary>The working image's key in the config's <c>outputs</c>.</summary>
    public const string ImageKey = ImageStem;

    public string Name => "write_images";

    public bool IsEnabled(PipelineContext context) => context.Options.WriteImage || context.Options.WriteMasks;

    public JsonObject Run(PipelineContext context)
    {
        if (context.Options.WriteImage)
        {
            string what = context.Modality == ClinicalModality.CT ? "CT on the working grid, HU" : "MR on the working grid";
            context.WriteOutput(context.Image, ImageKey, ImageStem, "image", what);
        }

        if (context.Options.WriteMasks)
        {
            foreach (NamedMask mask in context.Masks)
            {
                context.WriteOutput(mask.Mask, mask.Name, StatisticsStep.MaskStem(mask.Name), "mask", mask.Description);
            }

            if (context.Labels is Volume<int> labels)
            {
                context.WriteOutput(labels, StatisticsStep.LabelsKey, StatisticsStep.LabelsStem, "labels", "the label image on the working grid (nearest neighbour)");
            }
        }

        return new JsonObject
        {
            ["extension"] = context.Options.OutputExtension,
            ["files"] = context.Outputs.Count,
        };
    }
}
