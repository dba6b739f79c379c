using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom;

/// <summary>
/// JPEG lossless process 14 with every selection value, a point transform, 8/12/16-bit and signed data, and frames
/// split over 1 KiB fragments: files compressed by DCMTK's dcmcjpeg (testdata/README.md). Lossless means the decode
/// must equal the pattern the generator script wrote, exactly.
/// </summary>
[TestFixture]
public sealed class JpegLosslessTests
{
    private const int Rows = 48;
    private const int Columns = 64;

    /// <summary>Every selection value 1..7 on the 12-bit source, then the special files.</summary>
    private static readonly object[] Files =
    [
        .. Enumerable.Range(1, 7).Select(sv => new object[] { $"jpeg_lossless_u12_sv{sv}.dcm", 12, false, 0 }),
        new object[] { "jpeg_lossless_u12_sv1_pt2.dcm", 12, false, 2 },
        new object[] { "jpeg_lossless_u12_sv5_fragments.dcm", 12, false, 0 },
        new object[] { "jpeg_lossless_u8_sv7.dcm", 8, false, 0 },
        new object[] { "jpeg_lossless_s16_sv4.dcm", 16, true, 0 },
        new object[] { "jpeg_lossless_source_u12.dcm", 12, false, 0 },
    ];

    [TestCaseSource(nameof(Files))]
    public void Decode_LosslessFile_EqualsWrittenPattern(string name, int bits, bool signed, int pointTransform)
    {
        var pixels = DicomPixelData.Create(DicomFile.Open(TestPaths.TestData(Path.Combine("dicom", name))));
        Assert.That((pixels.NumberOfFrames, pixels.Rows, pixels.Columns), Is.EqualTo((3, Rows, Columns)));
        int[] frame = new int[Rows * Columns];
        for (int f = 0; f < 3; f++)
        {
            pixels.CopyFrameTo<int>(f, frame);
            for (int y = 0; y < Rows; y++)
            {
                for (int x = 0; x < Columns; x++)
                {
                    // The point transform drops the low bits before coding (T.81 H.1.2.1).
                    int expected = (Pattern(x, y, f, bits) >> pointTransform) << pointTransform;
                    expected = signed ? expected - 32768 : expected;
                    Assert.That(frame[(y * Columns) + x], Is.EqualTo(expected), $"frame {f}, x {x}, y {y}");
                }
            }
        }
    }

    /// <summary>tools/make_dicom_testdata.py's lossless_value.</summary>
    private static int Pattern(int x, int y, int frame, int bits) =>
        ((x * 37) + (y * 101) + ((x * y) % 17 * 13) + (frame * 500)) % (1 << bits);
}
