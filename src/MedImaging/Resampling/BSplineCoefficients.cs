using System.Buffers;
using System.Numerics;

namespace MedImaging.Resampling;

/// <summary>
/// The B-spline coefficient volume of an image (ITK's <c>BSplineDecompositionImageFilter</c> output, double):
/// rows along x prefiltered one by one, then y and z with whole rows per step. Work is split into fixed blocks.
/// </summary>
internal static class BSplineCoefficients
{
    /// <summary>Bytes of one chunk of columns filtered along z together: half of one core's 1 MiB L2 here.</summary>
    private const int ChunkBytes = 512 * 1024;

    /// <summary>Computes the coefficients of <paramref name="image"/> for the given prefilter poles.</summary>
    public static double[] Compute<T>(Volume<T> image, double[] poles, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        Size3 n = image.Size;
        int slice = n.X * n.Y;
        // Every coefficient is written below (each plane is converted before it is filtered).
        double[] c = VoxelArrays.Allocate<double>((int)image.Geometry.VoxelCount, zeroed: false);
        Memory<T> input = image.Memory;
        Parallelism.For(n.Z, 1, execution, (z0, z1) =>
        {
            double[] sum = ArrayPool<double>.Shared.Rent(n.X);
            for (int z = z0; z < z1; z++)
            {
                Span<double> plane = c.AsSpan(z * slice, slice);
                VoxelConversion.ToDouble<T>(input.Span.Slice(z * slice, slice), plane);
                for (int y = 0; y < n.Y; y++)
                {
                    BSplinePrefilter.PrefilterLine(plane.Slice(y * n.X, n.X), poles);
                }

                BSplinePrefilter.PrefilterRows(plane, n.Y, n.X, n.X, poles, sum);
            }

            ArrayPool<double>.Shared.Return(sum);
        });
        PrefilterAlongZ(c, n.Z, slice, poles, execution);
        return c;
    }

    /// <summary>Prefilters a stack of <paramref name="planes"/> planes of <paramref name="plane"/> samples along the stack.</summary>
    private static void PrefilterAlongZ(double[] stack, int planes, int plane, double[] poles, ExecutionOptions? execution)
    {
        if (planes < 2 || poles.Length == 0)
        {
            return;
        }

        int chunk = Math.Max(64, ChunkBytes / (sizeof(double) * planes));
        int chunks = (plane + chunk - 1) / chunk;
        Parallelism.For(chunks, 1, execution, (c0, c1) =>
        {
            double[] sum = ArrayPool<double>.Shared.Rent(chunk);
            for (int k = c0; k < c1; k++)
            {
                int start = k * chunk, width = Math.Min(chunk, plane - start);
                BSplinePrefilter.PrefilterRows(stack.AsSpan(start), planes, plane, width, poles, sum);
            }

            ArrayPool<double>.Shared.Return(sum);
        });
    }
}
