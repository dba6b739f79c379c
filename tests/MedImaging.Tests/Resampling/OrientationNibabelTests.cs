using MedImaging.IO;
using MedImaging.Resampling;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Resampling;

/// <summary>
/// nibabel's <c>aff2axcodes</c> (an implementation we did not write) names the axes of the NIfTI files we write
/// after <see cref="Orientation.Orient{T}"/> to each of the 48 axis-aligned codes; it must name the requested code.
/// </summary>
[TestFixture]
[Category("Reference")]
public class OrientationNibabelTests
{
    private const string Script =
        "import sys, nibabel as nib\n" +
        "for p in sys.argv[1:]:\n" +
        "    print(''.join(nib.aff2axcodes(nib.load(p).affine)))\n";

    [Test]
    public void Orient_All48Codes_NibabelAgrees()
    {
        string python = ExternalTool.RequireNibabelPython();
        string dir = TestPaths.NewTempDirectory();
        try
        {
            var oblique = Mat3.FromColumns(new Vec3(0.96, 0.28, 0), new Vec3(-0.28, 0.96, 0), new Vec3(0, 0, 1));
            var input = new Volume<short>(new VolumeGeometry(new Size3(4, 3, 2), new Vec3(0.5, 0.75, 2.5), new Vec3(10, -20, 30), oblique));
            var codes = OrientationTests.AllCodes().ToList();
            var paths = new List<string>();
            foreach (string code in codes)
            {
                string path = Path.Combine(dir, code + ".nii");
                ImageFile.Write(Orientation.Orient(input, code), path);
                paths.Add(path);
            }

            (int exit, string stdout, string stderr) = ExternalTool.Run(python, ["-c", Script, .. paths]);
            Assert.That(exit, Is.Zero, stderr);
            string[] named = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(named, Is.EqualTo(codes));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
