using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Clinical.Qc;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg qc IN OUT.png [--labels L] [--plane axial|coronal|sagittal|all|montage] [--window W,L] [--point X,Y,Z]</c>:
/// QC pictures in radiological display (<see cref="QcPictures"/>).
/// </summary>
internal static class QcCommand
{
    private static readonly string[] Planes = ["axial", "coronal", "sagittal", "all", "montage"];

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Output PNG; with --plane all, OUT's name gains _axial, _coronal, _sagittal." };
        var labels = new Option<string?>("--labels") { Description = "Label image drawn over the picture (any grid overlapping the image; 0 = background)." };
        var plane = new Option<string>("--plane") { Description = "axial, coronal, sagittal, all (three files) or montage (axial tiles).", DefaultValueFactory = _ => "all" };
        var window = new Option<string?>("--window") { Description = $"Display window: a CT preset ({QcWindowPresets.Names}; docs/CLI.md gives the values and their source) or W,L in image units (e.g. 400,40); default: the series' own WindowCenter/WindowWidth, else for CT the preset of its body part (brain for a head, mediastinum for a chest, else abdomen), else the 1st-99th percentile window." };
        var point = new Option<string?>("--point") { Description = "LPS point X,Y,Z (mm) the planes pass through; default: label centroid, else the image centre." };
        var focusLabel = new Option<int?>("--focus-label") { Description = "Pass through this label's centroid (needs --labels)." };
        var overlay = new Option<string>("--overlay") { Description = "Label drawing: fill, contour or both.", DefaultValueFactory = _ => "both" };
        var alpha = new Option<double>("--alpha") { Description = "Label fill opacity 0..1.", DefaultValueFactory = _ => 0.3 };
        var tiles = new Option<int>("--tiles") { Description = "Axial planes in a montage.", DefaultValueFactory = _ => 9 };
        var noText = new Option<bool>("--no-annotations") { Description = "Leave out orientation letters, window and position." };
        var minSize = new Option<int>("--min-size") { Description = "Smallest picture size in pixels (the image's largest extent): small images are upscaled to it; 1 shows the smallest voxel spacing pixel for pixel.", DefaultValueFactory = _ => 512 };
        var command = new Command("qc", "Write QC pictures (PNG) of an image and its labels: axial/coronal/sagittal planes in radiological display, square pixels, windowed.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        foreach (Option option in new Option[] { labels, plane, window, point, focusLabel, overlay, alpha, tiles, noText, minSize })
        {
            command.Options.Add(option);
        }

        var folder = new FolderOptions(command);

        CommandRunner.SetBody(command, ctx =>
        {
            string which = ctx.Parse.GetValue(plane)!.ToLowerInvariant();
            if (!Planes.Contains(which))
            {
                throw new UsageException($"--plane: '{which}' is not one of {string.Join(", ", Planes)}");
            }

            QcOptions options = Options(ctx.Parse.GetValue(point), ctx.Parse.GetValue(focusLabel),
                ctx.Parse.GetValue(overlay)!, ctx.Parse.GetValue(alpha), !ctx.Parse.GetValue(noText));
            int tileCount = ctx.Parse.GetValue(tiles);
            if (tileCount < 1)
            {
                throw new UsageException("--tiles must be at least 1");
            }

            string outPath = ctx.Parse.GetValue(output)!;
            QcWindow? chosen = QcWindowChoice.Parse(ctx.Parse.GetValue(window));
            ImageInputs.Input read = ImageInputs.Read(ctx.Parse.GetValue(input)!, ctx.Execution, folder.Get(ctx.Parse));
            Volume image = read.Series[0];
            (QcWindow? fallback, string source) = chosen is null ? QcWindowChoice.Default(read, image, ctx.Execution) : (null, "--window");
            int smallest = ctx.Parse.GetValue(minSize);
            if (smallest is < 1 or > 4096)
            {
                throw new UsageException("--min-size must be within 1..4096 pixels");
            }

            options = options with { Window = chosen ?? fallback, MinPictureSize = smallest, MaxPictureSize = Math.Max(options.MaxPictureSize, smallest), MontageOverAnatomy = true };
            Volume? labelVolume = ctx.Parse.GetValue(labels) is string l ? SegmentationInputs.ReadLabels(l, ctx.Execution) : null;
            (IReadOnlyList<(string Path, QcImage Picture)> pictures, double ms) = CliContext.Time(() => Render(which, outPath, image, labelVolume, options, tileCount, ctx.Execution));
            var outputs = new JsonArray();
            foreach ((string path, QcImage picture) in pictures)
            {
                picture.Save(path);
                outputs.Append(Describe(path, picture));
            }

            var json = new JsonObject { ["input"] = ctx.Parse.GetValue(input), ["outputs"] = outputs };
            json.AddGeometry(image.Geometry);
            json["window_source"] = source;
            json["ms"] = Json.Ms(ms);
            return json;
        });
        return command;
    }

    private static IReadOnlyList<(string Path, QcImage Picture)> Render(string which, string outPath, Volume image, Volume? labels,
        QcOptions options, int tiles, ExecutionOptions execution)
    {
        switch (which)
        {
            case "all":
                IReadOnlyList<QcImage> planes = QcPictures.RenderPlanes(image, options, labels, execution);
                string stem = Path.Combine(Path.GetDirectoryName(outPath) ?? "", Path.GetFileNameWithoutExtension(outPath));
                return [.. planes.Select(p => ($"{stem}_{p.Frame.Plane.ToString().ToLowerInvariant()}.png", p))];
            case "montage":
                return [(outPath, QcPictures.RenderAxialMontage(image, tiles, (int)Math.Ceiling(Math.Sqrt(tiles)), options, labels, execution))];
            default:
                return [(outPath, QcPictures.Render(image, Enum.Parse<QcPlane>(which, ignoreCase: true), options, labels, execution))];
        }
    }

    private static QcOptions Options(string? point, int? focusLabel, string overlay, double alpha, bool annotate)
    {
        if (alpha is < 0 or > 1)
        {
            throw new UsageException("--alpha must be within 0..1");
        }

        QcOverlayMode mode = overlay.ToLowerInvariant() switch
        {
            "fill" => QcOverlayMode.Fill,
            "contour" => QcOverlayMode.Contour,
            "both" => QcOverlayMode.FillAndContour,
            _ => throw new UsageException($"--overlay: '{overlay}' is not fill, contour or both"),
        };
        return new QcOptions
        {
            Point = point is null ? null : Vec3.FromSpan(Json.ParseList(point, 3, "--point")),
            FocusLabel = focusLabel,
            Overlay = mode,
            OverlayAlpha = alpha,
            Annotate = annotate,
        };
    }

    private static JsonObject Describe(string path, QcImage picture)
    {
        QcFrame f = picture.Frame;
        return new JsonObject
        {
            ["file"] = path,
            ["plane"] = picture.Tiles.Count > 1 ? "axial-montage" : f.Plane.ToString().ToLowerInvariant(),
            ["width"] = picture.Width,
            ["height"] = picture.Height,
            ["pixel_spacing"] = f.PixelSpacing,
            ["point"] = Json.Array(f.FocusPoint.ToArray()),
            ["window"] = Json.Array(new[] { picture.Window.Width, picture.Window.Level }),
        };
    }
}
