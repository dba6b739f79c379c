using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// How a Siemens mosaic (ImageType MOSAIC) tiles its slices: <see cref="SliceCount"/> tiles of
/// <see cref="TileColumns"/> × <see cref="TileRows"/> pixels, <see cref="TilesPerRow"/> per mosaic row, row-major from
/// the top left; and where the de-mosaicked volume lies in LPS, the way dcm2niix places it.
/// </summary>
/// <param name="SliceCount">Slices in the mosaic: CSA NumberOfImagesInMosaic, else (0019,100A).</param>
/// <param name="TilesPerRow">ceil(sqrt(<paramref name="SliceCount"/>)): the mosaic is that many tiles wide and high.</param>
/// <param name="TileColumns">Columns of one tile (mosaic Columns / TilesPerRow).</param>
/// <param name="TileRows">Rows of one tile (mosaic Rows / TilesPerRow).</param>
/// <param name="Geometry">The de-mosaicked volume's geometry (LPS mm).</param>
/// <param name="ProtocolSliceNumber">CSA ProtocolSliceNumber of the image (0 when absent); above 1 marks reversed
/// slice numbering ("ImageNumbering reversed"). Like dcm2niix, which only flips the stored order then (its world
/// positions stay put), it does not change where tiles lie; the reader reports it as a warning.</param>
public sealed record SiemensMosaic(int SliceCount, int TilesPerRow, int TileColumns, int TileRows, VolumeGeometry Geometry, int ProtocolSliceNumber = 0)
{
    /// <summary>(0019,100A): Siemens NumberOfImagesInMosaic (private creator "SIEMENS MR HEADER").</summary>
    internal static readonly DicomTag NumberOfImagesInMosaicTag = new(0x0019, 0x100A);

    /// <summary>True when the image's ImageType contains MOSAIC.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    public static bool IsMosaic(DicomImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.ImageType.Contains("MOSAIC");
    }

    /// <summary>
    /// The mosaic layout and volume geometry of one mosaic image. The slice axis is row × column, negated when the CSA
    /// SliceNormalVector points the other way (slices stored in descending order); the mosaic's ImagePositionPatient is the corner of the whole mosaic, so the first tile's
    /// corner lies ((Columns − TileColumns)/2 column spacings along the row direction and (Rows − TileRows)/2 row
    /// spacings along the column direction) further; slices are SpacingBetweenSlices apart (else SliceThickness).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    /// <exception cref="SeriesInconsistentException">The slice count is missing or does not tile the image.</exception>
    /// <exception cref="DicomFormatException">The CSA header is corrupt.</exception>
    public static SiemensMosaic FromHeader(DicomImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        SiemensCsaHeader? csa = SiemensCsaHeader.FromDataset(header.Dataset, header.Path);
        int count = SliceCountOf(header, csa);
        int across = (int)Math.Ceiling(Math.Sqrt(count));
        if (header.Rows % across != 0 || header.Columns % across != 0)
        {
            throw new SeriesInconsistentException(header.Path, Format($"mosaic of {count} slices needs {across}x{across} tiles, which do not divide {header.Columns}x{header.Rows} pixels"));
        }

        SlicePlane plane = header.Plane
            ?? throw new SeriesInconsistentException(header.Path, "mosaic without a valid ImagePositionPatient/ImageOrientationPatient: its slices cannot be placed");
        int tileColumns = header.Columns / across, tileRows = header.Rows / across;
        // Tiles run along row × column when det[row, column, SliceNormalVector] > 0 and against it when negative (a
        // reversed slice order): dcm2niix decides the sign the same way and keeps the exact cross product, so the
        // direction stays orthonormal however few digits the CSA text carries.
        Vec3 normal = plane.Normal;
        if (csa?.Doubles("SliceNormalVector") is { Length: 3 } n && Vec3.Dot(normal, new Vec3(n[0], n[1], n[2])) < 0)
        {
            normal = -normal;
        }

        Vec3 origin = plane.Position
            + plane.RowDirection * ((header.Columns - tileColumns) / 2.0 * plane.ColumnSpacing)
            + plane.ColumnDirection * ((header.Rows - tileRows) / 2.0 * plane.RowSpacing);
        double dz = header.Dataset.GetDoubleOrDefault(DicomTag.SpacingBetweenSlices, 0);
        if (!(dz > 0))
        {
            dz = header.Dataset.GetDoubleOrDefault(DicomTag.SliceThickness, 0);
        }

        var geometry = new VolumeGeometry(
            new Size3(tileColumns, tileRows, count),
            new Vec3(plane.ColumnSpacing, plane.RowSpacing, dz > 0 ? dz : 1),
            origin,
            Mat3.FromColumns(plane.RowDirection, plane.ColumnDirection, normal));
        int protocolSlice = csa?.Doubles("ProtocolSliceNumber") is { Length: > 0 } p && p[0] is >= 0 and <= int.MaxValue ? (int)p[0] : 0;
        return new SiemensMosaic(count, across, tileColumns, tileRows, geometry, protocolSlice);
    }

    /// <summary>Index in the mosaic's pixel buffer (row-major) of pixel (x, y) of tile <paramref name="slice"/>.</summary>
    public int MosaicIndex(int slice, int x, int y)
    {
        int mosaicColumns = TileColumns * TilesPerRow;
        int tileX = slice % TilesPerRow, tileY = slice / TilesPerRow;
        return (tileY * TileRows + y) * mosaicColumns + tileX * TileColumns + x;
    }

    private static int SliceCountOf(DicomImageHeader header, SiemensCsaHeader? csa)
    {
        int count = 0;
        if (csa?.Doubles("NumberOfImagesInMosaic") is { Length: > 0 } v && v[0] >= 1 && v[0] <= int.MaxValue)
        {
            count = (int)v[0];
        }
        else if (header.Dataset.TryGetInt32(NumberOfImagesInMosaicTag, out int n))
        {
            count = n;
        }

        if (count < 1 || count > header.Rows * (long)header.Columns)
        {
            throw new SeriesInconsistentException(header.Path, Format($"mosaic without a usable slice count (CSA NumberOfImagesInMosaic or (0019,100A) gave {count})"));
        }

        return count;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
