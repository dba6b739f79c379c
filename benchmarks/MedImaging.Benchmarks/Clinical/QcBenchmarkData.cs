using MedImaging.Benchmarks.IO;
using MedImaging.IO;

namespace MedImaging.Benchmarks.Clinical;

/// <summary>The 512×512×128 int16 CT of the QC and PNG benchmarks: the generated <c>ct_phantom.mha</c> when present, else the synthetic CT.</summary>
internal static class QcBenchmarkData
{
    /// <summary>The CT (0.7 × 0.7 × 5 mm).</summary>
    public static Volume<short> Ct()
    {
        string shared = Environment.GetEnvironmentVariable("MEDIMG_SHARED") is { Length: > 0 } s ? s : "/work/shared";
        string generated = Path.Combine(shared, "reference", "data", "generated", "ct_phantom.mha");
        return File.Exists(generated) ? ImageFile.Read(generated).As<short>() : NiftiReadBenchmarks.SyntheticCt();
    }
}
