using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;
using R = MedImaging.Tests.Dicom.DicomDirectoryFixture.Record;

namespace MedImaging.Tests.Dicom;

public class DicomDirectoryTests : TempDirectoryTest
{
    /// <summary>The hierarchy as "depth type file" lines, depth first: the same shape the pydicom reference prints.</summary>
    internal static List<string> Tree(DicomDirectory directory)
    {
        var lines = new List<string>();
        var pending = new Stack<(int Depth, DicomDirectoryRecord Record)>(directory.RootRecords.Reverse().Select(r => (0, r)));
        while (pending.Count > 0)
        {
            (int depth, DicomDirectoryRecord record) = pending.Pop();
            lines.Add($"{depth} {record.RecordType} {string.Join('/', record.ReferencedFileId)}".TrimEnd());
            foreach (DicomDirectoryRecord child in record.Children.Reverse())
            {
                pending.Push((depth + 1, child));
            }
        }

        return lines;
    }

    private DicomDirectory Open(byte[] bytes)
    {
        string path = Path.Combine(TempDir, "DICOMDIR");
        File.WriteAllBytes(path, bytes);
        return DicomDirectory.Open(path);
    }

    private string Relative(string path) => Path.GetRelativePath(TempDir, path).Replace('\\', '/');

    [Test]
    public void Open_RecordsInReverseOrder_FollowsTheOffsets()
    {
        // Sequence order IMAGE, IMAGE, SERIES, STUDY, PATIENT; the offsets say PATIENT > STUDY > SERIES > IMAGE, IMAGE.
        R[] records =
        [
            new("IMAGE", ["P1", "S1", "I1"], Next: 1),
            new("IMAGE", ["P1", "S1", "I2"]),
            new("SERIES", Lower: 0),
            new("STUDY", Lower: 2),
            new("PATIENT", Lower: 3),
        ];

        DicomDirectory dir = Open(DicomDirectoryFixture.Build(records, first: 4));

        Assert.That(dir.IsLinkedByOffsets, Is.True);
        Assert.That(Tree(dir), Is.EqualTo(new[] { "0 PATIENT", "1 STUDY", "2 SERIES", "3 IMAGE P1/S1/I1", "3 IMAGE P1/S1/I2" }));
        Assert.That(dir.ReferencedFiles.Select(Relative), Is.EqualTo(new[] { "P1/S1/I1", "P1/S1/I2" }));
        Assert.That(dir.Warnings, Is.Empty);
    }

    [Test]
    public void Open_NoPatientLevel_StudiesAreRoots()
    {
        R[] records =
        [
            new("STUDY", Next: 3, Lower: 1),
            new("SERIES", Lower: 2),
            new("IMAGE", ["A"]),
            new("STUDY", Lower: 4),
            new("SERIES", Lower: 5),
            new("IMAGE", ["B"]),
        ];

        DicomDirectory dir = Open(DicomDirectoryFixture.Build(records));

        Assert.That(Tree(dir), Is.EqualTo(new[] { "0 STUDY", "1 SERIES", "2 IMAGE A", "0 STUDY", "1 SERIES", "2 IMAGE B" }));
    }

    [Test]
    public void Open_WithoutOffsets_UsesSequenceOrderAndRecordLevels()
    {
        // No offset element at all: the PATIENT, STUDY, SERIES, other levels decide the nesting; the SERIES under the
        // second PATIENT has no STUDY record and nests directly under the PATIENT.
        R[] records =
        [
            new("PATIENT"),
            new("STUDY"),
            new("SERIES"),
            new("IMAGE", ["X", "1"]),
            new("IMAGE", ["X", "2"]),
            new("SERIES"),
            new("RT DOSE", ["X", "3"]),
            new("PATIENT"),
            new("SERIES"),
            new("IMAGE", ["Y", "1"]),
        ];

        DicomDirectory dir = Open(DicomDirectoryFixture.Build(records, withOffsets: false));

        Assert.That(dir.IsLinkedByOffsets, Is.False);
        Assert.That(Tree(dir), Is.EqualTo(new[]
        {
            "0 PATIENT", "1 STUDY", "2 SERIES", "3 IMAGE X/1", "3 IMAGE X/2", "2 SERIES", "3 RT DOSE X/3",
            "0 PATIENT", "1 SERIES", "2 IMAGE Y/1",
        }));
        Assert.That(dir.Warnings, Has.Some.Contains("sequence order"));
    }

    [Test]
    public void Open_InactiveRecordAndOrphan_InactiveDroppedOrphanKept()
    {
        // Record 2 is inactive (RecordInUseFlag 0); record 3 references a file but no offset reaches it (pydicom keeps
        // such orphans as top-level instances; so do we, with a warning).
        R[] records =
        [
            new("SERIES", Lower: 1),
            new("IMAGE", ["A"], Next: 2),
            new("IMAGE", ["B"], InUse: false),
            new("IMAGE", ["C"]),
        ];

        DicomDirectory dir = Open(DicomDirectoryFixture.Build(records));

        Assert.That(dir.ReferencedFiles.Select(Relative), Is.EqualTo(new[] { "A", "C" }));
        Assert.That(Tree(dir), Is.EqualTo(new[] { "0 SERIES", "1 IMAGE A", "1 IMAGE B", "0 IMAGE C" }));
        Assert.That(dir.Warnings, Has.Some.Contains("1 directory record(s) not reached"));
    }

    [Test]
    public void Open_EmptySequence_HasNoRecords()
    {
        DicomDirectory dir = Open(DicomDirectoryFixture.Build([], first: -1));

        Assert.That(dir.Records, Is.Empty);
        Assert.That(dir.ReferencedFiles, Is.Empty);
    }

    [TestCase(0x1400, 1_000_000u, TestName = "Open_NextOffsetPastTheEnd_ThrowsNamingTheTag")]
    [TestCase(0x1420, 3u, TestName = "Open_LowerOffsetIntoTheHeader_ThrowsNamingTheTag")]
    public void Open_OffsetWhereNoRecordStarts_Throws(int element, uint value)
    {
        R[] records = [new("SERIES", Lower: 1), new("IMAGE", ["A"])];
        byte[] bytes = DicomDirectoryFixture.Build(records);
        long valueOffset = DicomDirectoryFixture.SetOffset(bytes, 0, (ushort)element, value);

        var ex = Assert.Throws<DicomFormatException>(() => Open(bytes));

        Assert.That(ex!.Tag, Is.EqualTo(new DicomTag(0x0004, (ushort)element)));
        Assert.That(ex.Offset, Is.EqualTo(valueOffset));
        Assert.That(ex.Message, Does.Contain("DICOMDIR").And.Contain($"offset {value}"));
    }

    [Test]
    public void Open_FirstOffsetIntoARecord_Throws()
    {
        byte[] bytes = DicomDirectoryFixture.Build([new("IMAGE", ["A"])]);
        DicomDirectoryFixture.SetOffset(bytes, -1, 0x1200, (uint)DicomDirectoryFixture.RecordOffsets(bytes)[0] + 8);

        var ex = Assert.Throws<DicomFormatException>(() => Open(bytes));

        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity));
    }

    [Test]
    public void Open_NextOffsetsInACircle_ThrowsInsteadOfLooping()
    {
        // Three sibling images whose next offsets go 0 -> 1 -> 2 -> 0.
        R[] records = [new("IMAGE", ["A"], Next: 1), new("IMAGE", ["B"], Next: 2), new("IMAGE", ["C"], Next: 0)];

        var ex = Assert.Throws<DicomFormatException>(() => Open(DicomDirectoryFixture.Build(records)));

        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.OffsetOfTheNextDirectoryRecord));
        Assert.That(ex.Message, Does.Contain("loop"));
    }

    [Test]
    public void Open_LowerOffsetBackToAnAncestor_ThrowsInsteadOfRecursing()
    {
        // PATIENT > STUDY > SERIES, whose lower-level offset points back at the PATIENT.
        R[] records = [new("PATIENT", Lower: 1), new("STUDY", Lower: 2), new("SERIES", Lower: 0)];

        var ex = Assert.Throws<DicomFormatException>(() => Open(DicomDirectoryFixture.Build(records)));

        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity));
        Assert.That(ex.Message, Does.Contain("loop"));
    }

    [TestCase("..", "ETC", TestName = "Open_FileIdWithDotDot_Throws")]
    [TestCase("A", "..", TestName = "Open_FileIdEndingInDotDot_Throws")]
    [TestCase("A/../../B", "C", TestName = "Open_FileIdWithSlash_Throws")]
    public void Open_FileIdLeavingTheFolder_Throws(string first, string second)
    {
        byte[] bytes = DicomDirectoryFixture.Build([new("IMAGE", [first, second])]);

        var ex = Assert.Throws<DicomFormatException>(() => Open(bytes));

        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.ReferencedFileID));
        Assert.That(ex.Offset, Is.GreaterThan(0));
        Assert.That(ex.Message, Does.Contain(Path.Combine(TempDir, "DICOMDIR")));
    }

    [Test]
    public void Open_DatasetWithoutRecordSequence_ThrowsNotADicomdir()
    {
        string path = Path.Combine(TempDir, "DICOMDIR");
        File.Copy(TestPaths.TestData("dicom/implicit_le.dcm"), path);

        var ex = Assert.Throws<DicomFormatException>(() => DicomDirectory.Open(path));

        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.DirectoryRecordSequence));
    }
}
