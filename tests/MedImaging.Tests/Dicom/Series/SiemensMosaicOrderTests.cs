using System.Buffers.Binary;
using System.Globalization;
using MedImaging.Dicom;
using MedImaging.Dicom.Series;
using MedImaging.Tests.TestUtilities;
using static MedImaging.Tests.Dicom.Series.SelfMadeSeries;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Synthetic Siemens mosaics whose truth is known: 5 tiles of 4 × 3 pixels on an oblique plane, tile k's pixel (x, y)
/// holding 1000·k + 10·y + x and lying at FirstTile + x·ColumnSpacing·row + y·RowSpacing·column + k·SliceStep·d, with
/// d = +(row × column) for an ascending acquisition and −(row × column) for a descending one, whose CSA
/// SliceNormalVector is the reversed normal. dcm2niix (nii_dicom.cpp set_nii_header_x) takes the slice axis as row ×
/// column, negated when det[row, column, SliceNormalVector] &lt; 0; a ProtocolSliceNumber above 1 (reversed image
/// numbering) only makes it flip the stored order, not where slices lie (nii_flipZ keeps the world positions).
/// </summary>
public class SiemensMosaicOrderTests : TempDirectoryTest
{
    private const int TileColumns = 4;
    private const int TileRows = 3;
    private const int Slices = 5;
    private const int Across = 3; // ceil(sqrt(5)): a 3 × 3 grid of tiles, 12 × 9 pixels
    private const double ColumnSpacing = 0.8;
    private const double RowSpacing = 0.6;
    private const double SliceStep = 2.5;

    private static readonly Vec3 Row = new Vec3(0.9, 0.3, 0.1).Normalize();
    private static readonly Vec3 Column = Orthogonal(new Vec3(-0.2, 0.8, 0.4), Row);
    private static readonly Vec3 FirstTile = new(-30.25, 12.5, 40.75);

    [TestCase(+1, 0, TestName = "Read_AscendingMosaic_EveryVoxelWhereTheTruthPutsIt")]
    [TestCase(-1, 0, TestName = "Read_DescendingMosaicReversedNormal_EveryVoxelWhereTheTruthPutsIt")]
    [TestCase(-1, Slices, TestName = "Read_ReversedNumberingMosaic_EveryVoxelWhereTheTruthPutsIt")]
    [TestCase(+1, Slices, TestName = "Read_AscendingMosaicWithReversedNumbering_PositionsStillFromTheNormal")]
    public void Read_SyntheticMosaic(int order, int protocolSliceNumber)
    {
        Vec3 normal = Vec3.Cross(Row, Column);
        WriteMosaic(Path.Combine(TempDir, "mosaic.dcm"), normal * order, protocolSliceNumber);

        DicomSeriesReadResult result = DicomSeriesReader.Read(TempDir);

        Volume volume = result.Volume;
        Assert.That(volume.Size, Is.EqualTo(new Size3(TileColumns, TileRows, Slices)));
        double worst = 0;
        var tilesSeen = new HashSet<int>();
        for (int z = 0; z < Slices; z++)
        {
            for (int y = 0; y < TileRows; y++)
            {
                for (int x = 0; x < TileColumns; x++)
                {
                    int value = (int)volume.GetValueAsDouble(x, y, z);
                    int tile = value / 1000;
                    Assert.That((value % 1000 / 10, value % 10), Is.EqualTo((y, x)), $"voxel ({x}, {y}, {z}) holds another pixel's value {value}");
                    tilesSeen.Add(tile);
                    Vec3 truth = FirstTile + Row * (x * ColumnSpacing) + Column * (y * RowSpacing) + normal * (order * tile * SliceStep);
                    worst = Math.Max(worst, (volume.Geometry.TransformIndexToPhysicalPoint(x, y, z) - truth).Length);
                }
            }
        }

        Assert.That(tilesSeen, Is.EquivalentTo(Enumerable.Range(0, Slices)), "every tile read once");
        // IPP, IOP and SliceNormalVector are written as text with 10 decimals: the positions carry ~1e-9 mm of rounding.
        Assert.That(worst, Is.LessThan(1e-6), "largest distance between a voxel's world point and where the truth puts its value (mm)");
        Assert.That(result.Report.Warnings.Any(w => w.Contains("ProtocolSliceNumber", StringComparison.Ordinal)), Is.EqualTo(protocolSliceNumber > 1));
    }

    private static Vec3 Orthogonal(Vec3 v, Vec3 to) => (v - to * Vec3.Dot(v, to)).Normalize();

    private static void WriteMosaic(string path, Vec3 sliceNormalVector, int protocolSliceNumber)
    {
        // Siemens writes the mosaic's ImagePositionPatient where pixel (0, 0) of one slice the size of the whole mosaic
        // would lie, centred on the first tile: half the extra columns and rows before it (dcm2niix lFactorX/lFactorY,
        // nibabel's dicom_mosaic notes).
        Vec3 ipp = FirstTile
            - Row * ((Across - 1) * TileColumns / 2.0 * ColumnSpacing)
            - Column * ((Across - 1) * TileRows / 2.0 * RowSpacing);
        int columns = Across * TileColumns, rows = Across * TileRows;
        var ds = new DicomDataset();
        Text(ds, DicomTag.ImageType, DicomVR.CS, "ORIGINAL\\PRIMARY\\M\\ND\\MOSAIC");
        Text(ds, DicomTag.SOPClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.4");
        Text(ds, DicomTag.SOPInstanceUid, DicomVR.UI, "2.25.777.1");
        Text(ds, DicomTag.Modality, DicomVR.CS, "MR");
        Text(ds, DicomTag.Manufacturer, DicomVR.LO, "SIEMENS");
        Text(ds, DicomTag.SliceThickness, DicomVR.DS, "2");
        Text(ds, DicomTag.SpacingBetweenSlices, DicomVR.DS, SliceStep.ToString(CultureInfo.InvariantCulture));
        Text(ds, DicomTag.SeriesInstanceUid, DicomVR.UI, "2.25.777");
        Text(ds, DicomTag.SeriesNumber, DicomVR.IS, "3");
        Text(ds, DicomTag.InstanceNumber, DicomVR.IS, "1");
        Text(ds, DicomTag.ImagePositionPatient, DicomVR.DS, Ds(ipp.X, ipp.Y, ipp.Z));
        Text(ds, DicomTag.ImageOrientationPatient, DicomVR.DS, Ds(Row.X, Row.Y, Row.Z, Column.X, Column.Y, Column.Z));
        UShort(ds, DicomTag.SamplesPerPixel, 1);
        Text(ds, DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        UShort(ds, DicomTag.Rows, rows);
        UShort(ds, DicomTag.Columns, columns);
        Text(ds, DicomTag.PixelSpacing, DicomVR.DS, Ds(RowSpacing, ColumnSpacing));
        UShort(ds, DicomTag.BitsAllocated, 16);
        UShort(ds, DicomTag.BitsStored, 16);
        UShort(ds, DicomTag.HighBit, 15);
        UShort(ds, DicomTag.PixelRepresentation, 0);
        Text(ds, new DicomTag(0x0029, 0x0010), DicomVR.LO, "SIEMENS CSA HEADER");
        (string, string[])[] csa =
        [
            ("NumberOfImagesInMosaic", [Slices.ToString(CultureInfo.InvariantCulture)]),
            ("SliceNormalVector", [.. new[] { sliceNormalVector.X, sliceNormalVector.Y, sliceNormalVector.Z }.Select(v => v.ToString("F10", CultureInfo.InvariantCulture))]),
            ("ProtocolSliceNumber", [protocolSliceNumber.ToString(CultureInfo.InvariantCulture)]),
        ];
        ds.AddOrReplace(new DicomElement(new DicomTag(0x0029, 0x1010), DicomVR.OB, SiemensCsaBuilder.Sv10(csa)));
        byte[] pixels = new byte[rows * columns * 2];
        for (int k = 0; k < Slices; k++)
        {
            for (int y = 0; y < TileRows; y++)
            {
                for (int x = 0; x < TileColumns; x++)
                {
                    // Tiles fill the grid row-major from the top left.
                    int mosaicX = k % Across * TileColumns + x, mosaicY = k / Across * TileRows + y;
                    BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(2 * (mosaicY * columns + mosaicX)), (ushort)(1000 * k + 10 * y + x));
                }
            }
        }

        ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
        DicomWriter.Write(path, ds);
    }

    private static string Ds(params double[] values) => string.Join('\\', values.Select(v => v.ToString("F10", CultureInfo.InvariantCulture)));
}
