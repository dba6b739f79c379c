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
