using System.Text.Json.Nodes;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.Cli;
using MedImaging.Tests.TestUtilities;
using static MedImaging.Tests.Robustness.FaultyFolders;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// One damaged slice per folder (<see cref="FaultyFolders"/>), on a series written here with
/// <see cref="DicomSeriesWriter"/> and on a real CT series of the corpus (Philips, 28 slices, skipped when the corpus
/// is absent): the library and the CLI verbs either read the other slices unchanged and name the damaged file, or
/// (with <c>--on-bad-file error</c>) fail with one <c>error:</c> line naming it. Never a crash, a stack trace, an
/// AggregateException, a resampling blamed on a shear that is not there.
/// </summary>
[TestFixture]
public sealed class FaultInjectionTests : TempDirectoryTest
{
    /// <summary>The corpus's untilted real CT series (512x512x28, 5 mm), and a slice in its middle.</summary>
    private const string RealSeries = "corpus/ct-tilt-ge-philips/In/Philips/S21570/S2010";
    private const string RealVictim = "I100";

    /// <summary>The written series' victim: slice 5 of 9, in the middle (its loss is a gap, not a shorter stack).</summary>
    private const int GeneratedVictim = 4;

    private static IEnumerable<Fault> Faults => All();

    [TestCaseSource(nameof(Faults))]
    public void Generated_Library_NamesTheFileAndKeepsTheOtherSlices(Fault fault)
    {
        (string clean, string victim) = Generated();
        CheckLibrary(clean, victim, fault);
    }

    [TestCaseSource(nameof(Faults))]
    public void Generated_InfoConvertPipeline_ExitZeroNamingTheFile_OrOneErrorLine(Fault fault)
    {
        (string clean, string victimName) = Generated();
        string folder = Damaged(clean, victimName, fault, out string named);
        CheckInfo(folder, named, fault);

        (int code, JsonObject json, string err) = CliJson.Run("convert", folder, Path.Combine(TempDir, "converted"));
        AssertClean(err);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(json["outputs"]!.AsArray(), Is.Not.Empty);
        if (fault.Expected != Expect.Missing)
        {
            Assert.That(err, Does.Contain(named), "convert names the file on stderr");
        }

        string outDir = Path.Combine(TempDir, "pipeline");
        (code, json, err) = CliJson.Run("pipeline", folder, outDir, "--no-qc");
        AssertClean(err);
        Assert.That(code, Is.EqualTo(0), err);
        if (fault.Expected != Expect.Missing)
        {
            JsonArray skipped = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")))!["input"]!["skipped"]!.AsArray();
            Assert.That(skipped.Select(s => s!["file"]!.GetValue<string>()), Does.Contain(named), "report.json input.skipped");
            Assert.That(err, Does.Contain($"warning: skipped '{named}'"));
        }
    }

    [TestCaseSource(nameof(Faults))]
    public void RealCt_LibraryAndInfo_NameTheFileAndKeepTheOtherSlices(Fault fault)
    {
        string clean = TestPaths.RequireShared(RealSeries);
        CheckLibrary(clean, RealVictim, fault);
        string folder = Path.Combine(TempDir, "damaged");
        CheckInfo(folder, Path.Combine(folder, fault.Expected == Expect.CopySkipped ? RealVictim + "_copy" : RealVictim), fault);
    }

    [Test]
    public void Batch_CleanAndDamagedCases_ExitZeroEveryDamagedFileNamed()
    {
        (string clean, string victim) = Generated();
        string root = Path.Combine(TempDir, "cases");
        CopyFolder(clean, Path.Combine(root, "a-clean"));
        var named = new Dictionary<string, string>();
        foreach (Fault fault in All().Where(f => f.Name is "cut in the pixels" or "Pixel Data length 2 GiB" or "truncated copy" or "Rows 2"))
        {
            string name = "b-" + fault.Name.Replace(' ', '-');
            CopyFolder(clean, Path.Combine(root, name));
            named[name] = fault.Damage(Path.Combine(root, name, victim));
        }

        string outDir = Path.Combine(TempDir, "batch-out");
        (int code, _, string err) = CliJson.Run("batch", root, outDir, "--no-qc");
        AssertClean(err);
        Assert.That(code, Is.EqualTo(0), err);
        JsonArray cases = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "batch.json")))!["cases"]!.AsArray();
        foreach (JsonNode? c in cases)
        {
            string name = c!["name"]!.GetValue<string>();
            Assert.That(c["status"]!.GetValue<string>(), Is.EqualTo("ok"), name);
            string[] skipped = [.. c["skipped_files"]!.AsArray().Select(s => s!["file"]!.GetValue<string>())];
            Assert.That(skipped, named.TryGetValue(name, out string? file) ? Does.Contain(file) : Is.Empty, name);
        }
    }

    [Test]
    public void SymbolicLinkLoop_Recursive_ReadOnceAndNamed()
    {
        (string clean, _) = Generated();
        string folder = Path.Combine(TempDir, "looped");
        CopyFolder(clean, folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), folder);
        (int code, JsonObject json, string err) = CliJson.Run("info", folder, "--recursive");
        AssertClean(err);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(json["size"]![2]!.GetValue<int>(), Is.EqualTo(9), "each slice once");
        Assert.That(err, Does.Contain("not followed again"));
    }

    /// <summary>
    /// Random folder mutations: 1 to 3 slices of the written series each get a random fault of the suite or random
    /// byte damage (flips, a cut at a random offset, a 4-byte field overwritten). Each read ends within the hang limit
    /// and either returns — every victim named in the skipped files or used as a slice, every other slice unchanged
    /// unless the report says the stack was resampled — or throws a <see cref="MedImagingException"/>. CI runs a few;
    /// <c>MEDIMG_FUZZ_ITERATIONS=1000</c> runs 3000 (docs/ACCURACY.md).
    /// </summary>
    [Test]
    public void RandomFolderMutations_NamedOrUsed_OthersUnchanged()
    {
        (string clean, _) = Generated();
        DicomSeriesReadResult reference = DicomSeriesReader.Read(clean);
        string[] names = [.. reference.Report.Files.Select(f => Path.GetFileName(f)!)];
        Fault[] faults = [.. All()];
        var random = new Random(FuzzSettings.Seed + 53);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        int count = FuzzSettings.Random(3);
        for (int m = 0; m < count; m++)
        {
            string folder = Path.Combine(TempDir, $"m{m}");
            CopyFolder(clean, folder);
            int[] victims = [.. Enumerable.Range(0, names.Length).OrderBy(_ => random.Next()).Take(random.Next(1, 4))];
            var what = new List<string>();
            foreach (int v in victims)
            {
                string path = Path.Combine(folder, names[v]);
                int kind = random.Next(faults.Length + 3);
                what.Add(kind < faults.Length ? $"{names[v]}: {faults[kind].Name}" : $"{names[v]}: {RandomBytes(path, kind - faults.Length, random)}");
                if (kind < faults.Length)
                {
                    faults[kind].Damage(path);
                }
            }

            string label = $"mutation {m} ({string.Join("; ", what)})";
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                DicomSeriesReadResult read = DicomSeriesReader.ReadLargest(DicomSeriesScanner.Scan(folder), folder).Result;
                string[] named = [.. read.Report.Skipped.Select(s => Path.GetFileName(s.Path)!)];
                string[] used = [.. read.Report.Files.Select(f => Path.GetFileName(f)!)];
                // A victim whose SeriesInstanceUID or SeriesNumber changed is another series: named in the warning about it.
                string? lost = victims.Select(v => names[v]).FirstOrDefault(n => File.Exists(Path.Combine(folder, n)) && !named.Contains(n) && !used.Contains(n)
                    && !read.Report.Warnings.Any(w => w.Contains(Path.Combine(folder, n), StringComparison.Ordinal)));
                if (lost is not null)
                {
                    failures.Add($"{label}: '{lost}' neither read nor named");
                }

                Count(outcomes, read.Report.Resampled ? "read, resampled" : read.Report.Skipped.Count > 0 ? "read, files skipped" : "read, nothing skipped");
                if (!read.Report.Resampled && read.Volume.Geometry.Size.X == reference.Volume.Geometry.Size.X)
                {
                    int[] except = [.. victims, .. Enumerable.Range(0, names.Length).Where(k => !used.Contains(names[k]))];
                    try
                    {
                        AssertSlicesUnchanged(reference.Volume, read.Volume, except);
                    }
                    catch (AssertionException ex)
                    {
                        failures.Add($"{label}: {ex.Message}");
                    }
                }
            }
            catch (MedImagingException ex)
            {
                Count(outcomes, $"refused: {ex.GetType().Name}");
            }
            catch (Exception ex)
            {
                failures.Add($"{label}: undocumented {ex.GetType().Name}: {ex.Message}");
            }

            if (clock.Elapsed > FuzzSettings.Timeout)
            {
                failures.Add($"{label}: {clock.Elapsed.TotalSeconds:F1} s (a hang)");
            }

            Directory.Delete(folder, recursive: true);
        }

        TestContext.Out.WriteLine($"{count} folder mutations: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
    }

    private static void Count(Dictionary<string, int> outcomes, string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    /// <summary>Random byte damage of kind 0 (flips), 1 (cut) or 2 (a 4-byte field set to a random value); returns what was done.</summary>
    private static string RandomBytes(string path, int kind, Random random)
    {
        byte[] bytes = File.ReadAllBytes(path);
        switch (kind)
        {
            case 0:
                int flips = random.Next(1, 9);
                for (int i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                File.WriteAllBytes(path, bytes);
                return $"{flips} random bytes changed";
            case 1:
                int cut = random.Next(bytes.Length);
                File.WriteAllBytes(path, bytes[..cut]);
                return $"cut at {cut} of {bytes.Length}";
            default:
                int at = random.Next(bytes.Length - 4);
                BitConverter.GetBytes((uint)random.Next(int.MinValue, int.MaxValue)).CopyTo(bytes, at);
                File.WriteAllBytes(path, bytes);
                return $"4 bytes at {at} overwritten";
        }
    }

    /// <summary>
    /// Reads the damaged copy with the library: the named file is in the report's skipped files (unless deleted), the
    /// other slices' voxels equal the clean read's, no shear is blamed; with <see cref="BadFilePolicy.Error"/> a damaged
    /// file is named in a <see cref="DicomFormatException"/>.
    /// </summary>
    private void CheckLibrary(string clean, string victimName, Fault fault)
    {
        DicomSeriesReadResult reference = CleanRead(clean);
        int victimSlice = reference.Report.Files.Select(Path.GetFileName).ToList().IndexOf(victimName);
        string folder = Damaged(clean, victimName, fault, out string named);
        DicomScanResult scan = DicomSeriesScanner.Scan(folder);
        DicomSeriesReadResult read = DicomSeriesReader.ReadLargest(scan, folder).Result;
        SeriesReport report = read.Report;
        if (fault.Expected != Expect.Missing)
        {
            Assert.That(report.Skipped.Select(s => s.Path), Does.Contain(named), "the file is named in the report's skipped files");
        }

        string victim = Path.Combine(folder, victimName);
        Assert.That(report.Files, fault.Expected == Expect.CopySkipped ? Does.Contain(victim) : Does.Not.Contain(victim));
        Assert.That(report.Warnings, Has.None.Contains("shear"), "the series has no tilt: no shear may be blamed");
        AssertSlicesUnchanged(reference.Volume, read.Volume, fault.Expected == Expect.CopySkipped ? [] : [victimSlice]);
        if (fault.Name == "copy with other pixels")
        {
            Assert.That(report.Warnings, Has.Some.Contains("differ in pixels").And.Contains(named));
        }

        try
        {
            DicomSeriesReader.ReadLargest(scan, folder, new DicomSeriesReadOptions { OnBadFile = BadFilePolicy.Error });
            Assert.That(fault.Damaged, Is.False, "OnBadFile Error must fail on a damaged file");
        }
        catch (DicomFormatException ex)
        {
            Assert.That(fault.Damaged, Is.True, ex.Message);
            Assert.That(ex.FilePath, Is.EqualTo(named));
        }
    }

    /// <summary>info: exit 0 with the file in skipped[] and on stderr; with --on-bad-file error, exit 1 and one error line naming a damaged file.</summary>
    private static void CheckInfo(string folder, string named, Fault fault)
    {
        (int code, JsonObject json, string err) = CliJson.Run("info", folder);
        AssertClean(err);
        Assert.That(code, Is.EqualTo(0), err);
        if (fault.Expected != Expect.Missing)
        {
            Assert.That(json["skipped"]!.AsArray().Select(s => s!["file"]!.GetValue<string>()), Does.Contain(named));
            Assert.That(err, Does.Contain($"warning: skipped '{named}'"));
        }

        (code, _, err) = CliJson.Run("info", folder, "--on-bad-file", "error");
        AssertClean(err);
        if (fault.Damaged)
        {
            Assert.That(code, Is.EqualTo(1), err);
            string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(1), err);
            Assert.That(lines[0], Does.StartWith("error: ").And.Contain(named));
        }
        else
        {
            Assert.That(code, Is.EqualTo(0), err);
        }
    }

    private static void AssertClean(string stderr) =>
        Assert.That(stderr, Does.Not.Contain("AggregateException").And.Not.Contain("   at ").And.Not.Contain("Unhandled"), stderr);

    /// <summary>Every slice of <paramref name="reference"/> but those in <paramref name="except"/> lies on a plane of <paramref name="actual"/> with the same voxels.</summary>
    private static void AssertSlicesUnchanged(Volume reference, Volume actual, int[] except)
    {
        VolumeGeometry g = reference.Geometry;
        for (int k = 0; k < g.Size.Z; k++)
        {
            if (except.Contains(k))
            {
                continue;
            }

            Vec3 index = actual.Geometry.TransformPhysicalPointToContinuousIndex(g.TransformIndexToPhysicalPoint(0, 0, k));
            int kk = (int)Math.Round(index.Z);
            // 1e-3 voxel: the planes of a regular (or regularised) grid through the slices' own positions.
            Assert.That(Math.Abs(index.X) + Math.Abs(index.Y) + Math.Abs(index.Z - kk), Is.LessThan(1e-3), $"slice {k} is on a plane of the volume read");
            Assert.That(kk, Is.InRange(0, actual.Geometry.Size.Z - 1), $"slice {k} is inside the volume read");
            for (int y = 0; y < g.Size.Y; y++)
            {
                for (int x = 0; x < g.Size.X; x++)
                {
                    if (reference.GetValueAsDouble(x, y, k) != actual.GetValueAsDouble(x, y, kk))
                    {
                        Assert.Fail($"slice {k} voxel ({x}, {y}): {actual.GetValueAsDouble(x, y, kk)} read, {reference.GetValueAsDouble(x, y, k)} in the clean series");
                    }
                }
            }
        }
    }

    private string Damaged(string clean, string victimName, Fault fault, out string named)
    {
        string folder = Path.Combine(TempDir, "damaged");
        CopyFolder(clean, folder);
        named = fault.Damage(Path.Combine(folder, victimName));
        return folder;
    }

    private static readonly Dictionary<string, DicomSeriesReadResult> CleanReads = [];

    private static DicomSeriesReadResult CleanRead(string folder)
    {
        lock (CleanReads)
        {
            if (!CleanReads.TryGetValue(folder, out DicomSeriesReadResult? read) || folder.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
            {
                read = DicomSeriesReader.Read(folder);
                CleanReads[folder] = read;
            }

            return read;
        }
    }

    /// <summary>
    /// A 24x20x9 CT phantom written with <see cref="DicomSeriesWriter"/>: air, and an ellipse whose HU differ per
    /// slice and column (so a slice out of place or a changed voxel shows); returns the folder and the victim's name.
    /// </summary>
    private (string Folder, string Victim) Generated()
    {
        var geometry = new VolumeGeometry(new Size3(24, 20, 9), new Vec3(0.8, 0.8, 2.5), new Vec3(-10, -8, 30));
        short[] data = new short[24 * 20 * 9];
        for (int z = 0; z < 9; z++)
        {
            for (int y = 0; y < 20; y++)
            {
                for (int x = 0; x < 24; x++)
                {
                    double u = (x - 11.5) / 10, v = (y - 9.5) / 8;
                    data[(z * 20 + y) * 24 + x] = (short)(u * u + v * v < 1 ? 20 + 10 * z + x % 7 : -1000);
                }
            }
        }

        string folder = Path.Combine(TempDir, "clean");
        DicomSeriesWriteResult written = DicomSeriesWriter.Write(new Volume<short>(geometry, data), folder, new DicomSeriesWriteOptions { SeriesDescription = "fault phantom" });
        return (folder, Path.GetFileName(written.Files[GeneratedVictim]));
    }
}
