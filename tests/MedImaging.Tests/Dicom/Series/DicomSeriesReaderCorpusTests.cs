using System.Globalization;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>Series read from the shared corpus against dcm2niix's outputs, compared in world space (MANIFEST.md).</summary>
public class DicomSeriesReaderCorpusTests
{
    [TestCase("ct-tilt-ge-philips", 201, "201_STD_BRAIN_5MM.nii.gz")]
    [TestCase("mr-siemens-decubitus", 2, "2_t1_fl2d_sag.nii.gz")]
    [TestCase("mr-uih-oblique-sag-subset", 2, "2_t1_gre_fsp_3d_sag.nii.gz")]
    public void Read_Untouched3DStack_MatchesDcm2niixInWorldSpace(string set, int seriesNumber, string reference)
    {
        DicomSeriesInfo series = Series(set, seriesNumber);
        string refPath = TestPaths.RequireShared($"corpus/{set}/ref-dcm2niix-debian/{reference}");

        DicomSeriesReadResult result = DicomSeriesReader.Read(series);
        Volume expected = ImageFile.Read(refPath);

        Assert.That(result.Report.Resampled, Is.False);
        Assert.That(WorldSpace.MaxCornerDistance(result.Volume.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        Assert.That(WorldSpace.AssertSameValues(result.Volume, expected), Is.EqualTo(result.Volume.Geometry.VoxelCount));
    }

    [TestCase("mr-ge-epi-4d", 10, 15)]
    [TestCase("mr-toshiba-dti-2vol", 2, 40)]
    [TestCase("mr-philips-rescale-4d", 3, 9)]
    public void Read_RepeatedPositions_GivesVolumesInOrder(string set, int volumes, int slices)
    {
        DicomSeriesInfo series = DicomSeriesScanner.Scan(TestPaths.RequireShared($"corpus/{set}/In"), new DicomScanOptions { Recursive = true })
            .Series.OrderByDescending(s => s.Images.Count).First();
        string refPath = Directory.GetFiles(TestPaths.RequireShared($"corpus/{set}/ref-dcm2niix-debian"), "*.nii.gz").Single();

        DicomSeriesReadResult result = DicomSeriesReader.Read(series);
        VolumeSeries expected = ImageFile.ReadSeries(refPath);

        // MANIFEST: GE 15 slices x 10 time points, Toshiba 40 x 2 (b = 0, 1500), Philips 9 x 3.
        Assert.That(result.Volumes.Count, Is.EqualTo(volumes));
        Assert.That(result.Volume.Size.Z, Is.EqualTo(slices));
        Assert.That(expected.Count, Is.EqualTo(volumes));
        Assert.That(WorldSpace.MaxCornerDistance(result.Volume.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        // Philips: dcm2niix uses the private "precise" scale (stored x 233.4245 = display / 1.29035 x 233.4245), we the
        // standard RescaleSlope 1.29035 (MANIFEST): compare after converting; float32 rounding of both scales allows 1e-3.
        Func<double, double>? map = set == "mr-philips-rescale-4d" ? null : v => v;
        for (int v = 0; v < volumes; v++)
        {
            if (map is null)
            {
                AssertPhilipsRatio(result.Volumes[v], expected[v]);
            }
            else
            {
                WorldSpace.AssertSameValues(result.Volumes[v], expected[v], map);
            }
        }
    }

    [Test]
    public void Read_GeTiltedVariableSpacing_ResamplesAndReportsEverySlicePosition()
    {
        DicomSeriesInfo series = Series("ct-tilt-ge-philips", 2);
        string[] tsv = File.ReadAllLines(TestPaths.RequireShared("corpus/ct-tilt-ge-philips/slices.tsv"));

        DicomSeriesReadResult result = DicomSeriesReader.Read(series);

        Assert.That(result.Report.Resampled, Is.True);
        Assert.That(result.Report.Irregularities.HasFlag(StackIrregularity.GantryTilt), Is.True);
        Assert.That(result.Report.Irregularities.HasFlag(StackIrregularity.VariableSpacing), Is.True);
        Assert.That(result.Volume.Geometry.Direction.IsOrthonormal(1e-9), Is.True);
        // Every slice's IPP in slices.tsv (4 decimals) is reported, in order along the normal (file 01 .. 28).
        var expected = tsv.Skip(1).Select(l => l.Split('\t')).Where(f => f[0] == "2")
            .OrderBy(f => double.Parse(f[5], CultureInfo.InvariantCulture))
            .Select(f => f[6].Split('\\').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.That(result.Report.SlicePositions, Has.Count.EqualTo(28));
        for (int k = 0; k < 28; k++)
        {
            Vec3 p = result.Report.SlicePositions[k];
            Assert.That(Vec3.MaxAbsDifference(p, new Vec3(expected[k][0], expected[k][1], expected[k][2])), Is.LessThan(1e-4), $"slice {k}");
            // The regular grid covers every slice: its centre row lies inside the output volume.
            Vec3 centre = p + new Vec3(1, 0, 0) * (256 * 0.48828);
            Assert.That(result.Volume.Geometry.IsInsideContinuous(result.Volume.Geometry.TransformPhysicalPointToContinuousIndex(centre)), Is.True, $"slice {k} centre");
        }
    }

    private static void AssertPhilipsRatio(Volume ours, Volume reference)
    {
        double ratio = 233.4245 / 1.29035;
        for (int z = 0; z < ours.Size.Z; z++)
        {
            for (int y = 0; y < ours.Size.Y; y += 7)
            {
                for (int x = 0; x < ours.Size.X; x += 7)
                {
                    Vec3 c = reference.Geometry.TransformPhysicalPointToContinuousIndex(ours.Geometry.TransformIndexToPhysicalPoint(x, y, z));
                    double theirs = reference.GetValueAsDouble((int)Math.Round(c.X), (int)Math.Round(c.Y), (int)Math.Round(c.Z));
                    Assert.That(ours.GetValueAsDouble(x, y, z) * ratio, Is.EqualTo(theirs).Within(1e-3 * Math.Max(1, Math.Abs(theirs))));
                }
            }
        }
    }

    private static DicomSeriesInfo Series(string set, int seriesNumber) =>
        DicomSeriesScanner.Scan(TestPaths.RequireShared($"corpus/{set}/In"), new DicomScanOptions { Recursive = true })
            .Series.Single(s => s.SeriesNumber == seriesNumber && !s.Images[0].IsLocalizer);
}
