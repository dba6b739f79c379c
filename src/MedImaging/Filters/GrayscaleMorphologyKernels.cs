using System.Numerics;
using System.Numerics.Tensors;

namespace MedImaging.Filters;

/// <summary>
/// Flat grayscale dilation (max) and erosion (min) by a symmetric <see cref="StructuringElement"/> stored as x-runs:
/// the running max/min of every row over ±w voxels is built for w = 1, 2, … by widening the previous one by one
/// voxel (two <see cref="TensorPrimitives"/> max/min calls per row), then each output row is the max/min of the
/// kernel rows' widened input rows. Voxels beyond the image are ignored (ITK's boundary: the type's minimum for
/// dilation, maximum for erosion). Parallel over z slices; each output row is written by one block.
/// </summary>
internal static class GrayscaleMorphologyKernels
{
    public static T[] Apply<T>(T[] data, Size3 size, StructuringElement element, bool dilate, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        int nx = size.X, ny = size.Y, nz = size.Z;
        int widest = element.Rows.Max(r => r.HalfWidth);
        var widened = new T[widest + 1][];
        widened[0] = data;
        for (int w = 1; w <= widest; w++)
        {
            T[] previous = widened[w - 1];
            T[] next = new T[data.Length];
            Parallelism.For(ny * nz, 256, execution, (r0, r1) =>
            {
                for (int r = r0; r < r1; r++)
                {
                    Widen(previous.AsSpan(r * nx, nx), next.AsSpan(r * nx, nx), dilate);
                }
            });
            widened[w] = next;
        }

        T[] output = new T[data.Length];
        Parallelism.For(nz, 1, execution, (z0, z1) =>
        {
            for (int z = z0; z < z1; z++)
            {
                for (int y = 0; y < ny; y++)
                {
                    Span<T> result = output.AsSpan(((z * ny) + y) * nx, nx);
                    bool first = true;
                    foreach ((int dy, int dz, int width) in element.Rows)
                    {
                        int yy = y + dy, zz = z + dz;
                        if (yy < 0 || yy >= ny || zz < 0 || zz >= nz)
                        {
                            continue;
                        }

                        ReadOnlySpan<T> row = widened[width].AsSpan(((zz * ny) + yy) * nx, nx);
                        if (first)
                        {
                            row.CopyTo(result);
                            first = false;
                        }
                        else
                        {
                            Combine(result, row, result, dilate);
                        }
                    }
                }
            }
        });
        return output;
    }

    /// <summary>next[x] = max/min(previous[x − 1], previous[x], previous[x + 1]) within the row.</summary>
    private static void Widen<T>(ReadOnlySpan<T> previous, Span<T> next, bool dilate)
        where T : unmanaged, INumber<T>
    {
        previous.CopyTo(next);
        if (previous.Length < 2)
        {
            return;
        }

        Combine(next[1..], previous[..^1], next[1..], dilate);
        Combine(next[..^1], previous[1..], next[..^1], dilate);
    }

    private static void Combine<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, bool dilate)
        where T : unmanaged, INumber<T>
    {
        if (dilate)
        {
            TensorPrimitives.Max(a, b, destination);
        }
        else
        {
            TensorPrimitives.Min(a, b, destination);
        }
    }
}
