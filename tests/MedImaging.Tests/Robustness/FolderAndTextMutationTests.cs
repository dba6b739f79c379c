using System.Text;
using MedImaging.Clinical;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.Dicom;
using MedImaging.Tests.Dicom.Series;
using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// Seeded mutations of the inputs that are not one image: a DICOMDIR (every record offset also pointed at every
/// record, so cycles appear), a DICOM series folder with one mutated slice, an ITK .tfm file and the clinical
/// pipeline's JSON configuration. Each read gives a consistent result or the documented exception naming the file.
/// </summary>
[TestFixture]
public sealed class FolderAndTextMutationTests : TempDirectoryTest
{
    private string Folder => Directory.CreateDirectory(Path.Combine(TempDir, "ünïcødé 患者")).FullName;

    [Test]
    public void DicomDirectory_Mutations_RecordTreeOrDicomFormatException()
    {
        DicomDirectoryFixture.Record[] records =
        [
            new("PATIENT", Lower: 1), new("STUDY", Lower: 2), new("SERIES", Lower: 3),
            new("IMAGE", ["P1", "S1", "I1"], Next: 4), new("IMAGE", ["P1", "S1", "I2"]),
        ];
        byte[] valid = DicomDirectoryFixture.Build(records, first: 0);
        (List<Field> fields, List<int> boundaries) = DicomTestFiles.Structure(valid);
        long[] recordOffsets = DicomDirectoryFixture.RecordOffsets(valid);
        var offsetFields = new List<Field> { new("root offset", (int)DicomDirectoryFixture.SetOffset((byte[])valid.Clone(), -1, 0x1200, 0), 4) };
        for (int r = 0; r < records.Length; r++)
        {
            offsetFields.Add(new Field($"record {r} next", (int)DicomDirectoryFixture.SetOffset((byte[])valid.Clone(), r, 0x1400, 0), 4));
            offsetFields.Add(new Field($"record {r} lower", (int)DicomDirectoryFixture.SetOffset((byte[])valid.Clone(), r, 0x1420, 0), 4));
        }

        IEnumerable<MutatedInput> cycles = offsetFields.SelectMany(f => recordOffsets.Select(target =>
        {
            byte[] bytes = (byte[])valid.Clone();
            BitConverter.GetBytes((uint)target).CopyTo(bytes, f.Offset);
            return new MutatedInput($"{f.Name} -> record at {target}", bytes);
        }));
        var read = new HostileRead("DICOMDIR", DicomMutationTests.Documented);
        int i = 0;
        foreach (MutatedInput m in Mutations.Binary(valid, [.. fields, .. offsetFields], boundaries, FuzzSettings.Seed + 51, FuzzSettings.Random(30)).Concat(cycles))
        {
            string path = Path.Combine(Folder, $"d{i++}", "DICOMDIR");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, m.Bytes);
            read.Check(m.Name, path, Limit(m.Bytes), () =>
            {
                DicomDirectory dir = DicomDirectory.Open(path);
                int reachable = Count(dir.RootRecords, 0);
                return reachable > dir.Records.Count ? $"{reachable} records reachable from the roots, {dir.Records.Count} in the file (a cycle walked)" : null;
            });
        }

        read.AssertNoFailures();
    }

    [Test]
    public void DicomSeries_OneMutatedSlice_VolumeOrDocumentedException()
    {
        string series = Path.Combine(Folder, "series");
        SelfMadeSeries.Write(series, [0, 1.5, 3, 4.5, 6], "hostile");
        string[] files = Directory.GetFiles(series).Order(StringComparer.Ordinal).ToArray();
        string victim = files[2];
        byte[] valid = File.ReadAllBytes(victim);
        (List<Field> fields, List<int> boundaries) = DicomTestFiles.Structure(valid);
        var read = new HostileRead("DICOM series folder", [.. DicomMutationTests.Documented, typeof(SeriesInconsistentException)]);
        foreach (MutatedInput m in Mutations.Binary(valid, fields, boundaries, FuzzSettings.Seed + 52, FuzzSettings.Random(15)))
        {
            File.WriteAllBytes(victim, m.Bytes);
            read.Check(m.Name, null, Limit(m.Bytes) * files.Length, () => ImageFormatMutationTests.Inconsistency(DicomSeriesReader.Read(series).Volumes));
        }

        read.AssertNoFailures();
    }

    [TestCase("itk_register_ct_euler3d.tfm")]
    [TestCase("itk_register_ch2_euler3d.tfm")]
    public void TransformFile_Mutations_TransformOrTransformFormatException(string name)
    {
        byte[] valid = File.ReadAllBytes(TestPaths.TestData("transforms/" + name));
        RunText("ITK .tfm " + name, valid, ".tfm", [typeof(TransformFormatException)], 53, path =>
        {
            IParametricTransform transform = TransformFile.Read(path);
            Vec3 p = transform.TransformPoint(new Vec3(10, -20, 30));
            return double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Z) ? null : $"maps a point to {p}";
        });
    }

    [Test]
    public void PipelineConfiguration_Mutations_OptionsOrMedImagingException()
    {
        byte[] valid = Encoding.UTF8.GetBytes(new PipelineOptions().ToJson());
        RunText("pipeline JSON", valid, ".json", [typeof(MedImagingException)], 54, path =>
        {
            PipelineOptions.Load(path);
            return null;
        });
    }

    private static long Limit(byte[] bytes) => ImageFormatMutationTests.AllocationLimit(Math.Max(bytes.Length, 16 << 10));

    private static int Count(IReadOnlyList<DicomDirectoryRecord> records, int depth) =>
        depth > 64 ? int.MaxValue / 2 : records.Sum(r => 1 + Count(r.Children, depth + 1));

    private void RunText(string format, byte[] valid, string extension, Type[] documented, int seed, Func<string, string?> readPath)
    {
        var read = new HostileRead(format, documented);
        int i = 0;
        foreach (MutatedInput m in Mutations.Text(valid, valid.Length, FuzzSettings.Seed + seed, FuzzSettings.Random(30)))
        {
            string path = Path.Combine(Folder, $"t{i++}{extension}");
            File.WriteAllBytes(path, m.Bytes);
            read.Check(m.Name, Path.GetFileName(path), Limit(m.Bytes), () => readPath(path));
        }

        read.AssertNoFailures();
    }
}
