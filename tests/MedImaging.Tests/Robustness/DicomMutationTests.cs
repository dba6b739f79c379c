using MedImaging.Dicom;
using MedImaging.Dicom.Codecs;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// Seeded mutations of the small DICOM files in testdata/dicom (implicit and explicit VR, big endian, nested
/// undefined-length sequences, packed 12-bit, encapsulated JPEG lossless split over fragments) and of in-memory RLE
/// and deflated files: every element header, VR and length field is attacked, the file truncated at each element and
/// fragment boundary. Each mutated file is read fully (every value, every frame) and header-only; the result is a
/// consistent dataset or a <see cref="DicomFormatException"/> / <see cref="DicomCodecException"/> naming the file.
/// </summary>
[TestFixture]
public sealed class DicomMutationTests : TempDirectoryTest
{
    internal static readonly Type[] Documented = [typeof(DicomFormatException), typeof(DicomCodecException)];

    private static readonly string[] HostileVRs = ["SQ", "OB", "UN", "UT", "US", "UL", "FD", "DS", "IS", "AT", "XX", "\0\0"];

    [TestCase("implicit_le.dcm")]
    [TestCase("explicit_be.dcm")]
    [TestCase("sequences_undefined_length.dcm")]
    [TestCase("packed12.dcm")]
    [TestCase("jpeg_lossless_u12_sv5_fragments.dcm")]
    public void TestDataFile_Mutations_ConsistentOrDicomException(string name)
    {
        byte[] valid = File.ReadAllBytes(TestPaths.TestData("dicom/" + name));
        Run(name, valid, name.GetHashCode(StringComparison.Ordinal) & 0xFFFF, randomPerIteration: 40);
    }

    [Test]
    public void RleFile_Mutations_ConsistentOrDicomException()
    {
        byte[] valid = DicomTestFiles.Encapsulated(DicomTestFiles.RleFrames(rows: 6, columns: 7, frames: 2), "1.2.840.10008.1.2.5", rows: 6, columns: 7);
        Run("rle.dcm", valid, 31, randomPerIteration: 40);
    }

    [Test]
    public void DeflatedFile_Mutations_ConsistentOrDicomException()
    {
        byte[] valid = DicomTestFiles.Native(DicomTransferSyntax.DeflatedExplicitVRLittleEndian, rows: 6, columns: 7);
        Run("deflated.dcm", valid, 32, randomPerIteration: 60);
    }

    [TestCase("jpeg_lossless_u12_sv5_fragments.dcm")]
    [TestCase("packed12.dcm")]
    [TestCase("rle")]
    [TestCase("native")]
    public void ImagePixelAttributes_HostileValuesAndMissingTags_ConsistentOrDicomException(string source)
    {
        // Wrong values and missing tags of the Image Pixel module, written back as well-formed files: the parser
        // accepts them, so pixel decoding itself must check Rows × Columns × frames against what is there.
        byte[] valid = source switch
        {
            "rle" => DicomTestFiles.Encapsulated(DicomTestFiles.RleFrames(rows: 6, columns: 7, frames: 2), "1.2.840.10008.1.2.5", rows: 6, columns: 7),
            "native" => DicomTestFiles.Native(DicomTransferSyntax.ExplicitVRLittleEndian, rows: 6, columns: 7),
            _ => File.ReadAllBytes(TestPaths.TestData("dicom/" + source)),
        };
        ReadAll(source + " attributes", DicomTestFiles.AttributeVariants(valid));
    }

    [Test]
    public void CharacterSets_HostileNamesUnderEverySpecificCharacterSet_ConsistentOrDicomException()
    {
        byte[] valid = File.ReadAllBytes(TestPaths.TestData("dicom/implicit_le.dcm"));
        ReadAll("character sets", DicomTestFiles.CharacterSetVariants(valid, FuzzSettings.Seed + 33));
    }

    /// <summary>Reads a DICOM file the way the CLI and the series reader do; null when what was read is consistent.</summary>
    internal static string? ReadEverything(string path)
    {
        DicomFile.Open(path, DicomReadOptions.HeaderOnly);
        DicomFile file = DicomFile.Open(path);
        TouchValues(file.Dataset);
        if (file.Dataset.GetElement(DicomTag.PixelData) is null)
        {
            return null;
        }

        var pixels = DicomPixelData.Create(file);
        for (int f = 0; f < Math.Min(pixels.NumberOfFrames, 4); f++)
        {
            byte[] frame = pixels.GetFrame(f);
            if (frame.LongLength != pixels.Info.ValueCount * pixels.BytesPerValue)
            {
                return $"frame {f} has {frame.LongLength} bytes for {pixels.Info.ValueCount} values of {pixels.BytesPerValue} bytes";
            }
        }

        return null;
    }

    /// <summary>Every element of every nested item as strings or numbers, the way dump and the series keys read them.</summary>
    private static void TouchValues(DicomDataset dataset)
    {
        foreach (DicomElement element in dataset.Elements)
        {
            if (element.Items is { } items)
            {
                foreach (DicomDataset item in items)
                {
                    TouchValues(item);
                }
            }
            else if (element.VR == DicomVR.PN)
            {
                dataset.GetPersonName(element.Tag);
            }
            else if (DicomVRs.IsString(element.VR))
            {
                dataset.GetStrings(element.Tag);
                dataset.TryGetDoubles(element.Tag, out _);
            }
            else
            {
                dataset.TryGetInt32s(element.Tag, out _);
                dataset.TryGetDoubles(element.Tag, out _);
            }
        }
    }

    private void Run(string name, byte[] valid, int seed, int randomPerIteration)
    {
        (List<Field> fields, List<int> boundaries) = DicomTestFiles.Structure(valid);
        ReadAll(name, Mutations.Binary(valid, fields, boundaries, FuzzSettings.Seed + seed, FuzzSettings.Random(randomPerIteration))
            .Concat(VRSwaps(valid, fields)));
    }

    private void ReadAll(string name, IEnumerable<MutatedInput> inputs)
    {
        var read = new HostileRead(name, Documented);
        string folder = Directory.CreateDirectory(Path.Combine(TempDir, "ünïcødé 患者")).FullName;
        int i = 0;
        foreach (MutatedInput m in inputs)
        {
            string path = Path.Combine(folder, $"m{i++}.dcm");
            File.WriteAllBytes(path, m.Bytes);
            read.Check(m.Name, Path.GetFileName(path), ImageFormatMutationTests.AllocationLimit(Math.Max(m.Bytes.Length, 16 << 10)), () => ReadEverything(path));
        }

        read.AssertNoFailures();
    }

    private static IEnumerable<MutatedInput> VRSwaps(byte[] valid, IEnumerable<Field> fields)
    {
        foreach (Field vr in fields.Where(f => f.Name.EndsWith(" VR", StringComparison.Ordinal)))
        {
            foreach (string code in HostileVRs)
            {
                byte[] bytes = (byte[])valid.Clone();
                bytes[vr.Offset] = (byte)code[0];
                bytes[vr.Offset + 1] = (byte)code[1];
                yield return new MutatedInput($"{vr.Name}='{code}'", bytes);
            }
        }
    }
}
