using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// <c>medimg dicom dump</c> against pydicom 2.3.1 (Debian python3-pydicom): tag, VR and value of every top-level
/// text and numeric element of a sample of corpus files, character-set files included.
/// </summary>
[TestFixture]
public sealed class DicomDumpTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Files spanning encodings (implicit/explicit/big endian/deflated/meta-less) and character sets.</summary>
    private static readonly string[] Sample =
    [
        "pydicom-testfiles-debian/test_files/CT_small.dcm",
        "pydicom-testfiles-debian/test_files/MR_small_implicit.dcm",
        "pydicom-testfiles-debian/test_files/MR_small_bigendian.dcm",
        "pydicom-testfiles-debian/test_files/image_dfl.dcm",
        "pydicom-testfiles-debian/test_files/ExplVR_BigEndNoMeta.dcm",
        "pydicom-testfiles-debian/test_files/no_meta_group_length.dcm",
        "pydicom-testfiles-debian/test_files/ExplVR_LitEndNoMeta.dcm",
        "pydicom-testfiles-debian/test_files/badVR.dcm",
        "pydicom-testfiles-debian/test_files/priv_SQ.dcm",
        "pydicom-testfiles-debian/test_files/nested_priv_SQ.dcm",
        "pydicom-testfiles-debian/test_files/UN_sequence.dcm",
        "pydicom-testfiles-debian/test_files/rtplan.dcm",
        "pydicom-testfiles-debian/test_files/rtdose.dcm",
        "pydicom-testfiles-debian/charset_files/chrArab.dcm",
        "pydicom-testfiles-debian/charset_files/chrFren.dcm",
        "pydicom-testfiles-debian/charset_files/chrGerm.dcm",
        "pydicom-testfiles-debian/charset_files/chrGreek.dcm",
        "pydicom-testfiles-debian/charset_files/chrHbrw.dcm",
        "pydicom-testfiles-debian/charset_files/chrRuss.dcm",
        "pydicom-testfiles-debian/charset_files/chrX1.dcm",
        "pydicom-testfiles-debian/charset_files/chrX2.dcm",
        "pydicom-testfiles-debian/charset_files/chrH31.dcm",
        "pydicom-testfiles-debian/charset_files/chrH32.dcm",
        "pydicom-testfiles-debian/charset_files/chrI2.dcm",
        "pydicom-testfiles-debian/charset_files/chrJapMulti.dcm",
        "pydicom-testfiles-debian/charset_files/chrJapMultiExplicitIR6.dcm",
        "pydicom-testfiles-debian/charset_files/chrKoreanMulti.dcm",
        "pydicom-testfiles-debian/charset_files/chrSQEncoding.dcm",
        "fo-dicom-testdata/data/GH1301.dcm",
        "fo-dicom-testdata/data/charset/chrGB2312.dcm",
        "mr-uih-oblique-sag-subset/In/DTI_132225/t1_gre_fsp_3d_sag__132750/00000079.dcm",
        "pydicom-testfiles-debian/test_files/rtstruct.dcm",
        "pydicom-testfiles-debian/charset_files/chrSQEncoding1.dcm",
        "pydicom-testfiles-debian/charset_files/chrFrenMulti.dcm",
        "ct-tilt-ge-philips/In/GE/01.dcm",
        "mr-enhanced-multiframe/In/Philips/IM_0027_fMAP.dcm",
    ];

    [Test]
    public void Dump_CorpusSample_AgreesWithPydicom()
    {
        string root = TestPaths.RequireShared("corpus");
        if (!File.Exists(Python) || !PythonHasPydicom())
        {
            Assert.Ignore("pydicom (python3-pydicom) is not installed");
        }

        string[] files = [.. Sample.Select(f => Path.Combine(root, f)).Where(File.Exists)];
        Assert.That(files, Has.Length.GreaterThan(20), "the corpus sample files are missing");
        string script = Path.Combine(TestPaths.RepositoryRoot, "tests", "MedImaging.Tests", "Dicom", "Scripts", "pydicom_dump.py");
        string[] lines = Run(Python, [script, .. files]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int compared = 0;
        var mismatches = new List<string>();
        foreach (string line in lines)
        {
            JsonNode reference = JsonNode.Parse(line)!;
            string file = reference["file"]!.GetValue<string>();
            Dictionary<string, JsonNode> ours = DumpElements(file);
            foreach (JsonNode? element in reference["elements"]!.AsArray())
            {
                string tag = element!["tag"]!.GetValue<string>();
                JsonNode? mine = ours.GetValueOrDefault(tag);
                if (mine?["vr"]?.GetValue<string>() == "UN" && DicomTag.Parse(tag).IsPrivate)
                {
                    // pydicom knows vendors' private dictionaries; we read implicit-VR private values as UN bytes.
                    continue;
                }

                compared++;
                string? problem = Compare(element, mine);
                if (problem is not null)
                {
                    mismatches.Add($"{Path.GetFileName(file)} {tag}: {problem}");
                }
            }
        }

        Assert.That(compared, Is.GreaterThan(300), "too few elements compared");
        Assert.That(mismatches, Is.Empty, $"{mismatches.Count} of {compared} elements differ");
    }

    private static string? Compare(JsonNode reference, JsonNode? ours)
    {
        if (ours is null)
        {
            return "missing in our dump";
        }

        string vr = reference["vr"]!.GetValue<string>();
        string ourVr = ours["vr"]!.GetValue<string>();
        bool ambiguous = (vr is "US" or "SS" && ourVr is "US" or "SS") || ourVr == "UN";
        if (vr != ourVr && !ambiguous)
        {
            return $"VR {ourVr}, pydicom {vr}";
        }

        if (vr == "SQ")
        {
            int items = ours["items"]?.AsArray().Count ?? -1;
            return items == reference["items"]!.GetValue<int>() ? null : $"{items} items, pydicom {reference["items"]}";
        }

        bool numeric = vr is "US" or "SS" or "UL" or "SL" or "FL" or "FD" or "DS" or "IS";
        string[] expected = [.. reference["values"]!.AsArray().Select(v => Normalise(v, numeric, vr))];
        string[] actual = ours["value"] switch
        {
            JsonArray array => [.. array.Select(v => Normalise(v, numeric, vr))],
            JsonValue single when numeric || single.ToString().Length > 0 => [Normalise(single, numeric, vr)],
            _ => [],
        };
        return expected.SequenceEqual(actual) ? null : $"ours [{string.Join('|', actual)}], pydicom [{string.Join('|', expected)}]";
    }

    /// <summary>
    /// Numbers compared to 12 significant digits (DS text such as "-11.200000" against pydicom's float); person names
    /// without trailing empty component groups ("A^B=C^D=" is pydicom's "A^B=C^D"); text as is.
    /// </summary>
    private static string Normalise(JsonNode? node, bool numeric, string vr)
    {
        string text = node?.ToString() ?? string.Empty;
        if (numeric && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value.ToString("G12", CultureInfo.InvariantCulture);
        }

        // pydicom 2.3.1 has no codec for ISO 2022 IR 58 and leaves its escape sequences (ESC $ ) A, ESC ( B) in the
        // string; the characters around them are what must match.
        text = text.Replace("\u001b$)A", string.Empty, StringComparison.Ordinal).Replace("\u001b(B", string.Empty, StringComparison.Ordinal);
        return vr == "PN" ? text.TrimEnd('=', '^') : text;
    }

    private static Dictionary<string, JsonNode> DumpElements(string file)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(["dicom", "dump", file], stdout, stderr);
        Assert.That(code, Is.Zero, stderr.ToString());
        JsonNode dump = JsonNode.Parse(stdout.ToString())!;
        var map = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (JsonNode? e in dump["elements"]!.AsArray())
        {
            map[e!["tag"]!.GetValue<string>()] = e;
        }

        return map;
    }

    private static bool PythonHasPydicom()
    {
        try
        {
            return Run(Python, ["-c", "import pydicom; print(pydicom.__version__)"]).Length > 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Run(string exe, string[] args)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} failed: {process.StandardError.ReadToEnd()}");
        }

        return output;
    }
}
