using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// Flat binary dilation and erosion of a 0/1 voxel set by a <see cref="StructuringElement"/> stored as x-runs.
/// For every row the distance in x to the nearest set voxel is computed once (two passes, capped at 255); a voxel is
/// in the dilation when, for some kernel row (dy, dz, w), the row (y + dy, z + dz) has distance ≤ w at x. The inner
/// loop is one vectorised compare-and-or per kernel row. Erosion is the complement of the dilation of the
/// complement. Parallel over z slices; every output row is written by one block, so results do not depend on the
/// thread count.
/// </summary>
internal static class BinaryMorphologyKernels
{
    private const int Far = 1 << 20;

    /// <summary>1 where <paramref name="voxels"/> equals <paramref name="foregroundValue"/>, else 0.</summary>
    public static byte[] ExtractSet(ReadOnlySpan<byte> voxels, byte foregroundValue)
    {
        byte[] set = new byte[voxels.Length];
        for (int i = 0; i < voxels.Length; i++)
        {
            set[i] = voxels[i] == foregroundValue ? (byte)1 : (byte)0;
        }

        return set;
    }

    /// <summary>
    /// Dilation of <paramref name="set"/>; voxels beyond the image count as set when <paramref name="outsideIsSet"/>.
    /// </summary>
    public static byte[] Dilate(byte[] set, Size3 size, StructuringElement element, bool outsideIsSet, ExecutionOptions? execution)
    {
        byte[] distance = RowDistances(set, size, outsideIsSet, execution);
        byte[] output = new byte[set.Length];
        int nx = size.X, ny = size.Y, nz = size.Z;
        Parallelism.For(nz, 1, execution, (z0, z1) =>
        {
            for (int z = z0; z < z1; z++)
            {
                for (int y = 0; y < ny; y++)
                {
                    Span<byte> accumulator = output.AsSpan(((z * ny) + y) * nx, nx);
                    foreach ((int dy, int dz, int width) in element.Rows)
                    {
                        int yy = y + dy, zz = z + dz;
                        if (yy < 0 || yy >= ny || zz < 0 || zz >= nz)
                        {
                            if (outsideIsSet)
                            {
                                accumulator.Fill(1);
                                break;
                            }

                            continue;
                        }

                        OrWithinWidth(distance.AsSpan(((zz * ny) + yy) * nx, nx), (byte)width, accumulator);
                    }
                }
            }
        });
        return output;
    }

    /// <summary>
    /// Erosion of <paramref name="set"/>; voxels beyond the image count as set when
    /// <paramref name="boundaryToForeground"/> (ITK's BinaryErode default).
    /// </summary>
    public static byte[] Erode(byte[] set, Size3 size, StructuringElement element, bool boundaryToForeground, ExecutionOptions? execution)
    {
        byte[] complement = Complement(set);
        byte[] dilated = Dilate(complement, size, element, !boundaryToForeground, execution);
        return Complement(dilated);
    }

    /// <summary>1 − set.</summary>
    public static byte[] Complement(byte[] set)
    {
        byte[] result = new byte[set.Length];
        for (int i = 0; i < set.Length; i++)
        {
            result[i] = (byte)(set[i] ^ 1);
        }

        return result;
    }

    /// <summary>The set on a grid enlarged by <paramref name="radius"/> on both sides of every axis, zero outside.</summary>
    public static byte[] Pad(byte[] set, Size3 size, KernelRadius radius, out Size3 paddedSize)
    {
        paddedSize = new Size3(size.X + (2 * radius.X), size.Y + (2 * radius.Y), size.Z + (2 * radius.Z));
        byte[] padded = new byte[paddedSize.VoxelCount];
        for (int z = 0; z < size.Z; z++)
        {
            for (int y = 0; y < size.Y; y++)
            {
                set.AsSpan(((z * size.Y) + y) * size.X, size.X)
                    .CopyTo(padded.AsSpan(((((z + radius.Z) * paddedSize.Y) + y + radius.Y) * paddedSize.X) + radius.X));
            }
        }

        return padded;
    }

    /// <summary>The inverse of <see cref="Pad"/>.</summary>
    public static byte[] Crop(byte[] padded, Size3 paddedSize, KernelRadius radius, Size3 size)
    {
        byte[] set = new byte[size.VoxelCount];
        for (int z = 0; z < size.Z; z++)
        {
            for (int y = 0; y < size.Y; y++)
            {
                padded.AsSpan(((((z + radius.Z) * paddedSize.Y) + y + radius.Y) * paddedSize.X) + radius.X, size.X)
                    .CopyTo(set.AsSpan(((z * size.Y) + y) * size.X));
            }
        }

        return set;
    }

    /// <summary>
    /// accumulator[i] |= (distance[i] ≤ width). Each lane of the vector loop holds one voxel's distance; the tail
    /// (fewer than <c>Vector&lt;byte&gt;.Count</c> voxels) goes through <see cref="OrWithinWidthScalar"/>.
    /// </summary>
    public static void OrWithinWidth(ReadOnlySpan<byte> distance, byte width, Span<byte> accumulator)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var limit = new Vector<byte>(width);
            var one = new Vector<byte>(1);
            for (; i <= distance.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                var d = new Vector<byte>(distance[i..]);
                var a = new Vector<byte>(accumulator[i..]);
                (a | (Vector.LessThanOrEqual(d, limit) & one)).CopyTo(accumulator[i..]);
            }
        }

        OrWithinWidthScalar(distance[i..], width, accumulator[i..]);
    }

    /// <summary>Scalar twin of <see cref="OrWithinWidth"/>.</summary>
    public static void OrWithinWidthScalar(ReadOnlySpan<byte> distance, byte width, Span<byte> accumulator)
    {
        for (int i = 0; i < distance.Length; i++)
        {
            accumulator[i] |= distance[i] <= width ? (byte)1 : (byte)0;
        }
    }

    /// <summary>Per row, the x distance (voxels, capped at 255) to the nearest set voxel.</summary>
    private static byte[] RowDistances(byte[] set, Size3 size, bool outsideIsSet, ExecutionOptions? execution)
    {
        byte[] distance = new byte[set.Length];
        int nx = size.X, rows = size.Y * size.Z;
        Parallelism.For(rows, 256, execution, (r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                ReadOnlySpan<byte> row = set.AsSpan(r * nx, nx);
                Span<byte> d = distance.AsSpan(r * nx, nx);
                int last = outsideIsSet ? -1 : -Far;
                for (int x = 0; x < nx; x++)
                {
                    last = row[x] != 0 ? x : last;
                    d[x] = (byte)Math.Min(255, x - last);
                }

                int next = outsideIsSet ? nx : nx + Far;
                for (int x = nx - 1; x >= 0; x--)
                {
                    next = row[x] != 0 ? x : next;
                    d[x] = (byte)Math.Min(d[x], next - x);
                }
            }
        });
        return distance;
    }
}
