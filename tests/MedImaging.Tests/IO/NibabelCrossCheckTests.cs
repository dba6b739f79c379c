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
public sealed class NibabelCrossCheckTests
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
        string dir = TestPaths.NewTempDirectory();
        try
        {
            VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(9, 7, 5));
            Volume volume = ImageFilters.Cast(IOTestVolumes.Random(PixelType.UInt8, g, seed: 11), type);
            string path = Path.Combine(dir, name);
            ImageFile.Write(volume, path);

            using JsonDocument result = RunNibabel(path);
            double[][] affine = [.. result.RootElement.GetProperty("affine").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];

            Mat3 m = g.IndexToPhysicalMatrix;
            for (int i = 0; i < 3; i++)
            {
                double sign = i < 2 ? -1 : 1; // LPS → RAS negates the first two rows
                for (int j = 0; j < 3; j++)
                {
                    // nibabel computes from the float32 sform: 6e-8 relative on 2.5 mm spacing.
                    Assert.That(affine[i][j], Is.EqualTo(sign * m[i, j]).Within(1e-6), $"affine[{i}][{j}]");
                }

                // float32 origin: 6e-8 relative on 702.5 mm is 4e-5 mm, within the 1e-4 mm bound.
                Assert.That(affine[i][3], Is.EqualTo(sign * g.Origin[i]).Within(1e-4), $"affine[{i}][3]");
            }

            Assert.That(result.RootElement.GetProperty("sum").GetDouble(), Is.EqualTo(ImageFilters.Statistics(volume).Sum), "integer-valued sums are exact in float64");
            Assert.That(result.RootElement.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 9, 7, 5 }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void RequireNibabel()
    {
        if (!File.Exists(Python))
        {
            Assert.Ignore($"{Python} not present");
        }

        using Process p = Start("-c", "import nibabel, numpy");
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Assert.Ignore("nibabel/numpy not installed for /usr/bin/python3");
        }
    }

    private static JsonDocument RunNibabel(string path)
    {
        using Process p = Start("-c", Script, path);
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
