using System.IO.Compression;
using MedImaging.Cli;
using MedImaging.IO;
using MedImaging.Tests.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// The CLI contract on hostile files: for a seeded sample of mutated NIfTI, MetaImage, NRRD and DICOM files,
/// <c>info</c> (and <c>dicom dump</c> / <c>dicom hash</c>) either prints JSON and exits 0, or exits 1 with exactly one
/// <c>error:</c> line on stderr naming the file — never a stack trace, never another exit code. Paths are non-ASCII.
/// </summary>
[TestFixture]
public sealed class CliHostileInputTests : TempDirectoryTest
{
    private const string Unicode = "ünïcødé 患者";

    [Test]
    public void Info_NonAsciiPath_ReadsAndReportsGeometry()
    {
        string path = Path.Combine(Directory.CreateDirectory(Path.Combine(TempDir, Unicode)).FullName, "ct.nii.gz");
        ImageFile.Write(new Volume<short>(new VolumeGeometry(new Size3(3, 2, 1)), [1, 2, 3, 4, 5, 6]), path);

        (int code, string stdout, string stderr) = Run("info", path);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("\"sum\": 21"), "1 + 2 + … + 6");
    }

    [Test]
    public void Info_TruncatedFileUnderNonAsciiPath_OneErrorLineNamingThePath()
    {
        string folder = Directory.CreateDirectory(Path.Combine(TempDir, Unicode)).FullName;
        string path = Path.Combine(folder, "ct.nii.gz");
        ImageFile.Write(IOTestVolumes.Random(PixelType.Int16, new VolumeGeometry(new Size3(40, 30, 20)), seed: 3), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        (int code, string stdout, string stderr) = Run("info", path);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain(Path.Combine(Unicode, "ct.nii.gz")));
    }

    [TestCase(".nii")]
    [TestCase(".nii.gz")]
    [TestCase(".mha")]
    [TestCase(".nrrd")]
    public void Info_MutatedImageFiles_JsonOrOneErrorLine(string extension)
    {
        string valid = Path.Combine(TempDir, "valid" + extension);
        ImageFile.Write(IOTestVolumes.Random(PixelType.Int16, IOTestVolumes.ObliqueGeometry(new Size3(9, 7, 4)), seed: 4), valid);
        byte[] bytes = File.ReadAllBytes(valid);
        IEnumerable<MutatedInput> inputs = extension is ".mha" or ".nrrd"
            ? Mutations.Text(bytes, bytes.AsSpan().IndexOf("\n\n"u8) is int end and > 0 ? end + 2 : bytes.AsSpan().IndexOf("LOCAL\n"u8) + 6, FuzzSettings.Seed + 61, FuzzSettings.Random(5))
            : Mutations.Binary(bytes, [new("dim[1]", 42, 2), new("vox_offset", 108, 4, Kind: FieldKind.Float)], [0, 348, 352], FuzzSettings.Seed + 62, FuzzSettings.Random(10));
        RunSample(inputs, extension, sample: 3, ["info"]);
    }

    [Test]
    public void DicomVerbs_MutatedFiles_JsonOrOneErrorLine()
    {
        byte[] valid = File.ReadAllBytes(TestPaths.TestData("dicom/jpeg_lossless_u12_sv5_fragments.dcm"));
        (List<Field> fields, List<int> boundaries) = DicomTestFiles.Structure(valid);
        IEnumerable<MutatedInput> inputs = Mutations.Binary(valid, fields, boundaries, FuzzSettings.Seed + 63, FuzzSettings.Random(10));
        RunSample(inputs, ".dcm", sample: 8, ["dicom", "dump"], ["dicom", "hash"]);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void RunSample(IEnumerable<MutatedInput> inputs, string extension, int sample, params string[][] verbs)
    {
        string folder = Directory.CreateDirectory(Path.Combine(TempDir, Unicode)).FullName;
        var read = new HostileRead("medimg " + extension, []);
        int i = 0, errors = 0;
        foreach (MutatedInput m in inputs.Where((_, index) => index % sample == 0))
        {
            string path = Path.Combine(folder, $"c{i++}{extension}");
            File.WriteAllBytes(path, m.Bytes);
            foreach (string[] verb in verbs)
            {
                read.Check($"{string.Join(' ', verb)} {m.Name}", null, long.MaxValue, () =>
                {
                    (int Code, string Stdout, string Stderr) run = Run([.. verb, "--threads", "1", path]);
                    errors += run.Code == 1 ? 1 : 0;
                    return Contract(run, path);
                });
            }
        }

        read.AssertNoFailures();
        TestContext.Out.WriteLine($"medimg {extension}: {errors} runs exited 1 with an error line");
        Assert.That(errors, Is.Positive, "the sample must include rejected files, or it tests nothing");
    }

    /// <summary>Null when the run kept the CLI contract: exit 0 with JSON, or exit 1 with one error line naming the file.</summary>
    private static string? Contract((int Code, string Stdout, string Stderr) run, string path)
    {
        string[] errorLines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("warning:", StringComparison.Ordinal)).ToArray();
        return run.Code switch
        {
            0 when run.Stdout.TrimStart().StartsWith('{') => null,
            1 when errorLines.Length == 1 && errorLines[0].StartsWith("error: ", StringComparison.Ordinal) && errorLines[0].Contains(Path.GetFileName(path), StringComparison.Ordinal) => null,
            _ => $"exit {run.Code}, stderr: {run.Stderr}",
        };
    }
}
