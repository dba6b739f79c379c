using System.Buffers;
using System.Numerics;
using MedImaging.Transforms;

namespace MedImaging.Resampling;

/// <summary>
/// The general path of <see cref="Resampler"/> (rotated grids, any transform): one output row at a time, the input
/// continuous index of every voxel, ITK's inside test and a 3-D interpolation. For a matrix-offset transform the
/// index moves linearly along a row, so only the row's two ends are transformed and the voxels in between are
/// stepped as ITK 5.2's <c>ResampleImageFilter</c> does (c = c₀ + (i / n)·(cₙ − c₀)); other transforms are
/// evaluated point by point. Output slices run in parallel.
/// </summary>
internal static class GeneralResampler
{
    public static void Run<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, ITransform transform, InterpolatorType interpolator,
        double defaultPixelValue, IntegerConversion conversion, ExecutionOptions? execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        int order = interpolator.SplineOrder();
        double[] poles = BSplineKernel.Poles(Math.Max(0, order));
        if (poles.Length > 0)
        {
            double[] coefficients = BSplineCoefficients.Compute(image, poles, execution);
            RunOn<double, TOut>(coefficients, image.Geometry, output, transform, interpolator, defaultPixelValue, conversion, execution);
        }
        else
        {
            RunOn<TIn, TOut>(image.Memory, image.Geometry, output, transform, interpolator, defaultPixelValue, conversion, execution);
        }
    }

    private static void RunOn<TS, TOut>(ReadOnlyMemory<TS> samples, VolumeGeometry input, Volume<TOut> output, ITransform transform,
        InterpolatorType interpolator, double defaultPixelValue, IntegerConversion conversion, ExecutionOptions? execution)
        where TS : unmanaged, INumber<TS>
        where TOut : unmanaged, INumber<TOut>
    {
        VolumeGeometry geometry = output.Geometry;
        Size3 m = geometry.Size;
        bool linearTransform = transform is IMatrixOffsetTransform;
        Memory<TOut> result = output.Memory;
        Parallelism.For(m.Z, 1, execution, (z0, z1) =>
        {
            double[] buffer = ArrayPool<double>.Shared.Rent(m.X);
            ReadOnlySpan<TS> data = samples.Span;
            Span<double> weights = stackalloc double[PointInterpolator.ScratchLength];
            Span<int> taps = stackalloc int[PointInterpolator.ScratchLength];
            for (int z = z0; z < z1; z++)
            {
                for (int y = 0; y < m.Y; y++)
                {
                    Vec3 start = ContinuousIndex(input, geometry, transform, 0, y, z);
                    Vec3 step = linearTransform ? ContinuousIndex(input, geometry, transform, m.X, y, z) - start : Vec3.Zero;
                    Span<double> values = buffer.AsSpan(0, m.X);
                    for (int x = 0; x < m.X; x++)
                    {
                        Vec3 c = linearTransform ? start + step * ((double)x / m.X) : ContinuousIndex(input, geometry, transform, x, y, z);
                        values[x] = input.IsInsideContinuous(c)
                            ? PointInterpolator.Evaluate(data, input.Size, c, interpolator, weights, taps)
                            : defaultPixelValue;
                    }

                    VoxelConversion.FromDouble(values, result.Span.Slice((z * m.Y + y) * m.X, m.X), conversion);
                }
            }

            ArrayPool<double>.Shared.Return(buffer);
        });
    }

    private static Vec3 ContinuousIndex(VolumeGeometry input, VolumeGeometry output, ITransform transform, int x, int y, int z) =>
        input.TransformPhysicalPointToContinuousIndex(transform.TransformPoint(output.TransformIndexToPhysicalPoint(x, y, z)));
}
