namespace MedImaging.Clinical;

/// <summary>
/// The chain that runs when the config gives no <see cref="PipelineOptions.Steps"/>: the modality's default steps,
/// built from the <c>ct</c> and <c>mr</c> sections in the same step form a config would state them.
/// CT: resample; <c>body_mask</c> = threshold ≥ body_threshold → keep the largest component → fill holes;
/// <c>bone_mask</c> = threshold ≥ bone_threshold inside the body. MR: <c>bias_correction</c> (N4), then
/// <c>foreground_mask</c> (Otsu).
/// </summary>
internal static class DefaultChain
{
    /// <summary>The configured steps, else the default chain of <paramref name="modality"/>.</summary>
    public static IReadOnlyList<PipelineStepOptions> For(PipelineOptions options, ClinicalModality modality) =>
        options.Steps ?? (modality == ClinicalModality.CT ? Ct(options.Ct) : Mr(options.Mr));

    private static List<PipelineStepOptions> Ct(CtPipelineOptions ct)
    {
        var steps = new List<PipelineStepOptions>();
        if (ct.Resample)
        {
            steps.Add(new() { Step = PipelineStepKind.Resample, Spacing = ct.Spacing, Interpolator = ct.Interpolator, DefaultPixelValue = ct.DefaultPixelValue });
        }

        if (ct.BodyMask)
        {
            const string name = "body_mask";
            steps.Add(new() { Step = PipelineStepKind.Threshold, Name = name, Mask = "body", Lower = ct.BodyThreshold });
            steps.Add(new() { Step = PipelineStepKind.KeepLargestComponents, Name = name, Mask = "body", Components = 1 });
            steps.Add(new() { Step = PipelineStepKind.FillHoles, Name = name, Mask = "body" });
        }

        if (ct.BoneMask)
        {
            steps.Add(new()
            {
                Step = PipelineStepKind.Threshold, Name = "bone_mask", Mask = "bone", Lower = ct.BoneThreshold, Within = ct.BodyMask ? "body" : null,
            });
        }

        return steps;
    }

    private static List<PipelineStepOptions> Mr(MrPipelineOptions mr)
    {
        var steps = new List<PipelineStepOptions>();
        if (mr.BiasCorrection)
        {
            steps.Add(new()
            {
                Step = PipelineStepKind.N4, Name = "bias_correction", ShrinkFactor = mr.ShrinkFactor, Bins = mr.OtsuNumberOfHistogramBins,
                MaximumNumberOfIterations = mr.MaximumNumberOfIterations, ConvergenceThreshold = mr.ConvergenceThreshold,
            });
        }

        if (mr.ForegroundMask)
        {
            steps.Add(new() { Step = PipelineStepKind.OtsuThreshold, Name = "foreground_mask", Mask = "foreground", Bins = mr.OtsuNumberOfHistogramBins });
        }

        return steps;
    }
}
