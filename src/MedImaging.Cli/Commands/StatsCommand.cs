using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.IO;
using MedImaging.Measurements;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg stats IMAGE [--labels L] [--label N] [--percentiles P,…]</c>: per-label statistics.</summary>
internal static class StatsCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Intensity image: " + ImageInputs.InDescription };
        var labels = new Option<string?>("--labels") { Description = "Label image on the same grid (non-negative integers); without it every voxel is label 1." };
        var label = new Option<int?>("--label") { Description = "Report only this label (an absent label gives count 0)." };
        var percentiles = new Option<string?>("--percentiles") { Description = "Comma-separated percentiles 0..100 to report (linear interpolation)." };
        var command = new Command("stats", "Label statistics: intensity (LabelStatistics) and shape (LabelShapeStatistics with Feret diameter).");
        command.Arguments.Add(image);
        command.Options.Add(labels);
        command.Options.Add(label);
        command.Options.Add(percentiles);
        var folder = new FolderOptions(command);
        CommandRunner.SetBody(command, ctx =>
        {
            double[] requested = ctx.Parse.GetValue(percentiles) is string p ? Json.ParseList(p, null, "--percentiles") : [];
            if (requested.Any(v => v is < 0 or > 100))
            {
                throw new UsageException("--percentiles: every value must be within 0..100");
            }

            Volume volume = ImageInputs.ReadVolume(ctx.Parse.GetValue(image)!, ctx.Execution, folder.Get(ctx.Parse));
            Volume labelVolume = ctx.Parse.GetValue(labels) is string l
                ? SegmentationInputs.ReadLabelImage(l, ctx.Execution)
                : Whole(volume.Geometry);
            int? only = ctx.Parse.GetValue(label);
            ((LabelStatisticsResult Intensity, LabelShapeStatisticsResult Shape) result, double ms) = CliContext.Time(() =>
                Measure(volume, labelVolume, requested, only, ctx.Execution));
            IEnumerable<int> reported = only is int single ? [single] : result.Shape.Labels.Keys;
            var items = new JsonArray();
            foreach (int n in reported)
            {
                items.Append(Item(result.Intensity.Get(n), result.Shape.Get(n)));
            }

            var json = new JsonObject { ["labels"] = items };
            json.AddGeometry(volume.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }

    /// <summary>Shape statistics of the label image, then the intensity statistics of the wanted labels.</summary>
    private static (LabelStatisticsResult Intensity, LabelShapeStatisticsResult Shape) Measure(Volume image, Volume labels, double[] percentiles,
        int? only, ExecutionOptions execution)
    {
        var shape = ImageMeasurements.LabelShapeStatistics(labels, computeFeretDiameter: true, execution: execution);
        int[] wanted = only is int n ? [n] : [.. shape.Labels.Keys];
        return (ImageMeasurements.LabelStatistics(image, labels, percentiles, wanted, execution), shape);
    }

    private static Volume<byte> Whole(VolumeGeometry geometry)
    {
        var all = new Volume<byte>(geometry);
        all.Fill(1);
        return all;
    }

    private static JsonObject Item(LabelIntensityStatistics s, LabelShapeStatistics shape) => new()
    {
        ["label"] = s.Label,
        ["count"] = s.Count,
        ["volume_mm3"] = Json.Number(shape.PhysicalSize),
        ["volume_ml"] = Json.Number(shape.PhysicalSizeMl),
        ["mean"] = Json.Number(s.Mean),
        ["sd"] = Json.Number(s.Sigma),
        ["min"] = Json.Number(s.Minimum),
        ["max"] = Json.Number(s.Maximum),
        ["median"] = Json.Number(s.Median),
        ["percentiles"] = new JsonObject(s.Percentiles.Select(kv =>
            KeyValuePair.Create(kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Json.Number(kv.Value)))),
        ["skewness"] = Json.Number(s.Skewness),
        ["kurtosis"] = Json.Number(s.Kurtosis),
        ["bbox_index"] = Json.Array([shape.BoundingBoxIndex.X, shape.BoundingBoxIndex.Y, shape.BoundingBoxIndex.Z]),
        ["bbox_size"] = Json.Array(shape.BoundingBoxSize.ToArray()),
        ["centroid"] = SegmentationInputs.Array(shape.Centroid),
        ["weighted_centroid"] = SegmentationInputs.Array(s.WeightedCentroid),
        ["equivalent_spherical_diameter"] = Json.Number(shape.EquivalentSphericalDiameter),
        ["feret_diameter"] = Json.Number(shape.FeretDiameter ?? 0),
        ["elongation"] = Json.Number(shape.Elongation),
        ["flatness"] = Json.Number(shape.Flatness),
        ["principal_moments"] = SegmentationInputs.Array(shape.PrincipalMoments),
        ["perimeter_mm2"] = Json.Number(shape.Perimeter ?? 0),
        ["perimeter_on_border_mm2"] = Json.Number(shape.PerimeterOnBorder ?? 0),
        ["roundness"] = Json.Number(shape.Roundness ?? 0),
    };
}
