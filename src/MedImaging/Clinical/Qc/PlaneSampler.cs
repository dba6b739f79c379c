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

    private interface IPointSampler<TOut>
    {
        TOut Outside { get; }

        TOut Sample(Vec3 continuousIndex);
    }

    /// <summary>Interpolated intensities, row-major (NaN outside the image).</summary>
    public static double[] Intensities(Volume image, QcFrame frame, ExecutionOptions? execution) =>
        image.Accept(new IntensityVisitor(frame, execution));

    /// <summary>Nearest-neighbour labels, row-major (0 outside the label volume); values saturate to int.</summary>
    public static int[] Labels(Volume labels, QcFrame frame, ExecutionOptions? execution) =>
        labels.Accept(new LabelVisitor(frame, execution));

    // Per row: the continuous index of the first pixel and its change per column (the map is affine along a row).
    private static TOut[] Sample<TOut, TSampler>(VolumeGeometry geometry, QcFrame frame, ExecutionOptions? execution, TSampler sampler)
        where TSampler : struct, IPointSampler<TOut>
    {
        var output = new TOut[frame.Width * frame.Height];
        Vec3 step = geometry.PhysicalToIndexMatrix * (frame.ColumnDirection * frame.PixelSpacing);
        Parallelism.For(frame.Height, RowsPerBlock, execution, (first, last) =>
        {
            for (int row = first; row < last; row++)
            {
                Vec3 start = geometry.TransformPhysicalPointToContinuousIndex(frame.PixelToPhysicalPoint(0, row));
                Span<TOut> line = output.AsSpan(row * frame.Width, frame.Width);
                for (int column = 0; column < line.Length; column++)
                {
                    Vec3 c = start + step * column;
                    line[column] = geometry.IsInsideContinuous(c) ? sampler.Sample(c) : sampler.Outside;
                }
            }
        });
        return output;
    }

    private readonly struct LinearSampler<T>(Volume<T> volume) : IPointSampler<double>
        where T : unmanaged, INumber<T>
    {
        public double Outside => double.NaN;

        public double Sample(Vec3 continuousIndex) =>
            PointInterpolator.Evaluate<T>(volume.Voxels, volume.Geometry.Size, continuousIndex, InterpolatorType.Linear, default, default);
    }

    private readonly struct NearestLabelSampler<T>(Volume<T> volume) : IPointSampler<int>
        where T : unmanaged, INumber<T>
    {
        public int Outside => 0;

        public int Sample(Vec3 c) =>
            int.CreateSaturating(volume[(int)Math.Floor(c.X + 0.5), (int)Math.Floor(c.Y + 0.5), (int)Math.Floor(c.Z + 0.5)]);
    }

    private sealed class IntensityVisitor(QcFrame frame, ExecutionOptions? execution) : IVolumeVisitor<double[]>
    {
        public double[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            Sample<double, LinearSampler<T>>(volume.Geometry, frame, execution, new LinearSampler<T>(volume));
    }

    private sealed class LabelVisitor(QcFrame frame, ExecutionOptions? execution) : IVolumeVisitor<int[]>
    {
        public int[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> =>
            Sample<int, NearestLabelSampler<T>>(volume.Geometry, frame, execution, new NearestLabelSampler<T>(volume));
    }
}
