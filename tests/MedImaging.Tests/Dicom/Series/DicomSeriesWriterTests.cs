using System.Globalization;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// <see cref="DicomSeriesWriter"/> against analytic truths: the attributes each file must carry (IPP = origin +
/// k·Δz·column 2, IOP, PixelSpacing order), and a round trip through <see cref="DicomSeriesReader"/>.
/// </summary>
[TestFixture]
public sealed class DicomSeriesWriterTests
{
    // DS values carry at least 10 significant digits (16 characters): coordinates below 1000 mm keep < 1e-7 mm error.
    private const double GeometryTolerance = 1e-6;

    [Test]
    public void Write_ObliqueCt_FilesCarryAnalyticGeometryAndScannerRescale()
    {
        Volume<short> ct = WrittenSeries.Ct();
        DicomSeriesWriteResult result = DicomSeriesWriter.Write(ct, TestPaths.NewTempDirectory(), WrittenSeries.Options(DicomSeriesModality.CT));

        Assert.That(result.Files, Has.Count.EqualTo(4));
        Assert.That((result.BitsStored, result.IsSigned, result.RescaleIntercept, result.RescaleSlope), Is.EqualTo((12, false, -1024.0, 1.0)));
        Mat3 d = WrittenSeries.Oblique();
        for (int k = 0; k < 4; k++)
        {
            DicomDataset ds = DicomFile.Open(result.Files[k]).Dataset;
            Vec3 expected = new Vec3(-123.456789, 45.678901, 78.901234) + k * 1.25 * d.Column(2);
            Assert.That(ds.GetDoubles(DicomTag.ImagePositionPatient), Is.EqualTo(expected.ToArray()).Within(GeometryTolerance));
            Assert.That(ds.GetDoubles(DicomTag.ImageOrientationPatient), Is.EqualTo(d.Column(0).ToArray().Concat(d.Column(1).ToArray())).Within(GeometryTolerance));
            Assert.That(ds.GetDoubles(DicomTag.PixelSpacing), Is.EqualTo(new[] { 0.8, 0.7 }), "row spacing (Y) first");
            Assert.That(ds.GetDouble(DicomTag.SliceThickness), Is.EqualTo(1.25));
            Assert.That(ds.GetDouble(DicomTag.SpacingBetweenSlices), Is.EqualTo(1.25));
            Assert.That((ds.GetInt32(DicomTag.Rows), ds.GetInt32(DicomTag.Columns)), Is.EqualTo((5, 7)));
            Assert.That(ds.GetInt32(DicomTag.InstanceNumber), Is.EqualTo(k + 1));
            Assert.That(ds.GetString(DicomTag.SOPClassUid), Is.EqualTo("1.2.840.10008.5.1.4.1.1.2"));
            Assert.That(ds.GetString(DicomTag.SOPInstanceUid), Is.EqualTo("1.2.826.0.1.3680043.2.1125.9.4." + (k + 1).ToString(CultureInfo.InvariantCulture)));
            Assert.That(ds.GetString(DicomTag.SeriesInstanceUid), Is.EqualTo("1.2.826.0.1.3680043.2.1125.9.2"));
            Assert.That(ds.GetString(DicomTag.Modality), Is.EqualTo("CT"));
            Assert.That(ds.GetInt32(DicomTag.SeriesNumber), Is.EqualTo(42));
            Assert.That(ds.GetString(DicomTag.PatientName), Is.EqualTo("Müller^Jürgen"), "UTF-8 under ISO_IR 192");
        }
    }

    [Test]
    public void RoundTrip_ObliqueInt16Ct_SameGeometryAndVoxels()
    {
        Volume<short> ct = WrittenSeries.Ct();
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriter.Write(ct, dir, WrittenSeries.Options(DicomSeriesModality.CT));

        Volume read = DicomSeriesReader.Read(dir).Volume;

        AssertSameGeometry(read.Geometry, ct.Geometry);
        Assert.That(WrittenSeries.Values(read), Is.EqualTo(WrittenSeries.Values(ct)));
    }

    [Test]
    public void RoundTrip_LeftHandedDirection_ReaderReturnsFlippedEquivalent()
    {
        Volume<short> source = WrittenSeries.Ct();
        Mat3 d = source.Geometry.Direction;
        var left = new Volume<short>(source.Geometry.WithDirection(Mat3.FromColumns(d.Column(0), d.Column(1), -d.Column(2))), source.Voxels.ToArray());
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriter.Write(left, dir, WrittenSeries.Options(DicomSeriesModality.CT));

        Volume read = DicomSeriesReader.Read(dir).Volume;
        double[] values = WrittenSeries.Values(read);
        int slice = left.Size.X * left.Size.Y;

        // Same physical voxel centres: the reader sorts along column 0 × column 1, so its slice axis is reversed.
        int n = left.Size.Z;
        AssertSameGeometry(read.Geometry, source.Geometry.WithOrigin(left.Geometry.TransformIndexToPhysicalPoint(0, 0, n - 1)));
        for (int z = 0; z < n; z++)
        {
            Assert.That(values.AsSpan(z * slice, slice).ToArray(), Is.EqualTo(WrittenSeries.Values(left).AsSpan((n - 1 - z) * slice, slice).ToArray()));
        }
    }

    [Test]
    public void RoundTrip_UInt16Mr_SameGeometryAndVoxels()
    {
        Volume<ushort> mr = WrittenSeries.Mr();
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriteResult result = DicomSeriesWriter.Write(mr, dir, WrittenSeries.Options(DicomSeriesModality.MR));

        Volume read = DicomSeriesReader.Read(dir).Volume;

        Assert.That((result.BitsStored, result.IsSigned, result.RescaleIntercept), Is.EqualTo((16, false, 0.0)));
        Assert.That(DicomFile.Open(result.Files[0]).Dataset.GetString(DicomTag.SOPClassUid), Is.EqualTo("1.2.840.10008.5.1.4.1.1.4"));
        AssertSameGeometry(read.Geometry, mr.Geometry);
        Assert.That(WrittenSeries.Values(read), Is.EqualTo(WrittenSeries.Values(mr)));
    }

    [Test]
    public void RoundTrip_Int16BeyondTwelveBits_SignedSixteenExact()
    {
        Volume<short> ct = WrittenSeries.Ct();
        WrittenSeries.Fill(ct, (x, y, z) => -3000 + 1000 * z + 13 * x - 7 * y);
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriteResult result = DicomSeriesWriter.Write(ct, dir, WrittenSeries.Options(DicomSeriesModality.CT));

        Assert.That((result.BitsStored, result.IsSigned, result.RescaleIntercept), Is.EqualTo((16, true, 0.0)));
        Assert.That(WrittenSeries.Values(DicomSeriesReader.Read(dir).Volume), Is.EqualTo(WrittenSeries.Values(ct)));
    }

    [Test]
    public void RoundTrip_FloatVolume_WithinHalfSlope()
    {
        var volume = new Volume<float>(WrittenSeries.Ct().Geometry);
        WrittenSeries.Fill(volume, (x, y, z) => Math.Sin(x + 2 * y + 3 * z) * 12.345);
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriteResult result = DicomSeriesWriter.Write(volume, dir, WrittenSeries.Options(DicomSeriesModality.MR));

        double[] expected = WrittenSeries.Values(volume);
        double[] read = WrittenSeries.Values(DicomSeriesReader.Read(dir).Volume);
        double halfStep = (expected.Max() - expected.Min()) / 65534 / 2;

        // Quantization to 65535 levels loses at most half a step; 1e-6 more covers float32 storage on read-back.
        Assert.That(result.MaxAbsoluteError, Is.LessThanOrEqualTo(halfStep * (1 + 1e-6)));
        Assert.That(read, Is.EqualTo(expected).Within(halfStep * (1 + 1e-6) + 1e-5));
    }

    [Test]
    public void Write_SameUidRoot_ByteIdenticalFiles()
    {
        string a = TestPaths.NewTempDirectory();
        string b = TestPaths.NewTempDirectory();
        DicomSeriesWriteResult first = DicomSeriesWriter.Write(WrittenSeries.Ct(), a, WrittenSeries.Options(DicomSeriesModality.CT));
        DicomSeriesWriteResult second = DicomSeriesWriter.Write(WrittenSeries.Ct(), b, WrittenSeries.Options(DicomSeriesModality.CT));

        for (int k = 0; k < first.Files.Count; k++)
        {
            Assert.That(File.ReadAllBytes(second.Files[k]), Is.EqualTo(File.ReadAllBytes(first.Files[k])));
        }
    }

    [Test]
    public void Write_NoUidRoot_FreshUuidDerivedUids()
    {
        DicomSeriesWriteResult first = DicomSeriesWriter.Write(WrittenSeries.Mr(), TestPaths.NewTempDirectory());
        DicomSeriesWriteResult second = DicomSeriesWriter.Write(WrittenSeries.Mr(), TestPaths.NewTempDirectory());

        string[] uids = [first.StudyInstanceUid, first.SeriesInstanceUid, second.StudyInstanceUid, second.SeriesInstanceUid];
        Assert.That(uids, Is.Unique);
        Assert.That(uids, Has.All.Matches<string>(u => u.StartsWith("2.25.", StringComparison.Ordinal) && u.Length <= 64 && u[5..].All(char.IsAsciiDigit)));
    }

    private static IEnumerable<TestCaseData> HostileOptions()
    {
        var ok = new DicomSeriesWriteOptions();
        yield return new TestCaseData(ok with { UidRoot = "1.2.03" }).SetName("UidRootLeadingZero");
        yield return new TestCaseData(ok with { UidRoot = "1..2" }).SetName("UidRootEmptyComponent");
        yield return new TestCaseData(ok with { UidRoot = "1.2.x" }).SetName("UidRootLetter");
        yield return new TestCaseData(ok with { UidRoot = "1." + new string('2', 60) }).SetName("UidRootTooLong");
        yield return new TestCaseData(ok with { SeriesNumber = -1 }).SetName("NegativeSeriesNumber");
        yield return new TestCaseData(ok with { SeriesDescription = new string('a', 65) }).SetName("DescriptionTooLong");
        yield return new TestCaseData(ok with { PatientName = "a\\b" }).SetName("PatientNameBackslash");
        yield return new TestCaseData(ok with { PatientId = "a\nb" }).SetName("PatientIdControl");
        yield return new TestCaseData(ok with { PatientId = null! }).SetName("PatientIdNull");
        yield return new TestCaseData(ok with { Modality = (DicomSeriesModality)7 }).SetName("UnknownModality");
    }

    [TestCaseSource(nameof(HostileOptions))]
    public void Write_HostileOptions_ArgumentException(DicomSeriesWriteOptions options)
    {
        string dir = TestPaths.NewTempDirectory();
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => DicomSeriesWriter.Write(WrittenSeries.Mr(), dir, options));
        Assert.That(Directory.GetFiles(dir), Is.Empty, "nothing is written before the options are checked");
    }

    [Test]
    public void Write_NaNVoxel_ArgumentException()
    {
        var volume = new Volume<float>(new VolumeGeometry(new Size3(2, 2, 2)));
        volume[1, 1, 1] = float.NaN;
        Assert.Throws<ArgumentException>(() => DicomSeriesWriter.Write(volume, TestPaths.NewTempDirectory()));
    }

    [TestCase(1.0 / 3)]
    [TestCase(-123.45678901234567)]
    [TestCase(1.2345678901234567e-7)]
    [TestCase(-9.87654321e200)]
    [TestCase(0.8137976813493738)]
    public void DecimalString_AtMostSixteenCharactersAndTenDigits(double value)
    {
        string text = DicomDecimalString.Format(value);
        double parsed = double.Parse(text, CultureInfo.InvariantCulture);

        Assert.That(text, Has.Length.LessThanOrEqualTo(16));

        // 16 characters leave at least 10 significant digits even with sign, point and a 4-character exponent.
        Assert.That(Math.Abs(parsed - value), Is.LessThanOrEqualTo(Math.Abs(value) * 5e-10));
    }

    internal static void AssertSameGeometry(VolumeGeometry actual, VolumeGeometry expected)
    {
        Assert.That(actual.Size, Is.EqualTo(expected.Size));
        Assert.That(actual.Spacing.ToArray(), Is.EqualTo(expected.Spacing.ToArray()).Within(GeometryTolerance));
        Assert.That(actual.Origin.ToArray(), Is.EqualTo(expected.Origin.ToArray()).Within(GeometryTolerance));
        Assert.That(actual.Direction.ToRowMajorArray(), Is.EqualTo(expected.Direction.ToRowMajorArray()).Within(GeometryTolerance));
    }
}
