using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Clinical.Qc;
using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Clinical;

/// <summary>
/// The register step: rigid registration of the working image (moving) to the step's reference image (fixed),
/// <see cref="ImageRegistration.Rigid"/> with <see cref="RegistrationOptions.MattesRigidDefault"/> and the step's
/// optimizer, learning rate, iterations and bins. Writes the transform (fixed LPS point → case LPS point, ITK
/// <c>.tfm</c>), the working image resampled onto the reference grid (linear, the step's outside value) and an
/// axial checkerboard of reference and registered image through the reference's centre
/// (<see cref="QcPictures.RenderCheckerboard"/>). The working image is left as it is.
/// </summary>
internal static class RegistrationStep
{
    /// <summary>Output key and default file of the transform.</summary>
    public const string TransformKey = "transform", DefaultTransformFile = "registration.tfm";

    /// <summary>Output key and default stem of the registered image.</summary>
    public const string RegisteredKey = "registered";

    /// <summary>Output key and default file of the checkerboard picture.</summary>
    public const string CheckerboardKey = "checkerboard", DefaultCheckerboardFile = QcPicturesStep.FilePrefix + "checkerboard.png";

    public static JsonObject Run(PipelineContext context, PipelineStepOptions step)
    {
        string referencePath = step.Reference!;
        Volume reference = ClinicalInput.Read(referencePath, null, new PipelineOptions(), context.Execution).Image;
        RegistrationOptions defaults = RegistrationOptions.MattesRigidDefault;
        RegistrationOptions options = defaults with
        {
            Optimizer = step.Optimizer ?? defaults.Optimizer,
            LearningRate = step.LearningRate ?? defaults.LearningRate,
            NumberOfIterations = step.NumberOfIterations ?? defaults.NumberOfIterations,
            NumberOfHistogramBins = step.Bins ?? defaults.NumberOfHistogramBins,
        };
        RegistrationResult result = ImageRegistration.Rigid(reference, context.Image, options, context.Execution);

        string transformFile = context.NamedFile(TransformKey, DefaultTransformFile);
        TransformFile.Write(Path.Combine(context.OutputDirectory, transformFile), result.Transform);
        context.Outputs.Add(new ReportOutput(transformFile, "transform",
            $"rigid transform (Euler3D) from the reference's LPS points to the case's, ITK transform file; reference: {referencePath}"));

        double outside = step.DefaultPixelValue ?? (context.Modality == ClinicalModality.CT ? ChainSteps.DefaultOutsideValue : 0);
        Volume registered = ImageRegistration.ResampleMoving(reference, context.Image, result.Transform, outside, context.Execution);
        context.WriteOutput(registered, RegisteredKey, RegisteredKey, "image",
            $"the working image on the reference's grid through the registration transform (linear, {StepJson.Invariant(outside)} outside)");

        var qc = new QcOptions { Window = context.Modality == ClinicalModality.CT ? QcWindow.CtSoftTissue : null };
        QcImage checkerboard = QcPictures.RenderCheckerboard(reference, registered, QcPlane.Axial, options: qc, execution: context.Execution);
        string checkerboardFile = context.NamedFile(CheckerboardKey, DefaultCheckerboardFile);
        checkerboard.Save(Path.Combine(context.OutputDirectory, checkerboardFile));
        Vec3 p = checkerboard.Frame.FocusPoint;
        context.Qc.Add(new QcPicture(checkerboardFile, "axial", string.Create(CultureInfo.InvariantCulture,
            $"checkerboard of the reference and the registered image, axial plane through ({p.X:0.##}, {p.Y:0.##}, {p.Z:0.##}) LPS mm, window W{checkerboard.Window.Width:0.#} L{checkerboard.Window.Level:0.#}: edges continuing across squares mean the images are aligned")));

        return new JsonObject
        {
            ["reference"] = referencePath,
            ["optimizer"] = options.Optimizer.ToString(),
            ["learning_rate"] = options.LearningRate,
            ["number_of_iterations"] = options.NumberOfIterations,
            ["bins"] = options.NumberOfHistogramBins,
            ["transform"] = result.Transform.NameOfClass,
            ["parameters"] = StepJson.Numbers(result.Transform.Parameters),
            ["fixed_parameters"] = StepJson.Numbers(result.Transform.FixedParameters),
            ["metric"] = result.MetricValue,
            ["iterations"] = StepJson.Numbers(result.Iterations),
            ["stop"] = result.StopCondition,
        };
    }
}
