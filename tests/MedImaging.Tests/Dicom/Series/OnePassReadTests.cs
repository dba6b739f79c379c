using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// The one-pass series read: pixels read straight from where the header-only scan found them must equal what parsing
/// each file again gives (the route kept for compressed and unusual data), for any thread count; and a file that
/// changed or was truncated after the scan must fail naming the file, never yield other pixels.
/// </summary>
[TestFixture]
public sealed class OnePassReadTests
{
    [Test]
    public void Read_GeneratedCtFolder_OnePassEqualsParsedRouteForOneAndTwoThreads()
    {
        DicomSeriesInfo series = Largest(DicomSeriesScanner.Scan(TestPaths.RequireGenerated("ct_phantom_dicom")));
        Assert.That(series.Images, Has.All.Matches<DicomImageHeader>(h => h.PixelDataExtent is not null), "the scan locates every file's pixel data");

        Volume one = DicomSeriesReader.Read(series, execution: Threads(1)).Volume;
        Volume two = DicomSeriesReader.Read(series, execution: Threads(2)).Volume;
        Volume parsed = DicomSeriesReader.Read(WithoutExtents(series), execution: Threads(2)).Volume;

        // Bit-identical: the same integer arithmetic on the same stored values, whatever the route or thread count.
        Assert.That(one.AsBytes().SequenceEqual(two.AsBytes()), Is.True, "1 vs 2 threads");
        Assert.That(one.AsBytes().SequenceEqual(parsed.AsBytes()), Is.True, "one pass vs parsing every file");
    }

    [Test]
    public void Read_WrittenInt16Ct_InPlaceShiftGivesTheWrittenVoxels()
    {
        // The writer stores int16 HU as 12-bit unsigned + intercept -1024: the in-place mask-and-shift route.
        Volume<short> ct = WrittenSeries.Ct();
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriter.Write(ct, dir, WrittenSeries.Options(DicomSeriesModality.CT));
        DicomSeriesInfo series = DicomSeriesScanner.Scan(dir).Series.Single();

        Volume fast = DicomSeriesReader.Read(series, execution: Threads(2)).Volume;
        Volume parsed = DicomSeriesReader.Read(WithoutExtents(series), execution: Threads(1)).Volume;

        Assert.That(WrittenSeries.Values(fast), Is.EqualTo(WrittenSeries.Values(ct)));
        Assert.That(fast.AsBytes().SequenceEqual(parsed.AsBytes()), Is.True);
    }

    [Test]
    public void Read_WrittenFloatVolume_PooledRescaleEqualsParsedRoute()
    {
        // A float volume is written with a fractional slope: the pooled-buffer route (stored -> double -> float32).
        var mr = new Volume<float>(WrittenSeries.Ct().Geometry);
        WrittenSeries.Fill(mr, (x, y, z) => (0.37 * x) - (1.3 * y) + (10.25 * z));
        string dir = TestPaths.NewTempDirectory();
        DicomSeriesWriter.Write(mr, dir, WrittenSeries.Options(DicomSeriesModality.MR));
        DicomSeriesInfo series = DicomSeriesScanner.Scan(dir).Series.Single();

        Volume fast = DicomSeriesReader.Read(series).Volume;
        Volume parsed = DicomSeriesReader.Read(WithoutExtents(series)).Volume;

        Assert.That(fast.PixelType, Is.EqualTo(PixelType.Float32));
        Assert.That(fast.AsBytes().SequenceEqual(parsed.AsBytes()), Is.True);
    }

    [Test]
    public void Read_Uint16SelfMadeSeries_EveryVoxelSaysWhereItCameFrom()
    {
        string dir = TestPaths.NewTempDirectory();
        SelfMadeSeries.Write(dir, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "one pass");

        Volume<ushort> v = DicomSeriesReader.Read(dir, execution: Threads(2)).Volume.As<ushort>();

        // SelfMadeSeries: value = 100·slice + 10·row + column (identity rescale: the stored words themselves).
        for (int z = 0; z < 10; z++)
        {
            Assert.That(v[3, 2, z], Is.EqualTo(100 * z + 23));
            Assert.That(v[0, 0, z], Is.EqualTo(100 * z));
        }
    }

    [Test]
    public void Read_FileGrownAfterScan_ThrowsNamingTheFile()
    {
        (DicomSeriesInfo series, string victim) = ScannedSelfMade();
        File.AppendAllText(victim, "extra bytes");

        var ex = Assert.Throws<DicomFormatException>(() => DicomSeriesReader.Read(series, ErrorOnBadFile));
        Assert.That(ex!.FilePath, Is.EqualTo(victim));
        Assert.That(ex.Message, Does.Contain("changed after the series was scanned"));
    }

    [Test]
    public void Read_FileTruncatedAfterScan_ThrowsNamingTheFile()
    {
        (DicomSeriesInfo series, string victim) = ScannedSelfMade();
        using (var stream = new FileStream(victim, FileMode.Open))
        {
            stream.SetLength(stream.Length - 5);
        }

        var ex = Assert.Throws<DicomFormatException>(() => DicomSeriesReader.Read(series, ErrorOnBadFile));
        Assert.That(ex!.FilePath, Is.EqualTo(victim));
    }

    [Test]
    public void Read_FileRewrittenWithSameLengthAfterScan_ThrowsNamingTheFile()
    {
        (DicomSeriesInfo series, string victim) = ScannedSelfMade();
        byte[] bytes = File.ReadAllBytes(victim);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(victim, bytes);
        File.SetLastWriteTimeUtc(victim, File.GetLastWriteTimeUtc(victim).AddMinutes(1));

        var ex = Assert.Throws<DicomFormatException>(() => DicomSeriesReader.Read(series, ErrorOnBadFile));
        Assert.That(ex!.FilePath, Is.EqualTo(victim));
    }

    [Test]
    public void Read_FileTruncatedBeforeScan_ScanKeepsItAndReadNamesIt()
    {
        // The header-only scan stops before the pixel data, so a file cut inside it is found by the pixel read.
        string dir = TestPaths.NewTempDirectory();
        SelfMadeSeries.Write(dir, [0, 1, 2, 3], "cut");
        string victim = Path.Combine(dir, "slice002.dcm");
        using (var stream = new FileStream(victim, FileMode.Open))
        {
            stream.SetLength(stream.Length - 4);
        }

        DicomSeriesInfo series = DicomSeriesScanner.Scan(dir).Series.Single();
        var ex = Assert.Throws<DicomFormatException>(() => DicomSeriesReader.Read(series, ErrorOnBadFile));
        Assert.That(ex!.FilePath, Is.EqualTo(victim));
        Assert.That(ex.Message, Does.Contain("value length 24"));
    }

    [Test]
    public void Read_FileTruncatedAfterScan_SkipPolicy_NamesItAndReadsTheOthers()
    {
        (DicomSeriesInfo series, string victim) = ScannedSelfMade();
        using (var stream = new FileStream(victim, FileMode.Open))
        {
            stream.SetLength(stream.Length - 5);
        }

        DicomSeriesReadResult read = DicomSeriesReader.Read(series);
        Assert.That(read.Report.Skipped.Select(s => s.Path), Is.EqualTo(new[] { victim }));
        Assert.That(read.Report.Files, Does.Not.Contain(victim));
        Assert.That(read.Report.Skipped[0].Reason, Does.Contain("changed after the series was scanned"));
    }

    /// <summary>The policy under which these tests see the reader's exception instead of a skipped file.</summary>
    private static readonly DicomSeriesReadOptions ErrorOnBadFile = new() { OnBadFile = BadFilePolicy.Error };

    private static (DicomSeriesInfo Series, string Victim) ScannedSelfMade()
    {
        string dir = TestPaths.NewTempDirectory();
        SelfMadeSeries.Write(dir, [0, 1, 2, 3], "changing");
        return (DicomSeriesScanner.Scan(dir).Series.Single(), Path.Combine(dir, "slice002.dcm"));
    }

    private static DicomSeriesInfo Largest(DicomScanResult scan) => scan.Series.OrderByDescending(s => s.Images.Count).First();

    private static DicomSeriesInfo WithoutExtents(DicomSeriesInfo series) =>
        series with { Images = [.. series.Images.Select(h => h with { PixelDataExtent = null })] };

    private static ExecutionOptions Threads(int n) => new() { MaxDegreeOfParallelism = n };
}
