using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.Dicom;
using MedImaging.Tests.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary><c>dicom scan</c>, <c>info DIR</c> and <c>convert DIR OUTDIR</c> through <see cref="CliApp.Run"/>.</summary>
[TestFixture]
public sealed class DicomSeriesCommandsTests : TempDirectoryTest
{
    [Test]
    public void Scan_CtPhantom_MainSeriesScoutSeparateReadmeSkipped()
    {
        string folder = TestPaths.RequireGenerated("ct_phantom_dicom");

        JsonObject json = Invoke(0, "dicom", "scan", folder);

        // make_inputs.sh: 128 axial slices (series 2), a 2-image scout (series 1, AP + lateral) and README.txt.
        JsonArray series = json["series"]!.AsArray();
        JsonNode main = series.Single(s => s!["number"]!.GetValue<int>() == 2)!;
        Assert.That(main["files"]!.GetValue<int>(), Is.EqualTo(128));
        Assert.That(Numbers(main["size"]), Is.EqualTo(new double[] { 512, 512, 128 }));
        Assert.That(Numbers(main["spacing"]), Is.EqualTo(new[] { 0.7, 0.7, 5 }).Within(1e-9), "spacing from positions 5 mm apart");
        Assert.That(series.Where(s => s!["number"]!.GetValue<int>() == 1).Sum(s => s!["files"]!.GetValue<int>()), Is.EqualTo(2));
        JsonNode skipped = json["skipped"]!.AsArray().Single()!;
        Assert.That(skipped["file"]!.GetValue<string>(), Does.EndWith("README.txt"));
        Assert.That(skipped["reason"]!.GetValue<string>(), Does.Contain("not a DICOM file"));
    }

    [Test]
    public void InfoFolder_CtPhantom_SameNumbersAsItkInfoOfTheVolume()
    {
        string folder = TestPaths.RequireGenerated("ct_phantom_dicom");

        JsonObject json = Invoke(0, "info", folder);

        // ITK 5.2 `itkref info ct_phantom.mha` (the volume the DICOM series was written from): int16 512x512x128,
        // spacing 0.7,0.7,5, origin -179.3,-200.6,-702.5, sum -24417815785.
        Assert.That(json["format"]!.GetValue<string>(), Is.EqualTo("Dicom"));
        Assert.That(json["pixel_type"]!.GetValue<string>(), Is.EqualTo("int16"));
        Assert.That(Numbers(json["origin"]), Is.EqualTo(new[] { -179.3, -200.6, -702.5 }).Within(1e-9));
        Assert.That(json["sum"]!.GetValue<double>(), Is.EqualTo(-24417815785.0));
        Assert.That(json["notes"]!.AsArray().Single()!.GetValue<string>(), Does.Contain("other series"), "informational: a note, not a warning");
        Assert.That(json["warnings"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void ConvertFolder_CtPhantom_VoxelIdenticalToTheNiftiItWasWrittenFrom()
    {
        string folder = TestPaths.RequireGenerated("ct_phantom_dicom");
        Volume expected = ImageFile.Read(TestPaths.RequireGenerated("ct_phantom.nii.gz"));
        string outDir = Path.Combine(TempDir, "out");

        JsonObject json = Invoke(0, "convert", folder, outDir, "--format", "nii");

        JsonNode main = json["outputs"]!.AsArray().Single(o => o!["file"]!.GetValue<string>().EndsWith("2_Synthetic_abdomen_5mm.nii", StringComparison.Ordinal))!;
        Volume ours = ImageFile.Read(main["file"]!.GetValue<string>());
        Assert.That(ours.PixelType, Is.EqualTo(PixelType.Int16));
        Assert.That(WorldSpace.MaxCornerDistance(ours.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        Assert.That(WorldSpace.AssertSameValues(ours, expected), Is.EqualTo(expected.Geometry.VoxelCount));
        JsonObject sidecar = JsonNode.Parse(File.ReadAllText(main["sidecar"]!.GetValue<string>()))!.AsObject();
        Assert.That(sidecar["report"]!["files"]!.AsArray(), Has.Count.EqualTo(128));
        Assert.That(sidecar["report"]!["rescale"]!.AsArray().Single()!["intercept"]!.GetValue<double>(), Is.EqualTo(-1024));
        Assert.That(json["outputs"]!.AsArray().Count(o => Path.GetFileName(o!["file"]!.GetValue<string>()).StartsWith("1_Scout", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void ConvertFolder_OneTruncatedFile_OtherSeriesConvertedAndBadFileNamed()
    {
        string ge = TestPaths.RequireShared("corpus/mr-ge-epi-4d/In/20180918GE/mr_0004");
        string philips = TestPaths.RequireShared("corpus/mr-philips-rescale-4d/In/Magdeburg_2014/fmri");
        string reference = TestPaths.RequireShared("corpus/mr-ge-epi-4d/ref-dcm2niix-debian");
        string input = Path.Combine(TempDir, "in");
        Directory.CreateDirectory(input);
        foreach (string f in Directory.GetFiles(ge, "*.dcm").Concat(Directory.GetFiles(philips, "*.dcm")))
        {
            File.Copy(f, Path.Combine(input, Path.GetFileName(f)));
        }

        string bad = Path.Combine(input, "201_EPI_asc_CLEAR_0001_04.dcm");
        using (var stream = new FileStream(bad, FileMode.Open))
        {
            stream.SetLength(300);
        }

        JsonObject json = Invoke(0, "convert", input, Path.Combine(TempDir, "out"));

        JsonNode skipped = json["skipped"]!.AsArray().Single()!;
        Assert.That(skipped["file"]!.GetValue<string>(), Is.EqualTo(bad));
        Assert.That(skipped["reason"]!.GetValue<string>(), Does.Contain("not a readable DICOM file"));
        JsonNode geOut = json["outputs"]!.AsArray().Single(o => o!["volumes"]!.GetValue<int>() == 10)!;
        VolumeSeries ours = ImageFile.ReadSeries(geOut["file"]!.GetValue<string>());
        VolumeSeries expected = ImageFile.ReadSeries(Directory.GetFiles(reference, "*.nii.gz").Single());
        Assert.That(WorldSpace.MaxCornerDistance(ours.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance));
        Assert.That(WorldSpace.AssertSameValues(ours[9], expected[9]), Is.EqualTo(expected.Geometry.VoxelCount));
    }

    [Test]
    public void ScanAndConvert_SelfMadeSeries_NamesSanitizedAndSplitPolicyGivesRuns()
    {
        // Two runs of 3 slices 2 mm apart, with a 6 mm gap between them: irregular (missing slices).
        string input = Path.Combine(TempDir, "in");
        double[] z = [0, 2, 4, 10, 12, 14];
        SelfMadeSeries.Write(input, z, description: "T1 / axial (post)");

        JsonObject scan = Invoke(0, "dicom", "scan", input);
        JsonObject split = Invoke(0, "convert", input, Path.Combine(TempDir, "split"), "--irregular", "split", "--format", "mha");
        Invoke(1, "convert", input, Path.Combine(TempDir, "error"), "--irregular", "error");

        JsonNode series = scan["series"]!.AsArray().Single()!;
        Assert.That(series["warnings"]!.AsArray().Select(w => w!.GetValue<string>()), Has.Some.Contains("missing"));
        string[] files = [.. split["outputs"]!.AsArray().Select(o => Path.GetFileName(o!["file"]!.GetValue<string>()))];
        Assert.That(files, Is.EqualTo(new[] { "7_T1_axial_post_run1.mha", "7_T1_axial_post_run2.mha" }));
        Volume second = ImageFile.Read(Path.Combine(TempDir, "split", files[1]));
        Assert.That(second.Geometry.Origin.Z, Is.EqualTo(10), "the second run starts at the slice written at z = 10");
        Assert.That(second.Geometry.Spacing.Z, Is.EqualTo(2).Within(1e-12));
    }

    [Test]
    public void Convert_FolderOptionsOnAFile_UsageError()
    {
        string file = Path.Combine(TempDir, "v.mha");
        ImageFile.Write(new Volume<byte>(new VolumeGeometry(new Size3(2, 2, 2))), file);

        Invoke(2, "convert", file, Path.Combine(TempDir, "o.nii"), "--format", "nii");
        Invoke(2, "convert", TempDir, Path.Combine(TempDir, "o"), "--irregular", "sometimes");
    }

    [Test]
    public void RecursiveOption_SeriesInSubFolders_ScanInfoAndConvertAgree()
    {
        // Two series, each in its own sub-folder, none at the top: without --recursive every verb sees no image;
        // with it, all three see both (info reads the larger: 3 slices of series 8 against 2 of series 7).
        string input = Path.Combine(TempDir, "in");
        SelfMadeSeries.Write(Path.Combine(input, "a"), [0, 1], "first", seriesNumber: 7);
        SelfMadeSeries.Write(Path.Combine(input, "b"), [0, 2, 4], "second", seriesNumber: 8);

        JsonObject flatScan = Invoke(0, "dicom", "scan", input);
        Invoke(1, "info", input);
        Invoke(1, "convert", input, Path.Combine(TempDir, "flat"));
        JsonObject scan = Invoke(0, "dicom", "scan", input, "--recursive");
        JsonObject info = Invoke(0, "info", input, "--recursive");
        JsonObject convert = Invoke(0, "convert", input, Path.Combine(TempDir, "deep"), "--recursive", "--format", "nii");

        Assert.That(flatScan["series"]!.AsArray(), Is.Empty);
        Assert.That(scan["series"]!.AsArray().Select(s => s!["files"]!.GetValue<int>()), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(Numbers(info["size"]), Is.EqualTo(new double[] { SelfMadeSeries.Columns, SelfMadeSeries.Rows, 3 }));
        Assert.That(Numbers(info["spacing"]), Is.EqualTo(new[] { 0.5, 0.5, 2 }).Within(1e-12), "slices written 2 mm apart, 0.5 mm pixels");
        Assert.That(convert["outputs"]!.AsArray().Select(o => Path.GetFileName(o!["file"]!.GetValue<string>())), Is.EqualTo(new[] { "7_first.nii", "8_second.nii" }));
        Invoke(2, "info", Path.Combine(TempDir, "deep", "7_first.nii"), "--recursive");
        Invoke(2, "convert", Path.Combine(TempDir, "deep", "7_first.nii"), Path.Combine(TempDir, "x.nii"), "--recursive");
    }

    [Test]
    public void ScanAndConvert_FolderWithDicomdir_ReportsTheDicomdirAndTheMissingFile()
    {
        string input = Path.Combine(TempDir, "in");
        SelfMadeSeries.Write(Path.Combine(input, "S"), [0, 1, 2], "listed");
        DicomDirectoryFixture.Record[] records =
        [
            new("SERIES", Lower: 1),
            new("IMAGE", ["S", "slice000.dcm"], Next: 2),
            new("IMAGE", ["S", "slice001.dcm"], Next: 3),
            new("IMAGE", ["S", "slice002.dcm"], Next: 4),
            new("IMAGE", ["S", "GONE"]),
        ];
        File.WriteAllBytes(Path.Combine(input, "DICOMDIR"), DicomDirectoryFixture.Build(records));

        JsonObject scan = Invoke(0, "dicom", "scan", input);
        JsonObject convert = Invoke(0, "convert", input, Path.Combine(TempDir, "out"));

        foreach (JsonObject json in new[] { scan, convert })
        {
            Assert.That(json["dicomdir"]!.GetValue<string>(), Is.EqualTo(Path.Combine(input, "DICOMDIR")));
            JsonNode skipped = json["skipped"]!.AsArray().Single()!;
            Assert.That(skipped["file"]!.GetValue<string>(), Is.EqualTo(Path.Combine(input, "S", "GONE")));
            Assert.That(skipped["reason"]!.GetValue<string>(), Does.Contain("listed in DICOMDIR"));
        }

        Assert.That(scan["series"]!.AsArray().Single()!["files"]!.GetValue<int>(), Is.EqualTo(3));
        JsonObject sidecar = JsonNode.Parse(File.ReadAllText(convert["outputs"]!.AsArray().Single()!["sidecar"]!.GetValue<string>()))!.AsObject();
        Assert.That(sidecar["dicomdir"]!.GetValue<string>(), Is.EqualTo(Path.Combine(input, "DICOMDIR")));
    }

    private static JsonObject Invoke(int expectedCode, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.That(CliApp.Run(args, stdout, stderr), Is.EqualTo(expectedCode), stderr.ToString());
        string text = stdout.ToString();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    private static double[] Numbers(JsonNode? node) => [.. node!.AsArray().Select(v => v!.GetValue<double>())];
}
