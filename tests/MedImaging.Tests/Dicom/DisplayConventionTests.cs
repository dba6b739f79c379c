using System.Globalization;
using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// Packed 12-bit data, MONOCHROME1 → MONOCHROME2 and PALETTE COLOR lookup, each against a tool we did not write:
/// the values fixed in tools/make_dicom_testdata.py, DCMTK's <c>dcm2pnm</c>, ITK's GDCMImageIO (harness) and pydicom's <c>apply_color_lut</c>.
/// All comparisons are exact (integer data).
/// </summary>
[TestFixture]
public sealed class DisplayConventionTests
{
    private const string Dcm2pnm = "/usr/bin/dcm2pnm";
    private const string Python = "/usr/bin/python3";

    /// <summary>The values tools/make_dicom_testdata.py packed into packed12.dcm.</summary>
    private static readonly ushort[] Packed12 = [.. Enumerable.Range(0, 12).Select(i => (ushort)(((i * 341) + 7) % 4096))];

    [Test]
    public void GetFrame_Packed12_ValuesTheScriptPacked()
    {
        var pixels = DicomPixelData.Create(DicomFile.Open(TestPaths.TestData("dicom/packed12.dcm")));
        ushort[] values = new ushort[12];
        pixels.CopyFrameTo<ushort>(0, values);
        Assert.Multiple(() =>
        {
            Assert.That(pixels.BytesPerValue, Is.EqualTo(2));
            Assert.That(values, Is.EqualTo(Packed12));
        });
    }

    [Test]
    public void GetFrame_Packed12_MatchesDcmtk()
    {
        string path = TestPaths.TestData("dicom/packed12.dcm");
        Assert.That(ReadDcmtkPgm(path, 12), Is.EqualTo(Packed12.Select(v => (int)v).ToArray()));
    }

    [Test]
    public void GetFrame_Packed12Truncated_ThrowsNamingPixelData()
    {
        byte[] bytes = File.ReadAllBytes(TestPaths.TestData("dicom/packed12.dcm"));
        // Keep the element but declare it 2 bytes shorter (12 values need 18 bytes): patch the last length field.
        int at = bytes.AsSpan().LastIndexOf(new byte[] { 0xE0, 0x7F, 0x10, 0x00 });
        BitConverter.GetBytes(16u).CopyTo(bytes, at + 4);
        var pixels = DicomPixelData.Create(DicomFile.Open(bytes.AsMemory(0, bytes.Length - 2), "packed12-cut"));
        var ex = Assert.Throws<DicomFormatException>(() => pixels.GetFrame(0));
        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.PixelData));
    }

    [Test]
    public void InvertStoredRange_UnsignedAndSigned_MinPlusMaxMinusValue()
    {
        byte[] unsigned10 = [0, 0, 211, 3, 255, 3];        // 0, 979, 1023 in 10 bits
        DicomPixelData.InvertStoredRange(unsigned10, 2, 10, signed: false);
        byte[] signed12 = [0, 248, 5, 0, 255, 7];          // −2048, 5, 2047 in 12 bits
        DicomPixelData.InvertStoredRange(signed12, 2, 12, signed: true);
        Assert.Multiple(() =>
        {
            Assert.That(ToUInt16(unsigned10), Is.EqualTo(new[] { 1023, 44, 0 }));
            Assert.That(ToInt16(signed12), Is.EqualTo(new[] { 2047, -6, -2048 }));
        });
    }

    [Test]
    public void GetFrameMonochrome2_CrMono1_MatchesItkGdcmImageIO()
    {
        // ITK's GDCMImageIO turns MONOCHROME1 into MONOCHROME2 when it reads a volume; the harness writes what it read.
        // (DCMTK's dcm2pnm --no-windowing differs by ±1 on half the pixels: display rounding, not a reading convention.)
        string path = TestPaths.RequireShared("corpus/fo-dicom-testdata/data/CR-MONO1-10-chest");
        string itkref = ExternalTool.RequireItkRef();
        string directory = TestPaths.NewTempDirectory();
        File.Copy(path, Path.Combine(directory, "CR-MONO1-10-chest"));
        string output = Path.Combine(TestPaths.NewTempDirectory(), "itk.nii");
        var (code, _, stderr) = ExternalTool.Run(itkref, ["dicom-convert", directory, output]);
        Assert.That(code, Is.Zero, stderr);
        int[] itk = [.. MedImaging.IO.ImageFile.Read(output).As<ushort>().Voxels.ToArray().Select(v => (int)v)];

        var pixels = DicomPixelData.Create(DicomFile.Open(path));
        int[] ours = ToUInt16(pixels.GetFrameMonochrome2(0));
        int[] stored = ToUInt16(pixels.GetFrame(0));
        Assert.Multiple(() =>
        {
            Assert.That(pixels.IsMonochrome1, Is.True);
            Assert.That(ours, Is.EqualTo(itk));
            Assert.That(stored.Max(), Is.EqualTo(979), "canonical values stay as stored (pixel-reference.tsv max 979)");
        });
    }

    [TestCase("fo-dicom-testdata/data/TestPattern_Palette.dcm", 8)]
    [TestCase("pydicom-data/data/OT-PAL-8-face.dcm", 16)]
    public void GetFramePaletteRgb_MatchesPydicomApplyColorLut(string relative, int bits)
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", relative));
        var pixels = DicomPixelData.Create(DicomFile.Open(path));
        ushort[] rgb = pixels.GetFramePaletteRgb(0);
        byte[] bytes = bits == 8 ? [.. rgb.Select(v => (byte)v)] : [.. rgb.SelectMany(BitConverter.GetBytes)];
        Assert.Multiple(() =>
        {
            Assert.That(pixels.GetPaletteLut().BitsPerEntry, Is.EqualTo(bits));
            Assert.That(Sha256(bytes), Is.EqualTo(PydicomColorLutSha256(path)));
        });
    }

    [Test]
    public void GetFrameRgb_Palette8Bit_EqualsPaletteEntries()
    {
        string path = TestPaths.RequireShared("corpus/fo-dicom-testdata/data/TestPattern_Palette.dcm");
        var pixels = DicomPixelData.Create(DicomFile.Open(path));
        Assert.That(Sha256(pixels.GetFrameRgb(0)), Is.EqualTo(PydicomColorLutSha256(path)));
    }

    [Test]
    public void GetFramePaletteRgb_Monochrome_ThrowsNamingPhotometric()
    {
        var pixels = DicomPixelData.Create(DicomFile.Open(TestPaths.TestData("dicom/implicit_le.dcm")));
        var ex = Assert.Throws<DicomFormatException>(() => pixels.GetFramePaletteRgb(0));
        Assert.That(ex!.Tag, Is.EqualTo(DicomTag.PhotometricInterpretation));
    }

    [TestCase(new ushort[] { 0, 3, 10, 20, 30, 1, 5, 65535 })]
    [TestCase(new ushort[] { 0, 1, 0, 1, 255, 65535, 1, 7, 3, 0, 2, 7, 7, 1, 1, 0 })]
    [TestCase(new ushort[] { 0, 1, 1000, 1, 3, 1001, 1, 4, 0 })]
    public void ExpandSegments_DiscreteAndLinear_MatchPydicom(ushort[] words)
    {
        if (!File.Exists(Python) || ExternalTool.Run(Python, ["-c", "import pydicom, numpy"]).ExitCode != 0)
        {
            Assert.Ignore($"{Python} with pydicom is not present");
        }

        const string script = """
            import sys
            from pydicom.pixel_data_handlers.util import _expand_segmented_lut
            words = tuple(int(w) for w in sys.argv[1].split(','))
            print(','.join(str(v) for v in _expand_segmented_lut(words, '<%dH' % len(words))))
            """;
        var (code, stdout, stderr) = ExternalTool.Run(Python, ["-c", script, string.Join(',', words)]);
        Assert.That(code, Is.Zero, stderr);
        ushort[] expected = [.. stdout.Trim().Split(',').Select(v => ushort.Parse(v, CultureInfo.InvariantCulture))];
        Assert.That(DicomPaletteLut.ExpandSegments(words, 65536), Is.EqualTo(expected));
    }

    [Test]
    public void ExpandSegments_IndirectOrLinearFirst_Throw()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<FormatException>(() => DicomPaletteLut.ExpandSegments(new ushort[] { 0, 1, 5, 2, 1, 0, 0 }, 65536));
            Assert.Throws<FormatException>(() => DicomPaletteLut.ExpandSegments(new ushort[] { 1, 4, 9 }, 65536));
            Assert.Throws<FormatException>(() => DicomPaletteLut.ExpandSegments(new ushort[] { 0, 9, 1, 2 }, 65536));
        });
    }

    /// <summary>SHA-256 of pydicom's <c>apply_color_lut(pixel_array, ds)</c> bytes (files without meta read as implicit VR LE).</summary>
    private static string PydicomColorLutSha256(string path)
    {
        if (!File.Exists(Python) || ExternalTool.Run(Python, ["-c", "import pydicom, numpy"]).ExitCode != 0)
        {
            Assert.Ignore($"{Python} with pydicom is not present");
        }

        const string script = """
            import hashlib, sys, pydicom
            from pydicom.pixel_data_handlers.util import apply_color_lut
            ds = pydicom.dcmread(sys.argv[1], force=True)
            if 'TransferSyntaxUID' not in ds.file_meta:
                ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
            out = apply_color_lut(ds.pixel_array, ds)
            print(hashlib.sha256(out.astype(out.dtype.newbyteorder('<')).tobytes()).hexdigest())
            """;
        var (code, stdout, stderr) = ExternalTool.Run(Python, ["-c", script, path]);
        Assert.That(code, Is.Zero, stderr);
        return stdout.Trim();
    }

    /// <summary>DCMTK's rendering without VOI windowing as an ASCII PGM of <paramref name="bits"/> bits: the stored values of unsigned MONOCHROME2 data.</summary>
    private static int[] ReadDcmtkPgm(string path, int bits)
    {
        if (!File.Exists(Dcm2pnm))
        {
            Assert.Ignore("DCMTK's dcm2pnm is not installed");
        }

        string output = Path.Combine(TestPaths.NewTempDirectory(), "out.pgm");
        var (code, _, stderr) = ExternalTool.Run(Dcm2pnm, ["--no-windowing", "--write-n-bit-pnm", bits.ToString(CultureInfo.InvariantCulture), path, output]);
        Assert.That(code, Is.Zero, stderr);
        string[] tokens = File.ReadAllText(output).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return [.. tokens.Skip(4).Select(t => int.Parse(t, CultureInfo.InvariantCulture))];
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static int[] ToUInt16(byte[] b) => [.. Enumerable.Range(0, b.Length / 2).Select(i => (int)BitConverter.ToUInt16(b, 2 * i))];

    private static int[] ToInt16(byte[] b) => [.. Enumerable.Range(0, b.Length / 2).Select(i => (int)BitConverter.ToInt16(b, 2 * i))];
}
