using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Series written by <see cref="DicomSeriesWriter"/> read by tools we did not write: pydicom (every file's IPP and
/// rescaled pixel sum against the analytic volume) and the ITK harness (geometry and sum of the whole folder).
/// </summary>
[TestFixture]
public sealed class DicomSeriesWriterReferenceTests
{
    private const string PydicomScript = """
        import sys, glob, os, pydicom
        for p in sorted(glob.glob(os.path.join(sys.argv[1], '*.dcm'))):
            ds = pydicom.dcmread(p)
            a = ds.pixel_array.astype('float64') * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
            print(int(ds.InstanceNumber), ' '.join(repr(float(v)) for v in ds.ImagePositionPatient), repr(float(a.sum())), str(ds.PatientName))
        """;

    [TestCase(DicomSeriesModality.CT)]
    [TestCase(DicomSeriesModality.MR)]
    public void Pydicom_ReadsEveryFile_PositionsAndSliceSums(DicomSeriesModality modality)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || ExternalTool.Run(python, ["-c", "import pydicom, numpy"]).ExitCode != 0)
        {
            Assert.Ignore("python3 with pydicom and numpy is not present");
        }

        Volume volume = modality == DicomSeriesModality.CT ? WrittenSeries.Ct() : WrittenSeries.Mr();
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriter.Write(volume, dir, WrittenSeries.Options(modality));

        (int exit, string stdout, string stderr) = ExternalTool.Run(python, ["-c", PydicomScript, dir]);

        Assert.That(exit, Is.Zero, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        VolumeGeometry g = volume.Geometry;
        double[] values = WrittenSeries.Values(volume);
        int sliceVoxels = g.Size.X * g.Size.Y;
        Assert.That(lines, Has.Length.EqualTo(g.Size.Z));
        for (int k = 0; k < g.Size.Z; k++)
        {
            string[] f = lines[k].Split(' ');
            double[] ipp = [.. f[1..4].Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
            Vec3 expected = g.Origin + k * g.Spacing.Z * g.Direction.Column(2);

            Assert.That(int.Parse(f[0], CultureInfo.InvariantCulture), Is.EqualTo(k + 1));

            // DS text keeps ≥ 10 significant digits: < 1e-7 mm for these coordinates.
            Assert.That(ipp, Is.EqualTo(expected.ToArray()).Within(1e-6));

            // Integer voxels, exact encodings: the sums are integers well below 2^53, so equality is exact.
            Assert.That(double.Parse(f[4], CultureInfo.InvariantCulture), Is.EqualTo(values.Skip(k * sliceVoxels).Take(sliceVoxels).Sum()));
            Assert.That(f[5], Is.EqualTo("Müller^Jürgen"));
        }
    }

    [Test]
    public void ItkHarness_ReadsFolder_SameGeometryAndSum()
    {
        string itkref = ExternalTool.RequireItkRef();
        Volume<short> ct = WrittenSeries.Ct();
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriter.Write(ct, dir, WrittenSeries.Options(DicomSeriesModality.CT));

        (int exit, string stdout, string stderr) = ExternalTool.Run(itkref, ["dicom-info", dir]);

        Assert.That(exit, Is.Zero, stderr);
        JsonNode json = JsonNode.Parse(stdout)!;
        VolumeGeometry g = ct.Geometry;
        Assert.That(json["series_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(json["pixel_type"]!.GetValue<string>(), Is.EqualTo("int16"), "12-bit unsigned with intercept -1024 is int16 for GDCM");
        Assert.That(Doubles(json["size"]!), Is.EqualTo(new double[] { g.Size.X, g.Size.Y, g.Size.Z }));

        // ITK parses the same ≥10-significant-digit DS text; its slice spacing is |IPP_last − IPP_first|/(n−1).
        Assert.That(Doubles(json["spacing"]!), Is.EqualTo(g.Spacing.ToArray()).Within(1e-6));
        Assert.That(Doubles(json["origin"]!), Is.EqualTo(g.Origin.ToArray()).Within(1e-6));
        Assert.That(Doubles(json["direction"]!), Is.EqualTo(g.Direction.ToRowMajorArray()).Within(1e-6));
        Assert.That(json["sum"]!.GetValue<double>(), Is.EqualTo(WrittenSeries.Values(ct).Sum()));
    }

    private static double[] Doubles(JsonNode node) => [.. node.AsArray().Select(n => n!.GetValue<double>())];
}
