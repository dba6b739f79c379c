using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.Clinical;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.Dicom.Series;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Cli;

/// <summary>
/// The command line as a new user meets it (issue #20): nested folders, a missing path, <c>convert DIR OUT.nii.gz</c>,
/// a single DICOM file, <c>--series</c>, messages and JSON text. The series are written by <see cref="DicomSeriesWriter"/>
/// from analytic volumes (<see cref="WrittenSeries"/>), so every expected value comes from the volume written.
/// </summary>
[TestFixture]
public sealed class FirstContactCommandsTests : TempDirectoryTest
{
    /// <summary>Writes the analytic CT (series 2, "Head axial") and MR (series 3, "T1 sag") into <c>export/</c> below nested sub-folders, as PACS exports do.</summary>
    private (string Root, string CtFolder, string MrFolder) WriteExport()
    {
        string root = Path.Combine(TempDir, "export");
        string ct = Path.Combine(root, "PAT1", "STUDY1", "SER2");
        string mr = Path.Combine(root, "PAT1", "STUDY1", "SER3");
        DicomSeriesWriter.Write(WrittenSeries.Ct(), ct, WrittenSeries.Options(DicomSeriesModality.CT) with { SeriesNumber = 2, SeriesDescription = "Head axial" });
        DicomSeriesWriter.Write(WrittenSeries.Mr(), mr, WrittenSeries.Options(DicomSeriesModality.MR) with { SeriesNumber = 3, SeriesDescription = "T1 sag" });
        return (root, ct, mr);
    }

    /// <summary>Both series in one flat folder (file names prefixed by series).</summary>
    private string WriteFlatFolderOfTwoSeries()
    {
        (_, string ct, string mr) = WriteExport();
        string flat = Path.Combine(TempDir, "flat");
        Directory.CreateDirectory(flat);
        foreach (string f in Directory.GetFiles(ct))
        {
            File.Copy(f, Path.Combine(flat, "ct_" + Path.GetFileName(f)));
        }

        foreach (string f in Directory.GetFiles(mr))
        {
            File.Copy(f, Path.Combine(flat, "mr_" + Path.GetFileName(f)));
        }

        return flat;
    }

    [Test]
    public void Info_NestedExportWithoutRecursive_SaysWhereTheFilesAreAndToUseRecursive()
    {
        (string root, _, _) = WriteExport();
        int files = WrittenSeries.Ct().Size.Z + WrittenSeries.Mr().Size.Z;

        (int code, _, string stderr) = CliJson.Run("info", root);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain($"2 sub-folders hold {files} files; use --recursive"));
        Assert.That(stderr, Does.Not.Contain("the folder is empty"));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1), "one error line");
    }

    [TestCase("convert")]
    [TestCase("qc")]
    [TestCase("resample")]
    public void FolderVerbs_NestedExportWithoutRecursive_SameHint(string verb)
    {
        (string root, _, _) = WriteExport();
        string[] args = verb == "resample" ? [verb, root, Path.Combine(TempDir, "o.nii"), "--spacing", "1"] : [verb, root, Path.Combine(TempDir, verb == "qc" ? "o.png" : "o.nii")];

        (int code, _, string stderr) = CliJson.Run(args);

        Assert.That(code, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("sub-folders hold").And.Contain("use --recursive"));
    }

    [Test]
    public void DicomScan_NestedExport_HintInJsonAndNoteOnStderr_RecursiveFindsBothSeries()
    {
        (string root, _, _) = WriteExport();

        (int code, JsonObject json, string stderr) = CliJson.Run("dicom", "scan", root);
        (int deepCode, JsonObject deep, _) = CliJson.Run("dicom", "scan", root, "--recursive");

        Assert.That(code, Is.Zero);
        Assert.That(json["series"]!.AsArray(), Is.Empty);
        Assert.That(json["hint"]!.GetValue<string>(), Does.Contain("2 sub-folders hold").And.Contain("--recursive"));
        Assert.That(stderr, Does.StartWith("note: "));
        Assert.That(deepCode, Is.Zero);
        Assert.That(deep["series"]!.AsArray().Select(s => s!["number"]!.GetValue<int>()), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(deep["hint"], Is.Null);
    }

    [TestCase("info")]
    [TestCase("qc")]
    [TestCase("stats")]
    [TestCase("convert")]
    public void MissingPath_SaysItDoesNotExist(string verb)
    {
        string missing = Path.Combine(TempDir, "nonexistent");
        // OUT has its verb's extension: a wrong OUT is a usage error found before IN is looked at.
        string[] args = verb is "info" or "stats" ? [verb, missing] : [verb, missing, Path.Combine(TempDir, verb == "qc" ? "o.png" : "o.nii")];

        (int code, _, string stderr) = CliJson.Run(args);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Is.EqualTo($"error: '{missing}': no such file or folder{Environment.NewLine}"));
    }

    [Test]
    public void ConvertFolderToNiftiFile_OneSeries_WritesThatFileAndSidecar()
    {
        (_, string ct, _) = WriteExport();
        string output = Path.Combine(TempDir, "ct.nii.gz");

        (int code, JsonObject json, string stderr) = CliJson.Run("convert", ct, output);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(File.Exists(output) && !Directory.Exists(output), "a file, not a folder named ct.nii.gz");
        Assert.That(File.Exists(Path.Combine(TempDir, "ct.json")), "sidecar next to it");
        Assert.That(json["outputs"]!.AsArray().Single()!["file"]!.GetValue<string>(), Is.EqualTo(output));
        Volume written = WrittenSeries.Ct();
        Volume read = ImageFile.Read(output);
        Assert.That(WrittenSeries.Values(read), Is.EqualTo(WrittenSeries.Values(written)), "the HU written as DICOM");
        Assert.That(Vec3.MaxAbsDifference(read.Geometry.Origin, written.Geometry.Origin), Is.LessThan(1e-4), "origin, DS precision");
    }

    [Test]
    public void ConvertFolderToNiftiFile_TwoSeries_RefusesListingThemUntilSeriesPicksOne()
    {
        string flat = WriteFlatFolderOfTwoSeries();
        string output = Path.Combine(TempDir, "one.nii.gz");

        (int code, _, string stderr) = CliJson.Run("convert", flat, output);
        (int picked, JsonObject json, string pickedErr) = CliJson.Run("convert", flat, output, "--series", "T1*");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("holds 2 series").And.Contain("'Head axial'").And.Contain("'T1 sag'").And.Contain("--series"));
        Assert.That(picked, Is.Zero, pickedErr);
        Assert.That(json["outputs"]!.AsArray().Single()!["size"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(WrittenSeries.Mr().Size.ToArray()));
    }

    [Test]
    public void ConvertFolderToFolder_KeepsOneFilePerSeries()
    {
        string flat = WriteFlatFolderOfTwoSeries();

        (int code, JsonObject json, string stderr) = CliJson.Run("convert", flat, Path.Combine(TempDir, "out"));

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["outputs"]!.AsArray().Select(o => Path.GetFileName(o!["file"]!.GetValue<string>())),
            Is.EquivalentTo(new[] { "2_Head_axial.nii.gz", "3_T1_sag.nii.gz" }));
    }

    [Test]
    public void SingleDicomFile_IsAnImageForInfoConvertAndQc()
    {
        (_, string ct, _) = WriteExport();
        string file = Directory.GetFiles(ct).Order(StringComparer.Ordinal).First();
        Volume<short> written = WrittenSeries.Ct();

        (int code, JsonObject info, string stderr) = CliJson.Run("info", file);
        (int convertCode, _, string convertErr) = CliJson.Run("convert", file, Path.Combine(TempDir, "slice.nii"));
        (int qcCode, _, string qcErr) = CliJson.Run("qc", file, Path.Combine(TempDir, "slice.png"), "--plane", "axial");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(info["format"]!.GetValue<string>(), Is.EqualTo("Dicom"));
        Assert.That(info["size"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { written.Size.X, written.Size.Y, 1 }), "one slice, as SimpleITK ReadImage of one file");
        // The first file holds slice z = 0 of the analytic CT: −1024 + 37x + 101y, x < 7, y < 5.
        Assert.That(info["min"]!.GetValue<double>(), Is.EqualTo(-1024));
        Assert.That(info["max"]!.GetValue<double>(), Is.EqualTo(-1024 + 37 * 6 + 101 * 4));
        Assert.That(convertCode, Is.Zero, convertErr);
        Assert.That(qcCode, Is.Zero, qcErr);
    }

    [Test]
    public void NotAnImage_SaysNeitherImageNorDicom()
    {
        string text = Path.Combine(TempDir, "notes.txt");
        File.WriteAllText(text, "hello");

        (int code, _, string stderr) = CliJson.Run("info", text);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("neither an image file by its extension").And.Contain("nor a DICOM file"));
    }

    [Test]
    public void ResampleAndStats_AcceptDicomFolder()
    {
        (_, string ct, _) = WriteExport();

        (int code, JsonObject json, string stderr) = CliJson.Run("resample", ct, Path.Combine(TempDir, "iso.nii"), "--spacing", "1");
        (int statsCode, _, string statsErr) = CliJson.Run("stats", ct);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["spacing"]!.AsArray().Select(v => v!.GetValue<double>()), Is.EqualTo(new[] { 1.0, 1.0, 1.0 }), "--spacing 1 is isotropic 1 mm");
        Assert.That(statsCode, Is.Zero, statsErr);
    }

    [TestCase("2", 2)]
    [TestCase("3", 3)]
    [TestCase("head", 2)]
    [TestCase("T1*", 3)]
    [TestCase("*SAG", 3)]
    public void Series_ByNumberOrDescription_PicksThatSeries(string selector, int number)
    {
        string flat = WriteFlatFolderOfTwoSeries();

        (int code, JsonObject json, string stderr) = CliJson.Run("info", flat, "--series", selector);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(json["series"]!["number"]!.GetValue<int>(), Is.EqualTo(number));
        Assert.That(json["notes"]!.AsArray(), Is.Empty, "a chosen series is not 'the largest, others not read'");
    }

    [Test]
    public void Series_NoMatch_ListsTheSeries()
    {
        string flat = WriteFlatFolderOfTwoSeries();

        (int code, _, string stderr) = CliJson.Run("qc", flat, Path.Combine(TempDir, "q.png"), "--series", "liver");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("matches 'liver'").And.Contain("number 2, 'Head axial'").And.Contain("number 3, 'T1 sag'"));
    }

    [Test]
    public void Register_FixedAndMovingSeries_PickEachFoldersSeries()
    {
        string flat = WriteFlatFolderOfTwoSeries();
        string tfm = Path.Combine(TempDir, "ct-ct.tfm");

        (int code, _, string stderr) = CliJson.Run("register", flat, flat, tfm, "--fixed-series", "head", "--moving-series", "2",
            "--iterations", "1", "--shrink", "1", "--sigmas", "0");
        (int wrong, _, string wrongStderr) = CliJson.Run("register", flat, flat, tfm, "--moving-series", "liver");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(File.Exists(tfm), Is.True);
        Assert.That(wrong, Is.EqualTo(1));
        Assert.That(wrongStderr, Does.Contain("matches 'liver'").And.Contain("number 3, 'T1 sag'"));
    }

    [Test]
    public void Series_OnAnImageFile_IsAUsageError()
    {
        string nii = Path.Combine(TempDir, "ct.nii");
        ImageFile.Write(WrittenSeries.Ct(), nii);

        (int code, _, string stderr) = CliJson.Run("info", nii, "--series", "2");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--series and --recursive apply to a DICOM folder IN only"));
    }

    [Test]
    public void Pipeline_SeriesFromConfigAndOption()
    {
        string flat = WriteFlatFolderOfTwoSeries();
        string config = Path.Combine(TempDir, "options.json");
        File.WriteAllText(config, """{"series": "T1 sag", "modality": "CT", "qc_pictures": false, "write_image": false, "write_masks": false}""");

        Assert.That(PipelineOptions.Parse("""{"series": "3", "recursive": true}""") is { Series: "3", Recursive: true });
        (int code, _, string stderr) = CliJson.Run("pipeline", flat, Path.Combine(TempDir, "p"), "--config", config);
        JsonNode report = JsonNode.Parse(File.ReadAllText(Path.Combine(TempDir, "p", ClinicalPipeline.ReportFileName)))!;

        Assert.That(code, Is.Zero, stderr);
        Assert.That(report["input"]!["series_number"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public void Json_WritesQuotesAndSignsAsThemselves_NoNegativeZero()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string nii = Path.Combine(TempDir, "flip.nii");
        // A direction with −1 on the diagonal: its off-diagonal zeros come out of RAS→LPS as −0.
        var geometry = new VolumeGeometry(new Size3(3, 3, 3), Vec3.One, Vec3.Zero, Mat3.Diagonal(new Vec3(-1, -1, 1)));
        ImageFile.Write(new Volume<short>(geometry), nii);

        int code = CliApp.Run(["info", nii], stdout, stderr);
        string text = stdout.ToString();
        string[] directions = [.. JsonNode.Parse(text)!["direction"]!.AsArray().Select(v => v!.ToJsonString())];

        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(directions, Is.EqualTo(new[] { "-1", "0", "0", "0", "-1", "0", "0", "0", "1" }));
        Assert.That(Json.ToIndentedString(new JsonObject { ["w"] = "first tile's 3×3" }), Does.Contain("\"first tile's 3×3\""), "no \\u0027, no \\u00D7");
    }

    [Test]
    public void Help_HasExamplesAndExplainsRecursive()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int code = CliApp.Run(["--help"], stdout, stderr);

        Assert.That(code, Is.Zero);
        Assert.That(stdout.ToString(), Does.Contain("Examples:").And.Contain("medimg convert DICOM_DIR ct.nii.gz").And.Contain("add --recursive"));
    }
}
