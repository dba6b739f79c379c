using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Measurements;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg overlap A B [--label N] [--tolerance MM]</c>: overlap measures and distances.</summary>
internal static class OverlapCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var a = new Argument<string>("a") { Description = "Source label image (the segmentation under test)." };
        var b = new Argument<string>("b") { Description = "Target label image (the reference), same grid." };
        var label = new Option<int?>("--label") { Description = "Per-label measures and distances for this label (default: all non-zero labels pooled)." };
        var tolerance = new Option<double>("--tolerance") { Description = "Surface Dice tolerance, mm.", DefaultValueFactory = _ => 1.0 };
        var command = new Command("overlap", "LabelOverlapMeasures, ITK's HausdorffDistance and surface distances (HD95, mean/median surface distance, surface Dice).");
        command.Arguments.Add(a);
        command.Arguments.Add(b);
        command.Options.Add(label);
        command.Options.Add(tolerance);
        CommandRunner.SetBody(command, ctx =>
        {
            double tau = ctx.Parse.GetValue(tolerance);
            if (!(tau >= 0) || !double.IsFinite(tau))
            {
                throw new UsageException($"--tolerance {tau}: must be a non-negative number of mm");
            }

            Volume<int> source = SegmentationInputs.ReadLabels(ctx.Parse.GetValue(a)!, ctx.Execution);
            Volume<int> target = SegmentationInputs.ReadLabels(ctx.Parse.GetValue(b)!, ctx.Execution);
            int? only = ctx.Parse.GetValue(label);
            ((OverlapMeasures Overlap, HausdorffDistanceResult Hausdorff, SurfaceDistanceResult Surface) r, double ms) = CliContext.Time(() =>
            {
                var overlap = ImageMeasurements.LabelOverlapMeasures(source, target, ctx.Execution);
                OverlapMeasures measures = only is int n ? overlap.PerLabel.GetValueOrDefault(n) ?? new OverlapMeasures(0, 0, 0, 0) : overlap.Total;
                Volume<int> s = only is int l1 ? Select(source, l1) : source;
                Volume<int> t = only is int l2 ? Select(target, l2) : target;
                return (measures, ImageMeasurements.HausdorffDistance(s, t, ctx.Execution), ImageMeasurements.SurfaceDistances(s, t, tau, ctx.Execution));
            });
            var json = new JsonObject
            {
                ["label"] = only,
                ["dice"] = Json.Number(r.Overlap.Dice),
                ["jaccard"] = Json.Number(r.Overlap.Jaccard),
                ["volume_similarity"] = Json.Number(r.Overlap.VolumeSimilarity),
                ["false_negative"] = Json.Number(r.Overlap.FalseNegativeError),
                ["false_positive"] = Json.Number(r.Overlap.FalsePositiveError),
                ["hausdorff"] = Json.Number(r.Hausdorff.HausdorffDistance),
                ["hausdorff95"] = Json.Number(r.Surface.Hausdorff95),
                ["average_hausdorff"] = Json.Number(r.Hausdorff.AverageHausdorffDistance),
                ["mean_surface_distance"] = Json.Number(r.Surface.MeanSurfaceDistance),
                ["median_surface_distance"] = Json.Number(r.Surface.MedianSurfaceDistance),
                ["surface_dice"] = Json.Number(r.Surface.SurfaceDice),
                ["tolerance_mm"] = tau,
            };
            json.AddGeometry(source.Geometry);
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }

    private static Volume<int> Select(Volume<int> labels, int label)
    {
        var mask = Volume<int>.CreateLike(labels);
        ReadOnlySpan<int> input = labels.Voxels;
        Span<int> output = mask.Voxels;
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] == label ? 1 : 0;
        }

        return mask;
    }
}
