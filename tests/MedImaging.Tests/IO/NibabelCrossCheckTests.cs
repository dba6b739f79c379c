using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>
/// nibabel (Debian's /usr/bin/python3) reads the NIfTI files we write: its affine must be our geometry turned to
/// RAS and its voxel sum ours. Skips cleanly when python3 or nibabel is missing.
/// </summary>
[TestFixture]
[Category("Reference")]
public sealed class NibabelCrossCheckTests : TempDirectoryTest
{
    private const string Python = "/usr/bin/python3";

    private const string Script =
        "import sys, json, nibabel as nib, numpy as np\n" +
        "img = nib.load(sys.argv[1])\n" +
        "a = np.asarray(img.dataobj)\n" +
        "print(json.dumps({'affine': img.affine.tolist(), 'sum': float(a.astype(np.float64).sum()), 'shape': list(a.shape), 'dtype': str(a.dtype)}))\n";

    [TestCase("n.nii.gz", PixelType.Int16)]
    [TestCase("n.nii", PixelType.Float32)]
    [TestCase("n.hdr", PixelType.UInt16)]
    public void Nibabel_ReadsOurNifti_SameAffineAndVoxelSum(string name, PixelType type)
    {
        RequireNibabel();
        VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(9, 7, 5));
        Volume volume = ImageFilters.Cast(IOTestVolumes.Random(PixelType.UInt8, g, seed: 11), type);
        string path = Path.Combine(TempDir, name);
        ImageFile.Write(volume, path);

        using JsonDocument result = RunNibabel(Script, path);

        // nibabel computes from the float32 sform: 6e-8 relative on 2.5 mm spacing; float32 origin: 6e-8
        // relative on 702.5 mm is 4e-5 mm, within the 1e-4 mm bound.
        AssertAffine(result, g, 1e-6, 1e-4);
        Assert.That(result.RootElement.GetProperty("sum").GetDouble(), Is.EqualTo(ImageFilters.Statistics(volume).Sum), "integer-valued sums are exact in float64");
        Assert.That(result.RootElement.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 9, 7, 5 }));
    }

    [Test]
    public void Nibabel_ReadsOur4DNifti_ShapeAndSum()
    {
        RequireNibabel();
        VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(5, 4, 3));
        Volume[] volumes = [.. Enumerable.Range(0, 3).Select(i => IOTestVolumes.Random(PixelType.UInt8, g, seed: 20 + i))];
        string path = Path.Combine(TempDir, "four.nii.gz");
        ImageFile.Write(new VolumeSeries(volumes, repetitionTime: 2), path);

        using JsonDocument result = RunNibabel(Script, path);

        Assert.That(result.RootElement.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 5, 4, 3, 3 }));
        Assert.That(result.RootElement.GetProperty("sum").GetDouble(), Is.EqualTo(volumes.Sum(v => ImageFilters.Statistics(v).Sum)));
    }

    [Test]
    public void WeRead_NibabelScaledObliqueNifti_SameAffineAndScaledValues()
    {
        RequireNibabel();
        // nibabel writes int16 with scl_slope 2, scl_inter −5 and an oblique affine; it prints the affine and the
        // scaled values' sum that it reads back itself.
        string path = Path.Combine(TempDir, "nib.nii.gz");
        const string writer =
            "import sys, json, nibabel as nib, numpy as np\n" +
            "a, b = 0.4, 0.25\n" +
            "rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])\n" +
            "ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])\n" +
            "A = np.eye(4); A[:3, :3] = rz @ ry @ np.diag([0.9, 1.1, 3.0]); A[:3, 3] = [-100.5, 20.25, 33.0]\n" +
            "d = (np.arange(6 * 5 * 4).reshape(6, 5, 4) * 7 % 1000 - 300).astype(np.int16)\n" +
            "img = nib.Nifti1Image(d, A); img.header.set_slope_inter(2.0, -5.0); nib.save(img, sys.argv[1])\n" +
            "back = nib.load(sys.argv[1])\n" +
            "print(json.dumps({'affine': back.affine.tolist(), 'sum': float(np.asarray(back.dataobj, dtype=np.float64).sum()), 'shape': [6, 5, 4]}))\n";
        using JsonDocument result = RunNibabel(writer, path);

        Volume read = ImageFile.Read(path);

        Assert.That(read.PixelType, Is.EqualTo(PixelType.Float32), "scaled data reads as float32");
        Assert.That(ImageFilters.Statistics(read).Sum, Is.EqualTo(result.RootElement.GetProperty("sum").GetDouble()), "stored × 2 − 5 are exact float32 integers, summed exactly in double");
        AssertAffine(result, read.Geometry, 1e-6, 1e-4);
    }

    private static void AssertAffine(JsonDocument result, VolumeGeometry g, double matrixTolerance, double originTolerance)
    {
        double[][] affine = [.. result.RootElement.GetProperty("affine").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
        Mat3 m = g.IndexToPhysicalMatrix;
        for (int i = 0; i < 3; i++)
        {
            double sign = i < 2 ? -1 : 1; // LPS → RAS negates the first two rows
            for (int j = 0; j < 3; j++)
            {
                Assert.That(affine[i][j], Is.EqualTo(sign * m[i, j]).Within(matrixTolerance), $"affine[{i}][{j}]");
            }

            Assert.That(affine[i][3], Is.EqualTo(sign * g.Origin[i]).Within(originTolerance), $"affine[{i}][3]");
        }
    }

    /// <summary>Why nibabel cannot run, or null when it can; probed once per test run.</summary>
    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not present";
        }

        using Process p = Start("-c", "import nibabel, numpy");
        p.WaitForExit();
        return p.ExitCode == 0 ? null : "nibabel/numpy not installed for /usr/bin/python3";
    });

    private static void RequireNibabel()
    {
        if (Missing.Value is string reason)
        {
            Assert.Ignore(reason);
        }
    }

    private static JsonDocument RunNibabel(string script, string path)
    {
        using Process p = Start("-c", script, path);
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, stderr);
        return JsonDocument.Parse(stdout);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"cannot start {Python}"));
    }
}
