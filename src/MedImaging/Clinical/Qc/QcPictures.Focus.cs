using System.Numerics;

namespace MedImaging.Clinical.Qc;

public static partial class QcPictures
{
    /// <summary>The options with <see cref="QcOptions.Point"/> filled in (explicit point, label centroid or image
    /// centre), and the window (explicit, or the 1–99 percentile window of the image).</summary>
    internal static (QcOptions Options, QcWindow Window) Resolve(Volume image, Volume? labels, QcOptions? options)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= QcOptions.Default;
        options.Validate();
        Vec3 point = options.Point ?? FocusPoint(image, labels, options.FocusLabel);
        QcWindow window = options.Window ?? QcWindow.FromPercentiles(image);
        return (options with { Point = point }, window);
    }

    private static Vec3 FocusPoint(Volume image, Volume? labels, int? focusLabel)
    {
        if (labels is null)
        {
            if (focusLabel is not null)
            {
                throw new ArgumentException($"a focus label ({focusLabel}) needs a label volume", nameof(labels));
            }

            return image.Geometry.Center;
        }

        (Vec3 sum, long count) = labels.Accept(new CentroidVisitor(focusLabel));
        if (count == 0)
        {
            return focusLabel is { } label
                ? throw new ArgumentException($"label {label} does not occur in the label volume", nameof(labels))
                : image.Geometry.Center;
        }

        // The mean index maps to the mean LPS point: the index-to-point map is affine.
        return labels.Geometry.TransformContinuousIndexToPhysicalPoint(sum / count);
    }

    /// <summary>LPS z range (mm) of the image's voxel edges.</summary>
    private static (double Low, double High) SuperiorExtent(VolumeGeometry geometry) => QcFrame.Extent(geometry, new Vec3(0, 0, 1));

    // Sum of the indices of the voxels carrying the label (or any non-zero label) and their number.
    private sealed class CentroidVisitor(int? label) : IVolumeVisitor<(Vec3 Sum, long Count)>
    {
        public (Vec3 Sum, long Count) Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            Size3 size = volume.Geometry.Size;
            double sx = 0, sy = 0, sz = 0;
            long count = 0;
            for (int z = 0; z < size.Z; z++)
            {
                for (int y = 0; y < size.Y; y++)
                {
                    ReadOnlySpan<T> row = volume.GetRow(y, z);
                    for (int x = 0; x < row.Length; x++)
                    {
                        bool hit = label is { } l ? int.CreateSaturating(row[x]) == l : !T.IsZero(row[x]);
                        if (hit)
                        {
                            sx += x;
                            sy += y;
                            sz += z;
                            count++;
                        }
                    }
                }
            }

            return (new Vec3(sx, sy, sz), count);
        }
    }
}
