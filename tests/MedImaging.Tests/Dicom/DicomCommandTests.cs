using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>The <c>dicom hash</c> and <c>dicom dump</c> verbs' contract (JSON on stdout, exit codes, error line).</summary>
[TestFixture]
public sealed class DicomCommandTests
{
    [Test]
    public void Hash_JpegLosslessMosaic_PrintsReferenceFingerprint()
    {
        string path = TestPaths.RequireShared("corpus/mr-siemens-transfer-syntaxes/In/5.dcm");
        (int code, string stdout, _) = Run("dicom", "hash", path);
        JsonNode json = JsonNode.Parse(stdout)!;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(json["sha256_16"]!.GetValue<string>(), Is.EqualTo("e4943a308aba1b65"), "MANIFEST: all nine syntaxes decode to this");
            Assert.That(json["transfer_syntax"]!.GetValue<string>(), Is.EqualTo("1.2.840.10008.1.2.4.70"));
            Assert.That(json["rows"]!.GetValue<int>(), Is.EqualTo(384));
            Assert.That(json["bits_allocated"]!.GetValue<int>(), Is.EqualTo(16));
        });
    }

    [Test]
    public void Hash_Htj2k_PrintsOjphExpandFingerprint()
    {
        // HTJ2K lossless (1.2.840.10008.1.2.4.201): OpenJPH's ojph_expand of the codestream hashes to this
        // (Codecs/HtJ2kCorpusTests says how it was computed).
        string path = TestPaths.RequireShared("corpus/pydicom-data/data/HTJ2KLossless_08_RGB.dcm");
        (int code, string stdout, _) = Run("dicom", "hash", path);
        Assert.That(code, Is.Zero);
        JsonNode json = JsonNode.Parse(stdout)!;
        Assert.That(json["transfer_syntax"]!.GetValue<string>(), Is.EqualTo("1.2.840.10008.1.2.4.201"));
        Assert.That(json["sha256_16"]!.GetValue<string>(), Is.EqualTo("9d87240604f5d752"));
    }

    [Test]
    public void Hash_JpegLs_MatchesGdcmFingerprint()
    {
        // MANIFEST: all nine transfer syntaxes of this mosaic decode to e4943a308aba1b65 (GDCM and DCMTK agree).
        string path = TestPaths.RequireShared("corpus/mr-siemens-transfer-syntaxes/In/7.dcm");
        (int code, string stdout, _) = Run("dicom", "hash", path);
        Assert.That(code, Is.Zero);
        Assert.That(JsonNode.Parse(stdout)!["sha256_16"]!.GetValue<string>(), Is.EqualTo("e4943a308aba1b65"));
    }

    [Test]
    public void Hash_SelfMadeImplicit_MatchesPythonFingerprint()
    {
        // hashlib.sha256(np.array(CANONICAL, '<i2').tobytes()).hexdigest()[:16] for the script's 12 values.
        (int code, string stdout, _) = Run("dicom", "hash", TestPaths.TestData("dicom/implicit_le.dcm"));
        Assert.That(code, Is.Zero);
        Assert.That(JsonNode.Parse(stdout)!["sha256_16"]!.GetValue<string>(), Is.EqualTo(ExpectedSelfMadeHash()));
    }

    [Test]
    public void Dump_SelfMadeSequences_NestsItems()
    {
        (int code, string stdout, _) = Run("dicom", "dump", TestPaths.TestData("dicom/sequences_undefined_length.dcm"));
        JsonNode json = JsonNode.Parse(stdout)!;
        JsonNode sequence = json["elements"]!.AsArray().First(e => e!["name"]!.GetValue<string>() == "ReferencedImageSequence")!;
        JsonNode nested = sequence["items"]![1]!.AsArray().First(e => e!["name"]!.GetValue<string>() == "AnatomicRegionSequence")!;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(json["transfer_syntax"]!.GetValue<string>(), Is.EqualTo("1.2.840.10008.1.2.1"));
            Assert.That(sequence["vr"]!.GetValue<string>(), Is.EqualTo("SQ"));
            Assert.That(nested["items"]![0]!.AsArray().Single(e => e!["tag"]!.GetValue<string>() == "(0008,0104)")!["value"]!.GetValue<string>(), Is.EqualTo("Head"));
        });
    }

    [Test]
    public void Dump_MissingFile_ExitOne()
    {
        (int code, _, string stderr) = Run("dicom", "dump", "/nonexistent/file.dcm");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: "));
    }

    private static string ExpectedSelfMadeHash()
    {
        // The script's canonical values as little-endian int16, hashed here with the same recipe as MANIFEST.md.
        short[] values = [.. Enumerable.Range(0, 12).Select(i => (short)((((i * 300) - 1800 + 2048) % 4096 + 4096) % 4096 - 2048))];
        byte[] bytes = new byte[values.Length * 2];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
