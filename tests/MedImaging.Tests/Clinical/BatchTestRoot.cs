using System.Text.Json;
using MedImaging.Clinical;

namespace MedImaging.Tests.Clinical;

/// <summary>A batch root of demo-phantom CT files plus one broken file, and the summary comparison the shard tests use.</summary>
internal static class BatchTestRoot
{
    /// <summary>The broken case's file name: a 100-byte .nii, with characters the review page must escape.</summary>
    public const string BrokenFile = "z<b>&\"broken'.nii";

    /// <summary>Writes <paramref name="good"/> copies of the phantom CT (case01.nii.gz …) and <see cref="BrokenFile"/> into <paramref name="root"/>.</summary>
    public static string Make(string root, int good)
    {
        Directory.CreateDirectory(root);
        (string image, string labels) = ClinicalTestData.WritePhantomFiles(root);
        File.Delete(labels);
        for (int i = 1; i <= good; i++)
        {
            File.Copy(image, Path.Combine(root, $"case{i:00}.nii.gz"));
        }

        File.Delete(image);
        File.WriteAllBytes(Path.Combine(root, BrokenFile), new byte[100]);
        return root;
    }

    /// <summary>The summary as JSON with its timings and its shard or merge bookkeeping removed: what must be equal between a merge and one run.</summary>
    public static string WithoutTimings(BatchSummary summary) => JsonSerializer.Serialize(
        summary with { TotalMs = 0, Merge = null, Shard = null, AllCases = null, Cases = [.. summary.Cases.Select(c => c with { Ms = 0 })] },
        ClinicalJsonContext.Default.BatchSummary);

    /// <summary>Each case's report numbers (grids, structures, warnings) by case: what must be equal between runs.</summary>
    public static Dictionary<string, string> ReportNumbers(string output, BatchSummary summary) =>
        summary.Cases.Where(c => c.Report is not null).ToDictionary(c => c.Name, c =>
        {
            ClinicalReport r = ClinicalReport.Parse(File.ReadAllText(Path.Combine(output, c.Report!)));
            return JsonSerializer.Serialize(new ClinicalReport { GeometryAfter = r.GeometryAfter, Structures = r.Structures, Warnings = r.Warnings, Modality = r.Modality },
                ClinicalJsonContext.Default.ClinicalReport);
        });
}
