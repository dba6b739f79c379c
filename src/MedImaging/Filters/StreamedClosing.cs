namespace MedImaging.Filters;

/// <summary>
/// Binary closing of a 0/1 set in place, with ITK's SafeBorder semantics (the set padded by the kernel radius with
/// background, dilated with background outside, eroded with foreground outside, cropped back), streamed along z:
/// only 2·(2r<sub>z</sub> + 1) padded slices of row distances are held, never a second full-size volume.
/// <para>
/// Per padded slice t: (1) the x-distance of every row of the padded set to its nearest set voxel; (2) the dilated
/// slice t − r<sub>z</sub> row by row (a voxel is set when, for some kernel row (dy, dz, w), row (y + dy) of slice
/// (t − r<sub>z</sub> + dz) has a set voxel within w in x), of which only the x-distance to the nearest
/// <em>unset</em> voxel is kept; (3) the eroded slice t − 2r<sub>z</sub> (unset when some kernel row finds an unset
/// dilated voxel), which is OR-ed into the set's slice — closing never removes foreground, and that slice's
/// original voxels were last needed by step (1) r<sub>z</sub> slices earlier. Rows within a slice run in parallel;
/// each row is written by one block, so the result does not depend on the thread count.
/// </para>
/// </summary>
internal static class StreamedClosing
{
    private const int Far = 1 << 20;

    /// <summary>Closes the 0/1 voxels of <paramref name="set"/> (size <paramref name="size"/>, x fastest) in place.</summary>
    public static void CloseInPlace(Memory<byte> set, Size3 size, StructuringElement element, ExecutionOptions? execution)
    {
        KernelRadius r = element.Radius;
        int nx = size.X, ny = size.Y, nz = size.Z;
        int px = nx + (2 * r.X), py = ny + (2 * r.Y), pz = nz + (2 * r.Z);
        int ring = (2 * r.Z) + 1;
        int slice = px * py;
        byte[] setDistance = new byte[ring * slice];
        byte[] gapDistance = new byte[ring * slice];
        (int Dy, int Dz, int Width)[] rows = [.. element.Rows];

        for (int t = 0; t < nz + (3 * r.Z); t++)
        {
            execution?.CancellationToken.ThrowIfCancellationRequested();
            if (t < pz)
            {
                int z = t - r.Z;
                Memory<byte> target = setDistance.AsMemory((t % ring) * slice, slice);
                Parallelism.For(py, 64, execution, (y0, y1) =>
                {
                    for (int yp = y0; yp < y1; yp++)
                    {
                        int y = yp - r.Y;
                        ReadOnlySpan<byte> source = z >= 0 && z < nz && y >= 0 && y < ny ? set.Span.Slice(((z * ny) + y) * nx, nx) : [];
                        DistanceTo(source, 1, r.X, target.Span.Slice(yp * px, px));
                    }
                });
            }

            int s = t - r.Z;
            if (s >= 0 && s < pz)
            {
                Memory<byte> target = gapDistance.AsMemory((s % ring) * slice, slice);
                Parallelism.For(py, 64, execution, (y0, y1) =>
                {
                    byte[] dilated = new byte[px];
                    for (int yp = y0; yp < y1; yp++)
                    {
                        Array.Clear(dilated);
                        Accumulate(setDistance, rows, s, yp, px, py, pz, ring, 0, dilated);
                        DistanceTo(dilated, 0, 0, target.Span.Slice(yp * px, px));
                    }
                });
            }

            int e = t - (2 * r.Z);
            if (e >= r.Z && e < r.Z + nz)
            {
                int z = e - r.Z;
                Parallelism.For(ny, 64, execution, (y0, y1) =>
                {
                    byte[] gap = new byte[nx];
                    for (int y = y0; y < y1; y++)
                    {
                        Array.Clear(gap);
                        Accumulate(gapDistance, rows, e, y + r.Y, px, py, pz, ring, r.X, gap);
                        Span<byte> output = set.Span.Slice(((z * ny) + y) * nx, nx);
                        for (int x = 0; x < nx; x++)
                        {
                            output[x] |= (byte)(gap[x] ^ 1);
                        }
                    }
                });
            }
        }
    }

    /// <summary>
    /// accumulator |= (distance ≤ w) over the kernel rows, for row <paramref name="yp"/> of padded slice
    /// <paramref name="zp"/>, reading the distance rows from <paramref name="ring"/> slices; rows outside the padded
    /// grid count as far (background for the dilation, foreground for the erosion). The accumulator covers padded
    /// x from <paramref name="x0"/> on.
    /// </summary>
    private static void Accumulate(byte[] distances, (int Dy, int Dz, int Width)[] rows, int zp, int yp, int px, int py, int pz, int ring,
        int x0, byte[] accumulator)
    {
        int slice = px * py;
        foreach ((int dy, int dz, int width) in rows)
        {
            int yy = yp + dy, zz = zp + dz;
            if (yy < 0 || yy >= py || zz < 0 || zz >= pz)
            {
                continue;
            }

            ReadOnlySpan<byte> distance = distances.AsSpan(((zz % ring) * slice) + (yy * px) + x0, accumulator.Length);
            BinaryMorphologyKernels.OrWithinWidth(distance, (byte)width, accumulator);
        }
    }

    /// <summary>
    /// Per x of <paramref name="distance"/>, the distance (voxels, capped at 255) to the nearest voxel equal to
    /// <paramref name="value"/> of <paramref name="row"/>, which is placed at <paramref name="offset"/>; positions
    /// outside it never match (an empty row matches nowhere).
    /// </summary>
    private static void DistanceTo(ReadOnlySpan<byte> row, byte value, int offset, Span<byte> distance)
    {
        if (!row.Contains(value))
        {
            distance.Fill(255);
            return;
        }

        int last = -Far;
        for (int x = 0; x < distance.Length; x++)
        {
            int i = x - offset;
            last = i >= 0 && i < row.Length && row[i] == value ? x : last;
            distance[x] = (byte)Math.Min(255, x - last);
        }

        int next = distance.Length + Far;
        for (int x = distance.Length - 1; x >= 0; x--)
        {
            int i = x - offset;
            next = i >= 0 && i < row.Length && row[i] == value ? x : next;
            distance[x] = (byte)Math.Min(distance[x], next - x);
        }
    }
}
