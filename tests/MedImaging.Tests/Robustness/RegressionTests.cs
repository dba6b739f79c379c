using System.Buffers.Binary;
using MedImaging.Dicom;
using MedImaging.Dicom.Codecs;
using MedImaging.IO;
using MedImaging.Tests.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Robustness;

/// <summary>One test per hole the mutation suites found, named after the input that exposed it.</summary>
[TestFixture]
public sealed class RegressionTests : TempDirectoryTest
{
    [Test]
    public void Read_NiiGzWithFlippedVoxelByteAndStaleCrc_ImageFormatException()
    {
        // Found by NiftiGz mutations: a changed byte inside the deflate data was returned as a wrong voxel, because
        // reading stopped after the last voxel and the inflater never reached the CRC-32 in the gzip trailer.
        // Stored (uncompressed) deflate blocks keep the stream well-formed whatever byte changes; only the CRC tells.
        // The stream holds 4 KiB more than the voxels (a corrupt stream inflates to more than it should, and a NIfTI
        // may carry trailing bytes), so the voxel read stops before the trailer unless the reader reads on to it.
        byte[] nifti = new HandMadeNifti { Dim = [3, 40, 30, 2, 1, 1, 1, 1] }.Build(new byte[4800 + 4096]);
        byte[] gzip = StoredGzip(nifti);
        gzip[15 + 352 + 5] ^= 0x40; // 10-byte gzip header + 5-byte stored-block header + the NIfTI header: voxel byte 5
        string path = Path.Combine(TempDir, "crc.nii.gz");
        File.WriteAllBytes(path, gzip);

        var ex = Assert.Throws<ImageFormatException>(() => ImageFile.Read(path))!;
        Assert.That(ex.Field, Is.EqualTo("voxel data"));
        Assert.That(ex.Message, Does.Contain("crc.nii.gz"));
    }

    [Test]
    public void Read_StoredGzipUnchanged_ReadsEveryVoxel()
    {
        // The control of the test above: the hand-made stored gzip itself is valid (voxel i = i as int16).
        byte[] voxels = new byte[48];
        for (int i = 0; i < 24; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(voxels.AsSpan(2 * i), (short)i);
        }

        string path = Path.Combine(TempDir, "ok.nii.gz");
        File.WriteAllBytes(path, StoredGzip(new HandMadeNifti().Build(voxels)));

        Assert.That(ImageFile.Read(path).As<short>().Voxels.ToArray(), Is.EqualTo(Enumerable.Range(0, 24).Select(i => (short)i).ToArray()));
    }

    [Test]
    public void GetFrame_RleWithRowsAndColumns65535_DicomFormatExceptionNotOverflow()
    {
        // Found by the Image Pixel attribute variants: 65535 × 65535 16-bit samples (8.6 GB) in an encapsulated frame
        // threw OverflowException from the frame buffer allocation.
        DicomPixelData pixels = PixelsWith(Rle(), ds => SetRowsColumns(ds, 0xFFFF, 0xFFFF));

        var ex = Assert.Throws<DicomFormatException>(() => pixels.GetFrame(0))!;
        Assert.That(ex.Message, Does.Contain("rows.dcm").And.Contain("65535x65535"));
    }

    [Test]
    public void CopyFrameTo_FrameOverInt32MaxValues_DicomFormatExceptionNotOverflow()
    {
        // 65535 × 65535 values in one frame cannot go into any span: the file and the sizes are named, no OverflowException.
        DicomPixelData pixels = PixelsWith(Rle(), ds => SetRowsColumns(ds, 0xFFFF, 0xFFFF));

        var ex = Assert.Throws<DicomFormatException>(() => pixels.CopyFrameTo<short>(0, Span<short>.Empty))!;
        Assert.That(ex.Message, Does.Contain("rows.dcm").And.Contain("65535 rows × 65535 columns"));
    }

    [Test]
    public void GetFrame_JpegLosslessWithRows65535_CodecExceptionBeforeAllocatingTheFrame()
    {
        // Found by the attribute variants: Rows 65535 on a 64×48 JPEG allocated the 8 MB frame the dataset claimed
        // before the codec compared it with the frame header; now the header is checked first.
        byte[] valid = File.ReadAllBytes(TestPaths.TestData("dicom/jpeg_lossless_u12_sv1.dcm"));
        DicomPixelData pixels = PixelsWith(valid, ds => SetRowsColumns(ds, 0xFFFF, 64));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DicomCodecException>(() => pixels.GetFrame(0))!;
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20), "the 8 MB frame must not be allocated");
        Assert.That(ex.Message, Does.Contain("rows.dcm").And.Contain("64x48").And.Contain("64x65535"));
    }

    [Test]
    public void GetFrame_RleFrameTooShortForItsRows_CodecExceptionNamingFileAndFrame()
    {
        // Found by the DICOM mutations: a codec's DicomCodecException named the transfer syntax but not the file.
        DicomPixelData pixels = PixelsWith(Rle(), ds => SetRowsColumns(ds, 4000, 7));

        var ex = Assert.Throws<DicomCodecException>(() => pixels.GetFrame(1))!;
        Assert.That(ex.Message, Does.Contain("'rows.dcm'").And.Contain("frame 1").And.Contain("RLE"));
    }

    [Test]
    public void Decode_JpegLosslessWithFrameHeaderLines65535_CodecExceptionBeforeAllocatingPlanes()
    {
        // Found by the codec mutations: a 64×48 stream whose SOF3 claims 65535 lines allocated a 65535×64 int plane
        // (16 MB; 65535×65535×4 components would be 68 GB) before the size was compared with the dataset.
        (byte[] stream, DicomFrameInfo frame) = LosslessCodestream();
        int sof = stream.AsSpan().IndexOf([(byte)0xFF, (byte)0xC3]);
        BinaryPrimitives.WriteUInt16BigEndian(stream.AsSpan(sof + 5), 0xFFFF);
        byte[] destination = new byte[frame.NativeFrameBytes];

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DicomCodecException>(() => new JpegCodec().Decode(stream, frame, destination))!;
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20), "no plane for 65535 lines");
        Assert.That(ex.Message, Does.Contain("64x65535x1").And.Contain("64x48x1"));
    }

    [Test]
    public void GetFrame_JpegLosslessWithoutSoi_CodecExceptionNamesTheFilesTransferSyntax()
    {
        // Found by the DICOM mutations: the JPEG codec reports every failure as JPEG Baseline (.50), its first
        // syntax; a lossless (.57) file's error must name .57.
        byte[] bytes = File.ReadAllBytes(TestPaths.TestData("dicom/jpeg_lossless_u12_sv1.dcm"));
        int soi = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xD8, (byte)0xFF]);
        bytes[soi + 1] = 0;
        var pixels = DicomPixelData.Create(DicomFile.Open(bytes, "nosoi.dcm"));

        var ex = Assert.Throws<DicomCodecException>(() => pixels.GetFrame(0))!;
        Assert.That(ex.TransferSyntaxUid, Is.EqualTo("1.2.840.10008.1.2.4.57"));
        Assert.That(ex.Message, Does.Contain("'nosoi.dcm'").And.Contain("SOI").And.Not.Contain("Baseline"));
    }

    [Test]
    public void Decode_JpegScanSelectingHuffmanTable5_CodecExceptionNotIndexOutOfRange()
    {
        // Found by the long codec session (corpus JPEG baseline, byte 327 → 0x07): a scan header's 4-bit table
        // selector above 3 indexed the 4-entry Huffman table array: IndexOutOfRangeException.
        (byte[] stream, DicomFrameInfo frame) = LosslessCodestream();
        int sos = stream.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        stream[sos + 6] = 0x50; // first component: Td = 5, Ta = 0

        var ex = Assert.Throws<DicomCodecException>(() => new JpegCodec().Decode(stream, frame, new byte[frame.NativeFrameBytes]))!;
        Assert.That(ex.Message, Does.Contain("DC Huffman table 5"));
    }

    private static (byte[] Stream, DicomFrameInfo Frame) LosslessCodestream()
    {
        DicomFile file = DicomFile.Open(TestPaths.TestData("dicom/jpeg_lossless_u12_sv1.dcm"));
        var pixels = DicomPixelData.Create(file);
        return (DicomFrameLocator.FrameCodestream(file, file.Dataset.GetElement(DicomTag.PixelData)!.Fragments!, pixels.NumberOfFrames, 0), pixels.Info);
    }

    private static byte[] Rle() =>
        DicomTestFiles.Encapsulated(DicomTestFiles.RleFrames(rows: 6, columns: 7, frames: 2), "1.2.840.10008.1.2.5", rows: 6, columns: 7);

    private static DicomPixelData PixelsWith(byte[] valid, Action<DicomDataset> change)
    {
        DicomFile file = DicomFile.Open(valid, "valid.dcm");
        change(file.Dataset);
        using var stream = new MemoryStream();
        DicomWriter.Write(stream, file.Dataset, file.TransferSyntax);
        return DicomPixelData.Create(DicomFile.Open(stream.ToArray(), "rows.dcm"));
    }

    private static void SetRowsColumns(DicomDataset ds, int rows, int columns)
    {
        ds.AddOrReplace(new DicomElement(DicomTag.Rows, DicomVR.US, BitConverter.GetBytes((ushort)rows)));
        ds.AddOrReplace(new DicomElement(DicomTag.Columns, DicomVR.US, BitConverter.GetBytes((ushort)columns)));
    }

    /// <summary>A gzip member (RFC 1952) holding <paramref name="content"/> in one stored deflate block (RFC 1951 3.2.4).</summary>
    internal static byte[] StoredGzip(byte[] content)
    {
        var bytes = new List<byte> { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1 };
        bytes.AddRange(BitConverter.GetBytes((ushort)content.Length));
        bytes.AddRange(BitConverter.GetBytes((ushort)~content.Length));
        bytes.AddRange(content);
        bytes.AddRange(BitConverter.GetBytes(Crc32(content)));
        bytes.AddRange(BitConverter.GetBytes((uint)content.Length));
        return [.. bytes];
    }

    private static uint Crc32(byte[] data)
    {
        // Bitwise CRC-32 (reflected polynomial 0xEDB88320), as RFC 1952 8 defines it.
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
