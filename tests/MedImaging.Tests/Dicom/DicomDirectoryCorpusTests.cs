using System.Text.Json.Nodes;
using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>The corpus DICOMDIR variants read as pydicom 2.3 reads them (Scripts/pydicom_dicomdir.py).</summary>
public class DicomDirectoryCorpusTests
{
    private const string Folder = "corpus/pydicom-testfiles-debian/test_files/dicomdirtests";

    // README.txt of the folder: dcmmkdir's original; dcmodify to big endian; pydicom's implicit VR rewrite; the first
    // four records reordered with their offsets adapted; some zero offsets removed; the PATIENT records retyped
    // (and the root offset left on the first item); no records; pydicom's alphanumeric 50-image File-set.
    private static readonly string[] Files =
    [
        "DICOMDIR", "DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered", "DICOMDIR-nooffset",
        "DICOMDIR-nopatient", "DICOMDIR-empty.dcm", "TINY_ALPHA/DICOMDIR",
    ];

    [Test]
    public void Open_EveryCorpusVariant_MatchesPydicomHierarchyAndFileSet()
    {
        string folder = TestPaths.RequireShared(Folder);
        string python = ExternalTool.RequirePydicomPython();
        string script = Path.Combine(TestPaths.RepositoryRoot, "tests", "MedImaging.Tests", "Dicom", "Scripts", "pydicom_dicomdir.py");
        string[] paths = [.. Files.Select(f => Path.Combine(folder, f))];
        (int exit, string stdout, string stderr) = ExternalTool.Run(python, [script, .. paths]);
        Assert.That(exit, Is.Zero, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(Files.Length));

        int filesCompared = 0;
        foreach (string line in lines)
        {
            JsonNode reference = JsonNode.Parse(line)!;
            string path = reference["file"]!.GetValue<string>();
            string[] tree = [.. reference["tree"]!.AsArray().Select(e => $"{e![0]!.GetValue<int>()} {e[1]!.GetValue<string>()} {e[2]!.GetValue<string>()}".TrimEnd())];

            DicomDirectory ours = DicomDirectory.Open(path);

            Assert.That(DicomDirectoryTests.Tree(ours), Is.EqualTo(tree), path);
            string root = Path.GetDirectoryName(path)!;
            string[] ourFiles = [.. ours.ReferencedFiles.Select(f => Path.GetRelativePath(root, f))];
            if (reference["fileset"] is JsonArray fileSet)
            {
                // pydicom's FileSet drops instances whose file is missing; every corpus file is present.
                Assert.That(ourFiles, Is.EqualTo(fileSet.Select(f => f!.GetValue<string>()).ToArray()), path);
                filesCompared += fileSet.Count;
            }
        }

        // DICOMDIR, -bigEnd, -implicit, -reordered, -nooffset list 31 images each, TINY_ALPHA 50 (pydicom's counts).
        Assert.That(filesCompared, Is.EqualTo(5 * 31 + 50));
    }
}
