using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Writes a tiny axial MR series (4 x 3 pixels, uint16, identity orientation, 0.5 mm pixels) with slices at the given
/// z positions (LPS mm); pixel value = 100·slice + 10·row + column, so every voxel says where it came from.
/// </summary>
internal static class SelfMadeSeries
{
    public const int Columns = 4;
    public const int Rows = 3;

    /// <param name="folder">Where the files go (created when absent).</param>
    /// <param name="z">The slices' z positions, one file per slice.</param>
    /// <param name="description">SeriesDescription.</param>
    /// <param name="seriesNumber">SeriesNumber.</param>
    /// <param name="customize">Called with each slice's dataset and index before it is written, to add or remove elements.</param>
    public static void Write(string folder, IReadOnlyList<double> z, string description, int seriesNumber = 7, Action<DicomDataset, int>? customize = null)
    {
        Directory.CreateDirectory(folder);
        for (int k = 0; k < z.Count; k++)
        {
            var ds = new DicomDataset();
            Text(ds, DicomTag.SOPClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.4");
            Text(ds, DicomTag.SOPInstanceUid, DicomVR.UI, $"2.25.1234567.{k + 1}");
            Text(ds, DicomTag.Modality, DicomVR.CS, "MR");
            Text(ds, DicomTag.SeriesDescription, DicomVR.LO, description);
            Text(ds, DicomTag.SeriesInstanceUid, DicomVR.UI, "2.25.1234567");
            Text(ds, DicomTag.SeriesNumber, DicomVR.IS, seriesNumber.ToString(CultureInfo.InvariantCulture));
            Text(ds, DicomTag.InstanceNumber, DicomVR.IS, (k + 1).ToString(CultureInfo.InvariantCulture));
            Text(ds, DicomTag.ImagePositionPatient, DicomVR.DS, string.Create(CultureInfo.InvariantCulture, $"0\\0\\{z[k]}"));
            Text(ds, DicomTag.ImageOrientationPatient, DicomVR.DS, "1\\0\\0\\0\\1\\0");
            UInt16Image(ds, Rows, Columns);
            Text(ds, DicomTag.PixelSpacing, DicomVR.DS, "0.5\\0.5");
            byte[] pixels = new byte[Rows * Columns * 2];
            for (int i = 0; i < Rows * Columns; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(2 * i), (ushort)(100 * k + 10 * (i / Columns) + i % Columns));
            }

            ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
            customize?.Invoke(ds, k);
            DicomWriter.Write(Path.Combine(folder, $"slice{k:D3}.dcm"), ds);
        }
    }

    /// <summary>Adds the Image Pixel module of a one-sample MONOCHROME2 unsigned 16-bit image.</summary>
    public static void UInt16Image(DicomDataset ds, int rows, int columns, int bitsStored = 16)
    {
        UShort(ds, DicomTag.SamplesPerPixel, 1);
        Text(ds, DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        UShort(ds, DicomTag.Rows, rows);
        UShort(ds, DicomTag.Columns, columns);
        UShort(ds, DicomTag.BitsAllocated, 16);
        UShort(ds, DicomTag.BitsStored, bitsStored);
        UShort(ds, DicomTag.HighBit, bitsStored - 1);
        UShort(ds, DicomTag.PixelRepresentation, 0);
    }

    /// <summary>Adds an ASCII text element.</summary>
    public static void Text(DicomDataset ds, DicomTag tag, DicomVR vr, string value) =>
        ds.AddOrReplace(new DicomElement(tag, vr, Encoding.ASCII.GetBytes(value)));

    /// <summary>Adds a US element.</summary>
    public static void UShort(DicomDataset ds, DicomTag tag, int value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        ds.AddOrReplace(new DicomElement(tag, DicomVR.US, bytes));
    }
}
