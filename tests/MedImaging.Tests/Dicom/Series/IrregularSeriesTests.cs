using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Series irregularities the corpus does not show (<see cref="IrregularCases"/>), checked against the generator's own
/// parameters in world space: every slice's pixels must be found where its ImagePositionPatient puts them.
/// </summary>
public class IrregularSeriesTests : TempDirectoryTest
{
    /// <summary>The design's bound on output geometry vs every slice's ImagePositionPatient, mm.</summary>
    private const double PositionBound = 0.01;

    public static IEnumerable<TestCaseData> RegularCases() => IrregularCases.Regular().Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(RegularCases))]
    public void Read_RegularStack_EveryPixelAtItsWorldPoint(IrregularSeries series)
    {
        DicomSeriesReadResult result = Read(series);

        Assert.That(result.Report.Resampled, Is.False);
        Assert.That(result.Report.Irregularities, Is.EqualTo(StackIrregularity.None));
        AssertAtWorldPoints(result.Volume, series, IrregularSeriesCheck.Own(series));
        Assert.That(result.Volume.Geometry.Direction.IsOrthonormal(), Is.True);
    }

    [Test]
    public void Read_Gap_ResampledWithEverySliceOnTheGrid()
    {
        IrregularSeries series = IrregularCases.Gap();
        DicomSeriesReadResult result = ReadResampled(series, StackIrregularity.VariableSpacing | StackIrregularity.MissingSlices);

        // Median step 2 mm from z = 0 to 14 mm: 8 planes, the missing one (z = 6) interpolated between its neighbours.
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(16, 12, 8)));
        AssertAtWorldPoints(result.Volume, series, IrregularSeriesCheck.Own(series));
        // The interpolated plane holds 200 * 2.5 + 16r + c; stored as uint16, so rounding allows 0.5.
        Assert.That(IrregularSeriesCheck.Interpolated(result.Volume, series, [.. IrregularSeriesCheck.Own(series)]).MaxError, Is.LessThanOrEqualTo(0.5));
    }

    [Test]
    public void Read_VariableSpacing_ResampledLinearlyBetweenTheTrueSlices()
    {
        IrregularSeries series = IrregularCases.VariableSpacing();
        DicomSeriesReadResult result = ReadResampled(series, StackIrregularity.VariableSpacing);

        var (maxError, compared) = IrregularSeriesCheck.Interpolated(result.Volume, series, [.. IrregularSeriesCheck.Own(series)]);
        // 16 x 12 x 8 output voxels, all between the first and last slice (z = 0..14 mm); uint16 rounding allows 0.5.
        Assert.That(compared, Is.EqualTo(16 * 12 * 8));
        Assert.That(maxError, Is.LessThanOrEqualTo(0.5));
    }

    [Test]
    public void Read_DuplicatePosition_KeepsTheLowerInstanceNumberAndReports()
    {
        IrregularSeries series = IrregularCases.Duplicate();
        DicomSeriesReadResult result = Read(series);

        Assert.That(result.Report.Irregularities, Is.EqualTo(StackIrregularity.DuplicatePositions));
        Assert.That(result.Report.Warnings, Has.Some.Contains("duplicate positions"));
        // Slice 6 repeats slice 3's position with InstanceNumber 1 (slice 3 has 4): slice 6's pixels are kept there.
        (int, int)[] kept = [(0, 0), (1, 1), (2, 2), (3, 6), (4, 4), (5, 5)];
        AssertAtWorldPoints(result.Volume, series, kept);
    }

    [Test]
    public void Read_GantryTilt_ResampledOntoAnOrthogonalGridCoveringEverySlice()
    {
        IrregularSeries series = IrregularCases.Tilt();
        DicomSeriesReadResult result = ReadResampled(series, StackIrregularity.GantryTilt);

        Assert.That(result.Volume.Geometry.Direction.IsOrthonormal(), Is.True);
        foreach (Vec3 corner in series.Positions.SelectMany((_, k) => new[] { series.WorldPoint(k, 0, 0), series.WorldPoint(k, 15, 11) }))
        {
            Assert.That(result.Volume.Geometry.IsInsideContinuous(result.Volume.Geometry.TransformPhysicalPointToContinuousIndex(corner)), Is.True, $"{corner}");
        }

        var (maxError, compared) = IrregularSeriesCheck.Interpolated(result.Volume, series, [.. IrregularSeriesCheck.Own(series)]);
        // Shear 2.5 tan 15 deg = 0.67 mm (0.84 rows) per slice: most but not all voxels lie inside both neighbours.
        Assert.That(compared, Is.GreaterThan(16 * 12 * 6 / 2));
        Assert.That(maxError, Is.LessThanOrEqualTo(0.5));
    }

    [Test]
    public void Read_GantryTiltWithSplit_OneSlicePerVolumeAtItsOwnPosition()
    {
        IrregularSeries series = IrregularCases.Tilt();
        series.Write(TempDir);
        DicomSeriesInfo info = DicomSeriesScanner.Scan(TempDir).Series.Single();

        IReadOnlyList<DicomSeriesReadResult> parts = DicomSeriesReader.ReadAll(info, new DicomSeriesReadOptions { Irregular = IrregularStackPolicy.Split });

        // Every step shifts sideways: no two slices form an unsheared run, so each becomes its own volume.
        Assert.That(parts.Sum(p => p.Volume.Size.Z), Is.EqualTo(6));
        foreach (DicomSeriesReadResult part in parts)
        {
            int k = series.Positions.ToList().FindIndex(p => (p - part.Volume.Geometry.Origin).Length < PositionBound);
            Assert.That(k, Is.GreaterThanOrEqualTo(0), $"{part.Volume.Geometry.Origin}");
            AssertAtWorldPoints(part.Volume, series, [(k, k)]);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Scan_LocalizerInTheSeries_SplitOffAndTheStackStaysRegular(bool marked)
    {
        IrregularSeries series = IrregularCases.Localizer(marked);
        series.Write(TempDir);

        IReadOnlyList<DicomSeriesInfo> found = DicomSeriesScanner.Scan(TempDir).Series;

        Assert.That(found.Select(s => s.Images.Count).Order(), Is.EqualTo(new[] { 1, 6 }));
        Assert.That(found[0].SplitReasons.Single(), Does.Contain(marked ? "localizer" : "ImageOrientationPatient"));
        DicomSeriesReadResult stack = DicomSeriesReader.Read(found.Single(s => s.Images.Count == 6));
        Assert.That(stack.Report.Irregularities, Is.EqualTo(StackIrregularity.None));
        Assert.That(IrregularSeriesCheck.Slices(stack.Volume, series, IrregularSeriesCheck.Own(series, 6)).Mismatches, Is.Zero);
        DicomSeriesReadResult scout = DicomSeriesReader.Read(found.Single(s => s.Images.Count == 1));
        // The coronal scout's rows run along -z: its pixels must be found there, not on the axial grid.
        var coronal = series with { Column = new Vec3(0, 0, -1) };
        AssertAtWorldPoints(scout.Volume, coronal, [(6, 6)]);
    }

    [Test]
    public void EstimateGeometry_ImagesNotParallel_NoGeometryAndNoException()
    {
        // A series a caller assembles without the scanner's split by orientation: the axial stack and its coronal
        // scout together have no stacked geometry.
        IrregularCases.Localizer(markedAsLocalizer: false).Write(TempDir);
        IReadOnlyList<DicomSeriesInfo> found = DicomSeriesScanner.Scan(TempDir).Series;
        DicomSeriesInfo mixed = found[0] with { Images = [.. found.SelectMany(s => s.Images)] };

        Assert.That(DicomSeriesReader.EstimateGeometry(mixed, out StackLayout? layout), Is.Null);
        Assert.That(layout, Is.Null);
        Assert.That(DicomSeriesReader.EstimateGeometry(found.Single(s => s.Images.Count == 6), out _), Is.Not.Null);
    }

    [Test]
    public void Scan_OneSliceWithOtherRows_SplitOff()
    {
        IrregularSeries series = IrregularCases.OtherRows();
        var (odd, _) = ScanOneSliceSplitOff(series, "image size");

        Assert.That(odd.Volume.Size, Is.EqualTo(new Size3(16, 10, 1)));
        Assert.That(odd.Volume.Geometry.Origin, Is.EqualTo(series.Positions[4]));
    }

    [Test]
    public void Scan_OneSliceWithOtherPixelSpacing_SplitOffSoThatItsPixelsStayAtTheirWorldPoints()
    {
        // Found by this suite: the slice used to be stacked with the others' 0.8 mm rows, 0.1 mm per row off (1.1 mm at row 11).
        IrregularSeries series = IrregularCases.OtherPixelSpacing();
        var (odd, rest) = ScanOneSliceSplitOff(series, "PixelSpacing");

        AssertAtWorldPoints(odd.Volume, series, [(2, 2)]);
        AssertAtWorldPoints(rest.Volume, series, [(0, 0), (1, 1), (3, 3), (4, 4), (5, 5)]);
    }

    [TestCase("integer", "1", -1024, -1000, "Int")]
    [TestCase("fractional", "0.5", -1024, -1024, "Float32")]
    public void Read_MixedRescale_EverySliceWithItsOwn(string name, string slopeOfSlice2, int evenIntercept, int oddIntercept, string pixelType)
    {
        double slope2 = double.Parse(slopeOfSlice2, System.Globalization.CultureInfo.InvariantCulture);
        IrregularSeries series = IrregularCases.EverySlice(name, (ds, k) =>
        {
            IrregularSeries.Text(ds, DicomTag.RescaleIntercept, DicomVR.DS, (k % 2 == 0 ? evenIntercept : oddIntercept).ToString(System.Globalization.CultureInfo.InvariantCulture));
            IrregularSeries.Text(ds, DicomTag.RescaleSlope, DicomVR.DS, k == 2 ? slopeOfSlice2 : "1");
        });
        DicomSeriesReadResult result = Read(series);

        Assert.That(PixelTypes.ToName(result.Volume.PixelType), Does.StartWith(pixelType.ToLowerInvariant()).IgnoreCase);
        // Every value is an integer or half-integer below 2^24: exact in float32, so equality holds.
        var (_, mismatches) = IrregularSeriesCheck.Slices(result.Volume, series, IrregularSeriesCheck.Own(series),
            (k, c, r) => (k == 2 ? slope2 : 1) * IrregularSeries.Value(k, c, r) + (k % 2 == 0 ? evenIntercept : oddIntercept));
        Assert.That(mismatches, Is.Zero);
    }

    [TestCase("negative", "-0.8\\0.6")]
    [TestCase("zero", "0\\0.6")]
    [TestCase("huge", "1e30\\0.6")]
    [TestCase("comma", "0,8\\0,6")]
    [TestCase("one-value", "0.8")]
    [TestCase("non-ascii", "0.8\\0\u066B6")]
    public void Scan_MalformedPixelSpacing_FileSkippedNamingTheTag(string name, string value)
    {
        // Found by this suite: these used to become 1 mm without a word, putting every pixel at the wrong world point.
        IrregularSeries series = IrregularCases.EverySlice(name, (ds, _) =>
            ds.AddOrReplace(new DicomElement(DicomTag.PixelSpacing, DicomVR.DS, System.Text.Encoding.UTF8.GetBytes(value))));
        series.Write(TempDir);

        DicomScanResult scan = DicomSeriesScanner.Scan(TempDir);

        Assert.That(scan.Series, Is.Empty);
        Assert.That(scan.Skipped, Has.Count.EqualTo(6));
        Assert.That(scan.Skipped, Has.All.Property(nameof(SkippedFile.Reason)).Contains("PixelSpacing (0028,0030)"));
        Assert.That(() => DicomSeriesReader.Read(TempDir), Throws.TypeOf<SeriesInconsistentException>().With.Message.Contains("PixelSpacing (0028,0030)"));
    }

    [Test]
    public void Read_NoPositionsAnywhere_StackedByInstanceNumberWithAWarning()
    {
        IrregularSeries series = IrregularCases.EverySlice("no-position", (ds, _) => ds.Remove(DicomTag.ImagePositionPatient));
        DicomSeriesReadResult result = Read(series);

        Assert.That(result.Report.Warnings, Has.Some.Contains("ImagePositionPatient"));
        // InstanceNumber = 6 - k: ascending InstanceNumber puts slice 5 first; PixelSpacing still gives x and y.
        Assert.That(result.Volume.Geometry.Spacing, Is.EqualTo(new Vec3(IrregularSeries.ColumnSpacing, IrregularSeries.RowSpacing, 1)));
        Assert.That(result.Volume.GetValueAsDouble(3, 2, 0), Is.EqualTo(IrregularSeries.Value(5, 3, 2)));
        Assert.That(result.Volume.GetValueAsDouble(3, 2, 5), Is.EqualTo(IrregularSeries.Value(0, 3, 2)));
    }

    /// <summary>Every pixel of the listed slices at a voxel &lt; 0.01 mm from its world point, with its own value.</summary>
    private static void AssertAtWorldPoints(Volume volume, IrregularSeries series, IEnumerable<(int Slice, int Content)> slices)
    {
        var (distance, mismatches) = IrregularSeriesCheck.Slices(volume, series, slices);
        Assert.That(distance, Is.LessThan(PositionBound));
        Assert.That(mismatches, Is.Zero);
    }

    /// <summary>Writes and scans <paramref name="series"/>: one slice must be split off for <paramref name="reason"/>.</summary>
    private (DicomSeriesReadResult Odd, DicomSeriesReadResult Others) ScanOneSliceSplitOff(IrregularSeries series, string reason)
    {
        series.Write(TempDir);
        IReadOnlyList<DicomSeriesInfo> found = DicomSeriesScanner.Scan(TempDir).Series;
        Assert.That(found.Select(s => s.Images.Count).Order(), Is.EqualTo(new[] { 1, 5 }));
        Assert.That(found[0].SplitReasons.Single(), Does.Contain(reason));
        return (DicomSeriesReader.Read(found.Single(s => s.Images.Count == 1)), DicomSeriesReader.Read(found.Single(s => s.Images.Count == 5)));
    }

    /// <summary>Reads <paramref name="series"/>, which must be reported with exactly <paramref name="found"/> and resampled.</summary>
    private DicomSeriesReadResult ReadResampled(IrregularSeries series, StackIrregularity found)
    {
        DicomSeriesReadResult result = Read(series);
        Assert.That(result.Report.Irregularities, Is.EqualTo(found));
        Assert.That(result.Report.Resampled, Is.True);
        return result;
    }

    private DicomSeriesReadResult Read(IrregularSeries series)
    {
        series.Write(TempDir);
        return DicomSeriesReader.Read(DicomSeriesScanner.Scan(TempDir).Series.Single());
    }
}
