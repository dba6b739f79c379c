using System.Numerics;
using MedImaging.Resampling;

namespace MedImaging.Clinical.Qc;

/// <summary>
/// Samples a volume on a <see cref="QcFrame"/> in world space: intensities with ITK's linear interpolation, labels
/// with ITK's nearest neighbour (round half up), both only where the pixel centre passes ITK's inside test
/// (continuous index in [−0.5, n − 0.5)); outside pixels are NaN (intensities) or 0 (labels). Rows are independent,
/// so the result is the same for any thread count.
/// </summary>
internal static class PlaneSampler
{
    private const int RowsPerBlock = 16;

    /// <summary>Interpolated intensities, row-major (NaN outside the image).</summary>
    public static double[] Intensities(Volume image, QcFrame frame, ExecutionOptions? execution) =>
        image.Accept(new IntensityVisitor(frame, execution));

    /// <summary>Nearest-neighbour labels, row-major (0 outside the label volume); values saturate to int.</summary>
    public static int[] Labels(Volume labels, QcFrame frame, ExecutionOptions? execution) =>
        labels.Accept(new LabelVisitor(frame, execution));

    // Continuous index of the row's first pixel and its change per column (the map is affine along a row).
    private static (Vec3 Start, Vec3 Step) RowIndex(VolumeGeometry geometry, QcFrame frame, int row) =>
        (geometry.TransformPhysicalPointToContinuousIndex(frame.PixelToPhysicalPoint(0, row)),
         geometry.PhysicalToIndexMatrix * (frame.ColumnDirection * frame.PixelSpacing));

    private sealed class IntensityVisitor(QcFrame frame, ExecutionOptions? execution) : IVolumeVisitor<double[]>
    {
        public double[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            var values = new double[frame.Width * frame.Height];
            VolumeGeometry geometry = volume.Geometry;
            Parallelism.For(frame.Height, RowsPerBlock, execution, (first, last) =>
            {
                ReadOnlySpan<T> voxels = volume.Voxels;
                for (int row = first; row < last; row++)
                {
                    (Vec3 start, Vec3 step) = RowIndex(geometry, frame, row);
                    Span<double> line = values.AsSpan(row * frame.Width, frame.Width);
                    for (int column = 0; column < line.Length; column++)
                    {
                        Vec3 c = start + step * column;
                        line[column] = geometry.IsInsideContinuous(c)
                            ? PointInterpolator.Evaluate(voxels, geometry.Size, c, InterpolatorType.Linear, default, default)
                            : double.NaN;
                    }
                }
            });
            return values;
        }
    }

    private sealed class LabelVisitor(QcFrame frame, ExecutionOptions? execution) : IVolumeVisitor<int[]>
    {
        public int[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            var labels = new int[frame.Width * frame.Height];
            VolumeGeometry geometry = volume.Geometry;
            Parallelism.For(frame.Height, RowsPerBlock, execution, (first, last) =>
            {
                for (int row = first; row < last; row++)
                {
                    (Vec3 start, Vec3 step) = RowIndex(geometry, frame, row);
                    Span<int> line = labels.AsSpan(row * frame.Width, frame.Width);
                    for (int column = 0; column < line.Length; column++)
                    {
                        Vec3 c = start + step * column;
                        if (geometry.IsInsideContinuous(c))
                        {
                            line[column] = int.CreateSaturating(volume[(int)Math.Floor(c.X + 0.5), (int)Math.Floor(c.Y + 0.5), (int)Math.Floor(c.Z + 0.5)]);
                        }
                    }
                }
            });
            return labels;
        }
    }
}
