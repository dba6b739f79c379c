using System.Text.Json.Serialization;

namespace MedImaging.Clinical;

/// <summary>
/// Source-generated System.Text.Json metadata for the clinical JSON documents (no reflection: the library stays
/// trimmable and AOT-compatible): snake_case names, enums as strings, indented output, unknown names refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PipelineOptions))]
[JsonSerializable(typeof(ClinicalReport))]
[JsonSerializable(typeof(BatchSummary))]
internal sealed partial class ClinicalJsonContext : JsonSerializerContext;

/// <summary>The readable variant used for writing.</summary>
internal sealed partial class ClinicalJsonContext
{
    /// <summary>
    /// The context writing non-ASCII text (≥, ×, label names in any script) as UTF-8 instead of \u escapes: the files
    /// are read by people and JSON tools, never embedded in HTML.
    /// </summary>
    public static ClinicalJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<ClinicalModality>(), new JsonStringEnumConverter<Resampling.InterpolatorType>() },
    });
}
