using System.Numerics;

namespace MedImaging.Dicom.Series;

public static partial class DicomSeriesReader
{
    /// <summary>
    /// Reads a series of Siemens mosaics: each mosaic image becomes one 3-D volume (its tiles are the slices, placed
    /// by <see cref="SiemensMosaic.FromHeader"/>); several mosaics (an fMRI run) become a 4-D series in stacking order.
    /// </summary>
    private static DicomSeriesReadResult ReadMosaics(DicomSeriesInfo series, DicomSeriesReadOptions options, ExecutionOptions? execution)
    {
        DicomImageHeader[] images = StackingOrder(series);
        if (images.FirstOrDefault(h => !SiemensMosaic.IsMosaic(h)) is DicomImageHeader plain)
        {
            throw new SeriesInconsistentException(series.Key, $"'{plain.Path}' is not a mosaic but other images of the series are: they cannot be stacked together");
        }

        SiemensMosaic mosaic = SiemensMosaic.FromHeader(images[0]);
        foreach (DicomImageHeader h in images.Skip(1))
        {
            SiemensMosaic other = SiemensMosaic.FromHeader(h);
            if (other.Geometry.Size != mosaic.Geometry.Size || (other.Geometry.Origin - mosaic.Geometry.Origin).Length > options.PositionTolerance
                || Mat3.MaxAbsDifference(other.Geometry.Direction, mosaic.Geometry.Direction) > 1e-4)
            {
                throw new SeriesInconsistentException(series.Key, $"mosaic '{h.Path}' lies elsewhere than '{images[0].Path}' (size, origin or orientation differs)");
            }
        }

        SeriesPixels pixels = SeriesPixels.Probe(series.Key, images);
        Volume[] output = new Volume[images.Length];
        Parallelism.For(images.Length, 1, execution, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                Volume volume = Volume.Create(pixels.Type, mosaic.Geometry);
                volume.Accept(new MosaicFiller(pixels, images, i, mosaic));
                output[i] = volume;
            }
        });
        var warnings = new List<string>
        {
            Format($"Siemens mosaic: {mosaic.SliceCount} slices of {mosaic.TileColumns}x{mosaic.TileRows} tiled {mosaic.TilesPerRow} per row, de-mosaicked; IPP moved from the mosaic corner to the first tile's"),
        };
        if (mosaic.ProtocolSliceNumber > 1)
        {
            warnings.Add(Format($"CSA ProtocolSliceNumber {mosaic.ProtocolSliceNumber} (reversed slice numbering): tiles placed in world space by the sign of SliceNormalVector, as dcm2niix places them"));
        }

        IReadOnlyList<IReadOnlyList<int>> volumes = [.. Enumerable.Range(0, images.Length).Select(i => (IReadOnlyList<int>)[i])];
        return Result(series, images, volumes, output, StackIrregularity.None, warnings, resampled: false, pixels.Rescale);
    }

    /// <summary>Decodes one mosaic image and copies each tile into its slice of the typed volume.</summary>
    private sealed class MosaicFiller(SeriesPixels pixels, DicomImageHeader[] images, int index, SiemensMosaic mosaic) : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            DicomImageHeader header = images[index];
            var buffer = new T[header.Rows * header.Columns];
            pixels.DecodeSlice(images, index, buffer);
            for (int z = 0; z < mosaic.SliceCount; z++)
            {
                Span<T> slice = volume.GetSlice(z);
                for (int y = 0; y < mosaic.TileRows; y++)
                {
                    buffer.AsSpan(mosaic.MosaicIndex(z, 0, y), mosaic.TileColumns).CopyTo(slice.Slice(y * mosaic.TileColumns, mosaic.TileColumns));
                }
            }

            return true;
        }
    }
}
