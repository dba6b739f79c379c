using System.Buffers.Binary;
using System.Globalization;
using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Writes small uint16 CT series (16 columns x 12 rows, PixelSpacing 0.8 mm between rows and 0.6 mm between columns)
/// whose every pixel says where it is: slice k's pixel (column c, row r) holds 200·k + 16·r + c and lies at the world
/// point <see cref="WorldPoint"/> (LPS mm), computed from the generator's own parameters, never from a reader.
/// </summary>
public sealed record IrregularSeries(string Name, Vec3 Row, Vec3 Column, IReadOnlyList<Vec3> Positions)
{
    public const int Columns = 16;
    public const int Rows = 12;
    public const double RowSpacing = 0.8;
    public const double ColumnSpacing = 0.6;

    /// <summary>Called with each slice's dataset and its index k before writing, to change or remove elements.</summary>
    public Action<DicomDataset, int>? Customize { get; init; }

    /// <summary>Slice k's distance between rows, mm (default <see cref="RowSpacing"/> for every slice).</summary>
    public Func<int, double> RowSpacingOf { get; init; } = _ => RowSpacing;

    /// <summary>The slice normal, row × column.</summary>
    public Vec3 Normal => Vec3.Cross(Row, Column);

    /// <summary>The stored value of slice k's pixel (c, r).</summary>
    public static int Value(int k, int c, int r) => 200 * k + 16 * r + c;

    /// <summary>Where slice k's pixel (c, r) is, LPS mm.</summary>
    public Vec3 WorldPoint(int k, int c, int r) => Positions[k] + Row * (c * ColumnSpacing) + Column * (r * RowSpacingOf(k));

    /// <summary>Writes one file per slice into <paramref name="folder"/> (created).</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        int n = Positions.Count;
        for (int k = 0; k < n; k++)
        {
            var ds = new DicomDataset();
            Text(ds, DicomTag.SOPClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
            Text(ds, DicomTag.SOPInstanceUid, DicomVR.UI, $"2.25.7654321.{k + 1}");
            Text(ds, DicomTag.StudyInstanceUid, DicomVR.UI, "2.25.7654320");
            Text(ds, DicomTag.Modality, DicomVR.CS, "CT");
            Text(ds, DicomTag.SeriesDescription, DicomVR.LO, Name);
            Text(ds, DicomTag.SeriesInstanceUid, DicomVR.UI, "2.25.7654321");
            Text(ds, DicomTag.SeriesNumber, DicomVR.IS, "5");
            Text(ds, DicomTag.InstanceNumber, DicomVR.IS, (n - k).ToString(CultureInfo.InvariantCulture));
            Text(ds, DicomTag.ImagePositionPatient, DicomVR.DS, Ds(Positions[k].X, Positions[k].Y, Positions[k].Z));
            Text(ds, DicomTag.ImageOrientationPatient, DicomVR.DS, Ds(Row.X, Row.Y, Row.Z, Column.X, Column.Y, Column.Z));
            Text(ds, DicomTag.PixelSpacing, DicomVR.DS, Ds(RowSpacingOf(k), ColumnSpacing));
            Text(ds, DicomTag.SliceThickness, DicomVR.DS, "2");
            Text(ds, DicomTag.RescaleSlope, DicomVR.DS, "1");
            Text(ds, DicomTag.RescaleIntercept, DicomVR.DS, "0");
            SelfMadeSeries.UInt16Image(ds, Rows, Columns);
            ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, Pixels(k, Rows, Columns)));
            Customize?.Invoke(ds, k);
            // Files named in a shuffled order (k -> 7k + 3 mod 11 permutes 0..10; at most 8 slices here); InstanceNumber runs backwards.
            int rank = (7 * k + 3) % 11;
            DicomWriter.Write(Path.Combine(folder, $"im{rank:D3}.dcm"), ds);
        }
    }

    /// <summary>Slice k's pixel data for a <paramref name="rows"/> x <paramref name="columns"/> image.</summary>
    public static byte[] Pixels(int k, int rows, int columns)
    {
        byte[] pixels = new byte[rows * columns * 2];
        for (int i = 0; i < rows * columns; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(2 * i), (ushort)Value(k, i % columns, i / columns));
        }

        return pixels;
    }

    /// <summary>Backslash-separated decimal string, 6 decimals (DS allows 16 characters per value).</summary>
    public static string Ds(params double[] values) =>
        string.Join('\\', values.Select(v => Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture)));

    public static void Text(DicomDataset ds, DicomTag tag, DicomVR vr, string value) => SelfMadeSeries.Text(ds, tag, vr, value);

    public static void UShort(DicomDataset ds, DicomTag tag, int value) => SelfMadeSeries.UShort(ds, tag, value);

    /// <summary>Positions start + (along·normal) for each distance in <paramref name="along"/> plus a sideways shift.</summary>
    public static Vec3[] Stack(Vec3 start, Vec3 normal, IEnumerable<double> along, Vec3? shearPerMm = null) =>
        [.. along.Select(d => start + normal * d + (shearPerMm ?? Vec3.Zero) * d)];
}
