using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>One row of a corpus data set's <c>pixel-reference.tsv</c> (see ../shared/corpus/MANIFEST.md).</summary>
/// <param name="DataSet">The data set folder.</param>
/// <param name="File">Path relative to the data set folder.</param>
/// <param name="TransferSyntax">The transfer syntax UID, or "(none)".</param>
/// <param name="ASha">GDCM/pydicom canonical fingerprint.</param>
/// <param name="BSha">DCMTK canonical fingerprint.</param>
/// <param name="Photometric">PhotometricInterpretation.</param>
/// <param name="TwinSha">For a file neither tool decoded, the A fingerprint of its native twin named without
/// "_deflate"/"_rle" (MANIFEST: liver_deflate.dcm holds liver.dcm's pixels), else empty.</param>
public sealed record PixelReferenceRow(string DataSet, string File, string TransferSyntax, string ASha, string BSha, string Photometric, string TwinSha)
{
    public string FullPath => Path.Combine(CorpusFiles.Root, DataSet, File);

    public override string ToString() => $"{DataSet}/{File}";
}

/// <summary>Enumerates the shared DICOM corpus for TestCaseSource; yields nothing when it is absent (tests then skip).</summary>
internal static class CorpusFiles
{
    public static string Root => Path.Combine(TestPaths.SharedRoot, "corpus");

    public static IEnumerable<PixelReferenceRow> PixelReferenceRows()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (string tsv in Directory.EnumerateFiles(Root, "pixel-reference.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string dataSet = Path.GetFileName(Path.GetDirectoryName(tsv)!);
            string[] lines = File.ReadAllLines(tsv);
            string[] header = lines[0].Split('\t');
            int Col(string name) => Array.IndexOf(header, name);
            var byFile = lines.Skip(1).Select(l => l.Split('\t')).ToDictionary(f => f[Col("file")], f => f[Col("A_sha256")], StringComparer.Ordinal);
            foreach (string line in lines.Skip(1))
            {
                string[] f = line.Split('\t');
                string file = f[Col("file")];
                string folder = Path.Combine(Root, dataSet);
                string resolved = System.IO.File.Exists(Path.Combine(folder, file)) ? file : Path.Combine("In", file);
                string twin = file.Replace("_deflate", string.Empty, StringComparison.Ordinal).Replace("_rle", string.Empty, StringComparison.Ordinal);
                string twinSha = twin != file ? byFile.GetValueOrDefault(twin, string.Empty) : string.Empty;
                yield return new PixelReferenceRow(dataSet, resolved, f[Col("ts")], f[Col("A_sha256")], f[Col("B_sha256")], f[Col("photometric")], twinSha);
            }
        }
    }

    /// <summary>Every file in the corpus's input folders (DICOM and the helper files beside them).</summary>
    public static IEnumerable<string> AllInputFiles()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (string set in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            foreach (string folder in new[] { "In", "data", "test_files", "charset_files" }.Select(f => Path.Combine(set, f)).Where(Directory.Exists))
            {
                foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return Path.GetRelativePath(Root, file);
                }
            }
        }
    }
}
