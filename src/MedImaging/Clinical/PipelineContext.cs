using System.Text.Json.Nodes;
using MedImaging.IO;

namespace MedImaging.Clinical;

/// <summary>
/// One step of <see cref="ClinicalPipeline"/>: reads and replaces what it needs in the <see cref="PipelineContext"/>
/// and returns its parameters and findings for the report. Steps are listed in <see cref="ClinicalPipeline.Steps"/>.
/// </summary>
internal interface IPipelineStep
{
    /// <summary>The step's name in the report, e.g. "resample".</summary>
    string Name { get; }

    /// <summary>True when the step runs for this case (modality and options).</summary>
    bool IsEnabled(PipelineContext context);

    /// <summary>Runs the step; returns the parameters used and numbers found (the report's <c>parameters</c>).</summary>
    JsonObject Run(PipelineContext context);
}

/// <summary>A mask made by a step: its name (e.g. "body") and the 0/1 volume on the working grid.</summary>
internal sealed record NamedMask(string Name, Volume<byte> Mask, string Description);

/// <summary>
/// The state a case carries from step to step: the working image (replaced by resampling or bias correction),
/// the label image (brought onto the working grid), the masks made so far and what goes into the report.
/// </summary>
internal sealed class PipelineContext(PipelineOptions options, ExecutionOptions execution, string outputDirectory, ClinicalModality modality)
{
    /// <summary>The options of the run.</summary>
    public PipelineOptions Options { get; } = options;

    /// <summary>Threads and cancellation for the filters (no progress: the pipeline reports per step).</summary>
    public ExecutionOptions Execution { get; } = execution;

    /// <summary>The folder outputs are written into.</summary>
    public string OutputDirectory { get; } = outputDirectory;

    /// <summary>CT or MR (never Auto).</summary>
    public ClinicalModality Modality { get; } = modality;

    /// <summary>The working image: intensities every statistic is taken from.</summary>
    public required Volume Image { get; set; }

    /// <summary>The label image (int32), on the working grid once <see cref="ClinicalPipeline"/> aligned it; null without labels.</summary>
    public Volume<int>? Labels { get; set; }

    /// <summary>Masks made by the steps, in order.</summary>
    public List<NamedMask> Masks { get; } = [];

    /// <summary>Structure statistics for the report.</summary>
    public List<StructureResult> Structures { get; } = [];

    /// <summary>Warnings for the report.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>QC pictures written (for the report's <c>qc[]</c>).</summary>
    public List<QcPicture> Qc { get; } = [];

    /// <summary>Image files written (for the report's <c>outputs[]</c>).</summary>
    public List<ReportOutput> Outputs { get; } = [];

    /// <summary>The mask called <paramref name="name"/>, or null.</summary>
    public Volume<byte>? Mask(string name) => Masks.Find(m => m.Name == name)?.Mask;

    /// <summary>The description of mask <paramref name="name"/> so far.</summary>
    public string Description(string name) => Masks.Find(m => m.Name == name)?.Description ?? "";

    /// <summary>Makes mask <paramref name="name"/> or replaces it where it stands in <see cref="Masks"/>.</summary>
    public void SetMask(string name, Volume<byte> mask, string description)
    {
        int index = Masks.FindIndex(m => m.Name == name);
        var named = new NamedMask(name, mask, description);
        if (index < 0)
        {
            Masks.Add(named);
        }
        else
        {
            Masks[index] = named;
        }
    }

    /// <summary>" HU" for CT, "" otherwise: the unit appended to intensities in descriptions.</summary>
    public string IntensitySuffix => Modality == ClinicalModality.CT ? " HU" : "";

    /// <summary>
    /// The output file name of the image called <paramref name="key"/> ("image", "labels" or a mask's name): the one
    /// the config's <c>outputs</c> names, else <paramref name="stem"/> with the configured extension.
    /// </summary>
    public string FileName(string key, string stem) => NamedFile(key, stem + Options.OutputExtension);

    /// <summary>The file the config's <c>outputs</c> names for <paramref name="key"/>, else <paramref name="defaultFile"/>.</summary>
    public string NamedFile(string key, string defaultFile) =>
        Options.Outputs is { } outputs && outputs.TryGetValue(key, out string? file) ? file : defaultFile;

    /// <summary>Writes <paramref name="volume"/> as <paramref name="key"/> into the output folder and lists it in the report.</summary>
    public void WriteOutput(Volume volume, string key, string stem, string kind, string description)
    {
        string file = FileName(key, stem);
        ImageFile.Write(volume, Path.Combine(OutputDirectory, file), useCompression: true, Execution);
        Outputs.Add(new ReportOutput(file, kind, description));
    }
}
