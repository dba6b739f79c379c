using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Clinical.Qc;

namespace MedImaging.Clinical;

/// <summary>
/// The <c>qc_pictures</c> step: axial, coronal and sagittal PNGs of the working image (<see cref="QcPictures.RenderPlanes"/>)
/// written as <c>qc_axial.png</c>, <c>qc_coronal.png</c>, <c>qc_sagittal.png</c> and listed in the report's
/// <c>qc[]</c>. Overlay: the label image when given, else the first mask (CT body, MR foreground); the planes pass
/// through the overlay's centroid (else the image centre). Window: CT W400/L40 HU, MR the 1st–99th percentile.
/// Runs unless <see cref="PipelineOptions.QcPictures"/> is false (<c>"qc_pictures": false</c>, <c>--no-qc</c>).
/// </summary>
internal sealed class QcPicturesStep : IPipelineStep
{
    /// <summary>The file name prefix of the pictures.</summary>
    public const string FilePrefix = "qc_";

    public string Name => "qc_pictures";

    public bool IsEnabled(PipelineContext context) => context.Options.QcPictures;

    public JsonObject Run(PipelineContext context)
    {
        (Volume? overlay, string overlayName) = context.Labels is Volume<int> labels
            ? ((Volume?)labels, "labels")
            : context.Masks.Count > 0 ? (context.Masks[0].Mask, context.Masks[0].Name + " mask") : (null, "none");
        var options = new QcOptions { Window = context.Modality == ClinicalModality.CT ? QcWindow.CtSoftTissue : null };
        IReadOnlyList<QcImage> pictures = QcPictures.RenderPlanes(context.Image, options, overlay, context.Execution);
        foreach (QcImage picture in pictures)
        {
            string plane = picture.Frame.Plane.ToString().ToLowerInvariant();
            string file = FilePrefix + plane + ".png";
            picture.Save(Path.Combine(context.OutputDirectory, file));
            Vec3 p = picture.Frame.FocusPoint;
            context.Qc.Add(new QcPicture(file, plane, string.Create(CultureInfo.InvariantCulture,
                $"{plane} plane of the working image through ({p.X:0.##}, {p.Y:0.##}, {p.Z:0.##}) LPS mm, {picture.Width}x{picture.Height} pixels of {picture.Frame.PixelSpacing:0.###} mm, window W{picture.Window.Width:0.#} L{picture.Window.Level:0.#}, overlay: {overlayName}")));
        }

        QcImage first = pictures[0];
        return new JsonObject
        {
            ["files"] = pictures.Count,
            ["point_lps"] = StepJson.Numbers(first.Frame.FocusPoint.ToArray()),
            ["window"] = StepJson.Numbers([first.Window.Width, first.Window.Level]),
            ["pixel_spacing"] = first.Frame.PixelSpacing,
            ["overlay"] = overlayName,
        };
    }
}
