using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// The <see cref="IrregularCases"/> through Debian's dcm2niix (the outside reference, skipped when absent) and through
/// our reader, compared in world space: NIfTI's RAS affine is turned into LPS by <see cref="ImageFile"/>, so voxels are
/// matched by physical point, never by index. Where dcm2niix refuses or keeps a wrong geometry the test pins down
/// what it does and that we do not.
/// </summary>
public class IrregularSeriesDcm2niixTests : TempDirectoryTest
{
    public static IEnumerable<TestCaseData> RegularCases() => IrregularSeriesTests.RegularCases();

    [TestCaseSource(nameof(RegularCases))]
    public void Read_RegularStack_SameVoxelsAsDcm2niixInWorldSpace(IrregularSeries series)
    {
        var (ours, theirs) = Both(series);
        Volume reference = theirs.Values.Single();

        double corners = WorldSpace.MaxCornerDistance(ours.Single().Volume.Geometry, reference.Geometry);
        TestContext.Out.WriteLine(FormattableString.Invariant($"{series.Name}: max corner distance {corners:G3} mm"));
        Assert.That(corners, Is.LessThan(WorldSpace.CornerTolerance));
        Assert.That(WorldSpace.AssertSameValues(ours.Single().Volume, reference), Is.EqualTo(16 * 12 * series.Positions.Count));
    }

    [TestCase("gap")]
    [TestCase("variable-spacing")]
    public void Read_UnequalSteps_Dcm2niixKeepsOneStepWeResample(string name)
    {
        IrregularSeries series = name == "gap" ? IrregularCases.Gap() : IrregularCases.VariableSpacing();
        var (ours, theirs) = Both(series);

        // dcm2niix warns "Interslice distance varies" and writes the 7 slices at one step: some pixels are not where
        // their ImagePositionPatient says. Our resampled volume holds every slice at its own position.
        var theirCheck = IrregularSeriesCheck.Slices(theirs.Values.Single(), series, IrregularSeriesCheck.Own(series));
        TestContext.Out.WriteLine(FormattableString.Invariant($"{name}: dcm2niix mismatches {theirCheck.Mismatches} of {16 * 12 * 7}"));
        Assert.That(theirCheck.Mismatches, Is.Positive);
        Assert.That(IrregularSeriesCheck.Interpolated(ours.Single().Volume, series, [.. IrregularSeriesCheck.Own(series)]).MaxError, Is.LessThanOrEqualTo(0.5));
    }

    [Test]
    public void Read_DuplicatePosition_Dcm2niixRefusesWeKeepTheLowerInstanceNumber()
    {
        IrregularSeries series = IrregularCases.Duplicate();
        var (ours, theirs) = Both(series);

        Assert.That(theirs, Is.Empty);
        Assert.That(ours.Single().Report.Irregularities, Is.EqualTo(StackIrregularity.DuplicatePositions));
    }

    [Test]
    public void Read_GantryTilt_Dcm2niixKeepsTheShearWeResample()
    {
        IrregularSeries series = IrregularCases.Tilt();
        var (ours, theirs) = Both(series);

        // Debian's dcm2niix v1.0.20220720 notes the tilt but does not correct it ("Only able to correct gantry tilt
        // for 16-bit integer data"), writing the sheared slices with an orthogonal affine: most pixels off their IPP.
        var theirCheck = IrregularSeriesCheck.Slices(theirs.Values.Single(), series, IrregularSeriesCheck.Own(series));
        TestContext.Out.WriteLine(FormattableString.Invariant($"tilt: dcm2niix max distance {theirCheck.MaxDistance:G3} mm, mismatches {theirCheck.Mismatches}"));
        Assert.That(theirCheck.Mismatches, Is.Positive);
        Assert.That(ours.Single().Report.Resampled, Is.True);
        Assert.That(IrregularSeriesCheck.Interpolated(ours.Single().Volume, series, [.. IrregularSeriesCheck.Own(series)]).MaxError, Is.LessThanOrEqualTo(0.5));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Read_Localizer_BothSplitItOffAndAgreeInWorldSpace(bool marked)
    {
        var (ours, theirs) = Both(IrregularCases.Localizer(marked));

        Assert.That(theirs, Has.Count.EqualTo(2));
        foreach (DicomSeriesReadResult part in ours)
        {
            Volume match = theirs.Values.Single(v => v.Size.Z == part.Volume.Size.Z);
            // A single slice has no step: dcm2niix takes SliceThickness (2 mm), we 1 mm; only the in-plane corners count.
            Assert.That(WorldSpace.AssertSameValues(part.Volume, match), Is.EqualTo(part.Volume.Geometry.VoxelCount));
        }
    }

    [Test]
    public void Read_OneSliceWithOtherPixelSpacing_Dcm2niixStacksItWeSplitIt()
    {
        IrregularSeries series = IrregularCases.OtherPixelSpacing();
        var (ours, theirs) = Both(series);

        var theirCheck = IrregularSeriesCheck.Slices(theirs.Values.Single(), series, [(2, 2)]);
        TestContext.Out.WriteLine(FormattableString.Invariant($"pixel spacing: dcm2niix slice 2 max distance {theirCheck.MaxDistance:G3} mm, mismatches {theirCheck.Mismatches}"));
        Assert.That(theirCheck.Mismatches, Is.Positive);
        // We split the odd slice off (the other five, with their gap, are resampled onto 6 planes 2 mm apart).
        Assert.That(ours.Select(r => r.Volume.Size.Z).Order(), Is.EqualTo(new[] { 1, 6 }));
        Assert.That(IrregularSeriesCheck.Slices(ours.Single(r => r.Volume.Size.Z == 1).Volume, series, [(2, 2)]).Mismatches, Is.Zero);
    }

    [TestCase("1", -1024, -1000)]
    [TestCase("0.5", -1024, -1024)]
    public void Read_MixedRescale_SameValuesAsDcm2niix(string slopeOfSlice2, int evenIntercept, int oddIntercept)
    {
        IrregularSeries series = IrregularCases.EverySlice("rescale", (ds, k) =>
        {
            IrregularSeries.Text(ds, DicomTag.RescaleIntercept, DicomVR.DS, (k % 2 == 0 ? evenIntercept : oddIntercept).ToString(System.Globalization.CultureInfo.InvariantCulture));
            IrregularSeries.Text(ds, DicomTag.RescaleSlope, DicomVR.DS, k == 2 ? slopeOfSlice2 : "1");
        });
        var (ours, theirs) = Both(series);

        // dcm2niix writes float32 whenever the scale varies; we keep int32 when every slice stays integer. The values
        // are integers or half-integers below 2^24, exact in both.
        Assert.That(WorldSpace.AssertSameValues(ours.Single().Volume, theirs.Values.Single()), Is.EqualTo(16 * 12 * 6));
    }

    [TestCase("oblique-flipped")]
    [TestCase("sagittal")]
    public void Convert_ObliqueAndSagittal_NiftiSameVoxelsAsDcm2niixInWorldSpace(string name)
    {
        IrregularSeries series = IrregularCases.Regular().Single(c => c.Name == name);
        var (_, theirs) = Both(series);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int code = MedImaging.Cli.CliApp.Run(["convert", Path.Combine(TempDir, "in"), Path.Combine(TempDir, "ours")], stdout, stderr);

        Assert.That(code, Is.Zero, stderr.ToString());
        // Our NIfTI goes through its own RAS affine (diag(-1, -1, 1) of LPS) and back: the same world points as dcm2niix's.
        Volume ours = ImageFile.Read(Directory.GetFiles(Path.Combine(TempDir, "ours"), "*.nii.gz").Single());
        Assert.That(WorldSpace.MaxCornerDistance(ours.Geometry, theirs.Values.Single().Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        Assert.That(WorldSpace.AssertSameValues(ours, theirs.Values.Single()), Is.EqualTo(ours.Geometry.VoxelCount));
        Assert.That(IrregularSeriesCheck.Slices(ours, series, IrregularSeriesCheck.Own(series)).Mismatches, Is.Zero);
    }

    private (IReadOnlyList<DicomSeriesReadResult> Ours, IReadOnlyDictionary<string, Volume> Theirs) Both(IrregularSeries series)
    {
        string tool = ExternalTool.RequireDcm2niix();
        string input = Path.Combine(TempDir, "in"), output = Path.Combine(TempDir, "out");
        series.Write(input);
        Directory.CreateDirectory(output);
        var (code, stdout, stderr) = ExternalTool.Run(tool, ["-z", "n", "-f", "%s", "-o", output, input]);
        TestContext.Out.WriteLine($"dcm2niix exit {code}\n{stdout}{stderr}");
        Dictionary<string, Volume> theirs = Directory.GetFiles(output, "*.nii").ToDictionary(f => Path.GetFileName(f), f => ImageFile.Read(f));
        IReadOnlyList<DicomSeriesReadResult> ours = [.. DicomSeriesScanner.Scan(input).Series.Select(s => DicomSeriesReader.Read(s))];
        return (ours, theirs);
    }
}
