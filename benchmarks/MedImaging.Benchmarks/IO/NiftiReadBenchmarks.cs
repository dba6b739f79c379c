using BenchmarkDotNet.Attributes;
using MedImaging.IO;

namespace MedImaging.Benchmarks.IO;

/// <summary>
/// NIfTI reading of a 512×512×128 int16 CT against copying the same bytes: <c>.nii</c> against
/// <see cref="File.ReadAllBytes"/> of the same file, <c>.nii.gz</c> against inflating it to nowhere. Uses the shared
/// generated <c>ct_phantom.nii.gz</c> (MEDIMG_SHARED, default /work/shared) when present, else a synthetic CT.
/// </summary>
[MemoryDiagnoser]
public class NiftiReadBenchmarks
{
    private string _dir = "";
    private string _nii = "";
    private string _niiGz = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "medimg-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        string shared = Environment.GetEnvironmentVariable("MEDIMG_SHARED") is { Length: > 0 } s ? s : "/work/shared";
        string generated = Path.Combine(shared, "reference", "data", "generated", "ct_phantom.nii.gz");
        _niiGz = Path.Combine(_dir, "ct.nii.gz");
        if (File.Exists(generated))
        {
            File.Copy(generated, _niiGz);
        }
        else
        {
            ImageFile.Write(SyntheticCt(), _niiGz);
        }

        _nii = Path.Combine(_dir, "ct.nii");
        ImageFile.Write(ImageFile.Read(_niiGz), _nii);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>The floor for .nii: the whole file into a new array.</summary>
    [Benchmark(Baseline = true)]
    public int FileReadAllBytes_Nii() => File.ReadAllBytes(_nii).Length;

    [Benchmark]
    public long ImageFileRead_Nii() => ImageFile.Read(_nii).AsBytes().Length;

    /// <summary>The floor for .nii.gz: inflating the file without storing the result.</summary>
    [Benchmark]
    public long GZipInflateToNull_NiiGz()
    {
        using FileStream file = File.OpenRead(_niiGz);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        gzip.CopyTo(Stream.Null, 1 << 20);
        return file.Length;
    }

    [Benchmark]
    public long ImageFileRead_NiiGz() => ImageFile.Read(_niiGz).AsBytes().Length;

    internal static Volume<short> SyntheticCt()
    {
        var ct = new Volume<short>(new VolumeGeometry(new Size3(512, 512, 128), new Vec3(0.7, 0.7, 5), Vec3.Zero));
        var random = new Random(1);
        Span<short> v = ct.Voxels;
        for (int i = 0; i < v.Length; i++)
        {
            int x = i % 512 - 256, y = i / 512 % 512 - 256;
            v[i] = (short)((x * x + y * y < 200 * 200 ? 0 : -1000) + random.Next(-12, 13));
        }

        return ct;
    }
}
