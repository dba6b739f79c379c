using System.Globalization;
using System.Text;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;
using static MedImaging.Tests.Dicom.Series.SelfMadeSeries;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Issue #5's splitting and stacking rules on self-made series whose every voxel says which file it came from
/// (<see cref="SelfMadeSeries"/>: value = 100·file + 10·row + column).
/// </summary>
public class DicomSeriesReaderEdgeCaseTests : TempDirectoryTest
{
    [Test]
    public void Scan_TwoEchoesAtTheSamePositions_SplitIntoOneSeriesPerEcho()
    {
        // Files 0-2 are echo 1 (TE 10 ms), files 3-5 echo 2 (TE 30 ms), both at z = 0, 1, 2.
        Write(TempDir, [0, 1, 2, 0, 1, 2], "dual echo", customize: (ds, k) =>
        {
            Text(ds, DicomTag.EchoNumbers, DicomVR.IS, k < 3 ? "1" : "2");
            Text(ds, DicomTag.EchoTime, DicomVR.DS, k < 3 ? "10" : "30");
        });

        DicomScanResult scan = DicomSeriesScanner.Scan(TempDir);

        Assert.That(scan.Series.Select(s => s.Key), Is.EqualTo(new[] { "2.25.1234567#echo1", "2.25.1234567#echo2" }));
        Assert.That(scan.Series.All(s => s.SplitReasons.Single().Contains("echo", StringComparison.Ordinal)), Is.True);
        Volume echo2 = DicomSeriesReader.Read(scan.Series[1]).Volume;
        Assert.That(echo2.Size.Z, Is.EqualTo(3), "one 3-D volume per echo, not a 4-D series");
        Assert.That(Enumerable.Range(0, 3).Select(z => echo2.GetValueAsDouble(0, 0, z)), Is.EqualTo(new double[] { 300, 400, 500 }));
    }

    [Test]
    public void Read_NoPositions_StacksByInstanceNumberAndWarns()
    {
        // No IPP/IOP; InstanceNumber runs opposite to the file names: file k has InstanceNumber 4 - k.
        Write(TempDir, [0, 0, 0, 0], "no geometry", customize: (ds, k) =>
        {
            ds.Remove(DicomTag.ImagePositionPatient);
            ds.Remove(DicomTag.ImageOrientationPatient);
            Text(ds, DicomTag.InstanceNumber, DicomVR.IS, (4 - k).ToString(CultureInfo.InvariantCulture));
        });

        DicomSeriesReadResult result = DicomSeriesReader.Read(TempDir);

        Assert.That(Enumerable.Range(0, 4).Select(z => result.Volume.GetValueAsDouble(0, 0, z)), Is.EqualTo(new double[] { 300, 200, 100, 0 }));
        Assert.That(result.Report.Warnings, Has.Some.Contains("InstanceNumber"));
        // The documented fallback: PixelSpacing in-plane, 1 mm between slices, identity direction, origin 0.
        Assert.That(result.Volume.Geometry.Spacing, Is.EqualTo(new Vec3(0.5, 0.5, 1)));
        Assert.That(result.Volume.Geometry.Direction, Is.EqualTo(Mat3.Identity));
    }

    [Test]
    public void Read_MixedRescale_EachSliceRescaledWithItsOwnAndReported()
    {
        double[] slopes = [1, 2, 0.5], intercepts = [0, -10, 3];
        Write(TempDir, [0, 1, 2], "mixed", customize: (ds, k) =>
        {
            Text(ds, DicomTag.RescaleSlope, DicomVR.DS, slopes[k].ToString(CultureInfo.InvariantCulture));
            Text(ds, DicomTag.RescaleIntercept, DicomVR.DS, intercepts[k].ToString(CultureInfo.InvariantCulture));
        });

        DicomSeriesReadResult result = DicomSeriesReader.Read(TempDir);

        // A fractional slope makes the output float32 (issue #5: integer output only when exact).
        Assert.That(result.Volume.PixelType, Is.EqualTo(PixelType.Float32));
        for (int z = 0; z < 3; z++)
        {
            for (int i = 0; i < Rows * Columns; i++)
            {
                double stored = 100 * z + 10 * (i / Columns) + i % Columns;
                // Every value is a multiple of 0.5 below 2^24: exact in float32.
                Assert.That(result.Volume.GetValueAsDouble(i % Columns, i / Columns, z), Is.EqualTo(stored * slopes[z] + intercepts[z]), $"slice {z} pixel {i}");
            }
        }

        Assert.That(result.Report.Rescale, Is.EqualTo(new[] { (1.0, 0.0), (2.0, -10.0), (0.5, 3.0) }));
        Assert.That(result.Report.Warnings, Has.Some.StartsWith("mixed rescale: 3 different"));
    }

    [Test]
    public void Read_OnePositionTwice_KeepsTheLowerInstanceNumberAndReports()
    {
        // Files 1 and 2 both sit at z = 1 (InstanceNumbers 2 and 3).
        Write(TempDir, [0, 1, 1, 2, 3], "duplicate");

        DicomSeriesReadResult result = DicomSeriesReader.Read(TempDir);

        Assert.That(result.Report.Irregularities.HasFlag(StackIrregularity.DuplicatePositions), Is.True);
        Assert.That(result.Report.Warnings, Has.Some.Contains("duplicate positions"));
        Assert.That(result.Volume.Size.Z, Is.EqualTo(4));
        Assert.That(Enumerable.Range(0, 4).Select(z => result.Volume.GetValueAsDouble(1, 2, z)), Is.EqualTo(new double[] { 21, 121, 321, 421 }));
        Assert.That(Enumerable.Range(0, 4).Select(z => result.Volume.Geometry.TransformIndexToPhysicalPoint(0, 0, z).Z), Is.EqualTo(new double[] { 0, 1, 2, 3 }).Within(1e-9));
    }

    [Test]
    public void Read_PhilipsCorpus_ReportsThePrivateScaleSlope()
    {
        string folder = TestPaths.RequireShared("corpus/mr-philips-rescale-4d/In/Magdeburg_2014/fmri");

        DicomSeriesReadResult result = DicomSeriesReader.Read(folder);

        // DCMTK 3.6.7 `dcmdump +P 2005,100e`: FL 0.00428404007 under "Philips MR Imaging DD 001" in every file;
        // MANIFEST: 1 / that = dcm2niix's scl_slope 233.4245.
        string finding = result.Report.Warnings.Single(w => w.StartsWith("Philips private ScaleSlope", StringComparison.Ordinal));
        Assert.That(finding, Does.Contain("0.00428404007"));
        Assert.That(result.Report.Rescale.Distinct().Single().Slope, Is.EqualTo(1.29035409035409));
    }

    [Test]
    public void Convert_NonAsciiAndIllegalDescription_AsciiNameAndDescriptionKeptInSidecar()
    {
        // UTF-8 (ISO_IR 192) description with umlauts, CJK and every character Windows forbids in names.
        const string description = "Kopf T1 Ä/Ö: *?<>|\"straße 頭部";
        string input = Path.Combine(TempDir, "in");
        Write(input, [0, 1], description, customize: (ds, _) =>
        {
            Text(ds, DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
            ds.AddOrReplace(new DicomElement(DicomTag.SeriesDescription, DicomVR.LO, Encoding.UTF8.GetBytes(description)));
        });
        string longInput = Path.Combine(TempDir, "long");
        Write(longInput, [0, 1], new string('x', 300), seriesNumber: 9);

        string[] names = [.. Convert(input, "out"), .. Convert(longInput, "out-long")];

        // Runs of characters outside [A-Za-z0-9-] become one '_'; the description is cut at 64 characters (the LO
        // maximum) so that a non-conformant 300-character one still gives a legal file name.
        Assert.That(names, Is.EqualTo(new[] { "7_Kopf_T1_stra_e.nii.gz", "9_" + new string('x', 64) + ".nii.gz" }));
        string sidecar = File.ReadAllText(Path.Combine(TempDir, "out", "7_Kopf_T1_stra_e.json"));
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(sidecar)!["series"]!["description"]!.GetValue<string>(), Is.EqualTo(description));
    }

    private string[] Convert(string input, string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.That(MedImaging.Cli.CliApp.Run(["convert", input, Path.Combine(TempDir, output)], stdout, stderr), Is.Zero, stderr.ToString());
        return [.. Directory.GetFiles(Path.Combine(TempDir, output), "*.nii.gz").Select(Path.GetFileName).OfType<string>()];
    }
}
