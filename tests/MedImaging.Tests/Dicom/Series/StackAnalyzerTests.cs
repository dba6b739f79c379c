using System.Globalization;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

public class StackAnalyzerTests
{
    private static readonly Vec3 Row = new(1, 0, 0);

    [Test]
    public void Analyze_RegularShuffledStack_SortsAlongNormal()
    {
        // An oblique stack (normal tilted 20 deg about x) given in shuffled order.
        Vec3 col = new(0, Math.Cos(0.35), Math.Sin(0.35));
        Vec3 normal = Vec3.Cross(Row, col);
        int[] shuffled = [3, 0, 4, 1, 2];
        SlicePlane[] slices = [.. shuffled.Select(k => Plane(new Vec3(5, 6, 7) + normal * (2.5 * k), col))];

        StackLayout layout = StackAnalyzer.Analyze(slices);

        Assert.That(layout.IsRegular, Is.True, string.Join("; ", layout.Findings));
        Assert.That(layout.Volumes, Has.Count.EqualTo(1));
        Assert.That(layout.Volumes[0], Is.EqualTo(new[] { 1, 3, 4, 0, 2 }));
        // Positions are exact multiples of 2.5 mm up to double rounding of the 3-D sums.
        Assert.That(layout.SliceSpacing, Is.EqualTo(2.5).Within(1e-12));
    }

    [Test]
    public void Analyze_RepeatedPositions_GivesOneVolumePerRepeat()
    {
        SlicePlane[] slices = [.. Enumerable.Range(0, 6).Select(i => Plane(new Vec3(0, 0, 3.0 * (i % 3)), new Vec3(0, 1, 0)))];

        StackLayout layout = StackAnalyzer.Analyze(slices);

        Assert.That(layout.Volumes, Has.Count.EqualTo(2));
        Assert.That(layout.Volumes[0], Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(layout.Volumes[1], Is.EqualTo(new[] { 3, 4, 5 }));
        Assert.That(layout.IsRegular, Is.True);
    }

    [Test]
    public void Analyze_GapOfTwoSteps_ReportsMissingSlice()
    {
        double[] z = [0, 2, 4, 8, 10];
        StackLayout layout = StackAnalyzer.Analyze([.. z.Select(d => Plane(new Vec3(0, 0, d), new Vec3(0, 1, 0)))]);
        Assert.That(layout.Irregularities, Is.EqualTo(StackIrregularity.VariableSpacing | StackIrregularity.MissingSlices));
        Assert.That(layout.SliceSpacing, Is.EqualTo(2));
    }

    [Test]
    public void Analyze_GeTiltedCorpusSeries_FindsTiltAndVariableSpacing()
    {
        string tsv = TestPaths.RequireShared("corpus/ct-tilt-ge-philips/slices.tsv");
        SlicePlane[] slices = [.. ReadSlices(tsv, series: "2")];

        StackLayout layout = StackAnalyzer.Analyze(slices);

        Assert.That(layout.Irregularities.HasFlag(StackIrregularity.GantryTilt), Is.True);
        Assert.That(layout.Irregularities.HasFlag(StackIrregularity.VariableSpacing), Is.True);
        // 4.002 mm and 6.999 mm steps (MANIFEST): 6.999 is not a whole multiple of 4.002, so nothing is "missing".
        Assert.That(layout.Irregularities.HasFlag(StackIrregularity.MissingSlices), Is.False);
        // GantryDetectorTilt (0018,1120) says 18.5 deg; positions are written to 4 decimals (0.0001 mm).
        Assert.That(layout.TiltAngleDegrees, Is.EqualTo(18.5).Within(0.05));
        Assert.That(layout.Distances[^1] - layout.Distances[0], Is.EqualTo(144.09).Within(0.01));
    }

    [Test]
    public void Regularize_TiltedStack_ReproducesLinearFieldAtEveryOutputPoint()
    {
        // Slices sheared 0.1 mm per mm along the column direction, with unequal steps; pixel values sample a linear
        // function of the world position, which bilinear + linear interpolation reproduce exactly wherever the point
        // lies within every slice's pixel centres (in the half-pixel border ITK's rule clamps to the edge instead).
        Vec3 col = new(0, 1, 0);
        double[] d = [0, 3, 6, 7, 12];
        SlicePlane[] slices = [.. d.Select(z => Plane(new Vec3(0, 0.1 * z, z), col, columns: 6, rows: 6))];
        double yLow = 0.1 * d[^1], yHigh = 5;
        static double F(Vec3 p) => 2 * p.X - 3 * p.Y + 5 * p.Z + 7;
        double[][] pixels = [.. slices.Select(s => Enumerable.Range(0, s.Rows * s.Columns)
            .Select(i => F(s.PixelToPoint(i % s.Columns, i / s.Columns))).ToArray())];

        StackLayout layout = StackAnalyzer.Analyze(slices);
        VolumeGeometry target = StackRegularizer.TargetGeometry(slices, layout.SliceSpacing);
        Volume<double> volume = StackRegularizer.Resample(slices, pixels, target, defaultPixelValue: double.NaN);

        Assert.That(target.TransformIndexToPhysicalPoint(0, 0, 0), Is.EqualTo(new Vec3(0, 0, 0)));
        Assert.That(target.TransformIndexToPhysicalPoint(0, 0, target.Size.Z - 1).Z, Is.EqualTo(12).Within(1e-12));
        int checkedPoints = 0;
        for (int z = 0; z < target.Size.Z; z++)
        {
            for (int y = 0; y < target.Size.Y; y++)
            {
                for (int x = 0; x < target.Size.X; x++)
                {
                    Vec3 p = target.TransformIndexToPhysicalPoint(x, y, z);
                    if (p.Y >= yLow && p.Y <= yHigh)
                    {
                        // Interpolation of a linear function is exact; 1e-9 allows double rounding over values ~100.
                        Assert.That(volume[x, y, z], Is.EqualTo(F(p)).Within(1e-9), $"voxel ({x}, {y}, {z})");
                        checkedPoints++;
                    }
                    else if (p.Y < -0.5 || p.Y > 1.2 + 5.5)
                    {
                        Assert.That(volume[x, y, z], Is.NaN, $"voxel ({x}, {y}, {z}) lies outside every slice");
                    }
                }
            }
        }

        // Output rows y = 2, 3, 4, 5 mm lie within every slice (footprints start at 0 to 1.2 mm and end 5 mm later).
        Assert.That(checkedPoints, Is.EqualTo(6 * 4 * target.Size.Z));
    }

    private static SlicePlane Plane(Vec3 position, Vec3 col, int columns = 4, int rows = 4) =>
        new(position, Row, col, 1.0, 1.0, columns, rows);

    private static IEnumerable<SlicePlane> ReadSlices(string tsv, string series)
    {
        string[] lines = File.ReadAllLines(tsv);
        string[] header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split('\t');
            if (f[Col("series")] != series)
            {
                continue;
            }

            double[] ipp = Numbers(f[Col("ipp")]), iop = Numbers(f[Col("iop")]), ps = Numbers(f[Col("pixel_spacing")]);
            yield return new SlicePlane(new Vec3(ipp[0], ipp[1], ipp[2]), new Vec3(iop[0], iop[1], iop[2]), new Vec3(iop[3], iop[4], iop[5]),
                ps[1], ps[0], int.Parse(f[Col("cols")], CultureInfo.InvariantCulture), int.Parse(f[Col("rows")], CultureInfo.InvariantCulture));
        }
    }

    private static double[] Numbers(string text) => [.. text.Split('\\').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
}
