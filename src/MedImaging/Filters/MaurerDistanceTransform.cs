namespace MedImaging.Filters;

/// <summary>
/// The exact Euclidean distance transform of Maurer, Qi and Raghavan (IEEE PAMI 25:265, 2003) as ITK's
/// <c>SignedMaurerDistanceMapImageFilter</c> runs it: the features are the object's contour voxels (object voxels
/// with a background voxel among their 26 neighbours inside the image); one pass per axis (x, y, z) builds, along
/// each line, the lower envelope of the parabolas centred on the partial results of the previous pass and reads
/// the squared distance off it. Linear in the voxel count; lines of one pass are independent and run in fixed
/// blocks, so results do not depend on the thread count.
/// </summary>
internal static class MaurerDistanceTransform
{
    private const int Tile = 16;

    /// <summary>1 where <paramref name="isObject"/> is 1 and a 26-neighbour inside the image is 0.</summary>
    public static byte[] Contour(byte[] isObject, Size3 size)
    {
        int nx = size.X, ny = size.Y, nz = size.Z;
        // Background grown by one voxel in x, then y, then z (a 3×3×3 box dilation of the background).
        byte[] grown = new byte[isObject.Length];
        for (int i = 0; i < grown.Length; i++)
        {
            grown[i] = (byte)(isObject[i] ^ 1);
        }

        Grow(grown, nx, 1);
        Grow(grown, ny, nx);
        Grow(grown, nz, nx * ny);
        byte[] contour = new byte[isObject.Length];
        for (int i = 0; i < contour.Length; i++)
        {
            contour[i] = (byte)(isObject[i] & grown[i]);
        }

        return contour;
    }

    /// <summary>
    /// Squared Euclidean distance from every voxel to the nearest feature voxel, in mm² when
    /// <paramref name="spacing"/> is the voxel spacing (voxel² with spacing 1); +∞ when there is no feature.
    /// </summary>
    public static double[] SquaredDistance(byte[] feature, Size3 size, Vec3 spacing, ExecutionOptions? execution)
    {
        double[] distance = new double[feature.Length];
        for (int i = 0; i < distance.Length; i++)
        {
            distance[i] = feature[i] != 0 ? 0 : double.PositiveInfinity;
        }

        int nx = size.X, ny = size.Y, nz = size.Z;
        Parallelism.For(ny * nz, 64, execution, (first, last) =>
        {
            var scratch = new LineScratch(nx);
            for (int line = first; line < last; line++)
            {
                Span<double> values = distance.AsSpan(line * nx, nx);
                values.CopyTo(scratch.Input);
                Envelope(scratch, nx, spacing.X);
                scratch.Output.AsSpan(0, nx).CopyTo(values);
            }
        });
        PassAcrossRows(distance, nx, ny, nz, stride: nx, outerStride: nx * ny, spacing.Y, execution);
        PassAcrossRows(distance, nx, nz, ny, stride: nx * ny, outerStride: nx, spacing.Z, execution);
        return distance;
    }

    /// <summary>
    /// One pass along an axis whose lines have stride <paramref name="stride"/>; x-adjacent lines are handled
    /// <see cref="Tile"/> at a time through a small transposed buffer so the strided reads stay cache friendly.
    /// </summary>
    private static void PassAcrossRows(double[] distance, int nx, int length, int outerCount, int stride, int outerStride, double spacing, ExecutionOptions? execution)
    {
        int tiles = (nx + Tile - 1) / Tile;
        Parallelism.For(outerCount * tiles, 16, execution, (first, last) =>
        {
            var scratch = new LineScratch(length);
            double[] block = new double[length * Tile];
            for (int job = first; job < last; job++)
            {
                int outer = job / tiles;
                int x0 = (job % tiles) * Tile;
                int width = Math.Min(Tile, nx - x0);
                int start = (outer * outerStride) + x0;
                for (int i = 0; i < length; i++)
                {
                    distance.AsSpan(start + (i * stride), width).CopyTo(block.AsSpan(i * Tile));
                }

                for (int t = 0; t < width; t++)
                {
                    for (int i = 0; i < length; i++)
                    {
                        scratch.Input[i] = block[(i * Tile) + t];
                    }

                    Envelope(scratch, length, spacing);
                    for (int i = 0; i < length; i++)
                    {
                        block[(i * Tile) + t] = scratch.Output[i];
                    }
                }

                for (int i = 0; i < length; i++)
                {
                    block.AsSpan(i * Tile, width).CopyTo(distance.AsSpan(start + (i * stride)));
                }
            }
        });
    }

    /// <summary>
    /// Maurer's Voronoi step on one line: <c>Input</c> holds squared distances within the lower dimensions (+∞ for
    /// none); <c>Output</c> receives min over j of Input[j] + ((i − j)·spacing)². Lines without any finite value
    /// are copied unchanged (ITK leaves them untouched).
    /// </summary>
    private static void Envelope(LineScratch s, int n, double spacing)
    {
        int l = -1;
        for (int i = 0; i < n; i++)
        {
            double di = s.Input[i];
            if (double.IsPositiveInfinity(di))
            {
                continue;
            }

            double iw = i * spacing;
            while (l >= 1 && Remove(s.G[l - 1], s.G[l], di, s.H[l - 1], s.H[l], iw))
            {
                l--;
            }

            l++;
            s.G[l] = di;
            s.H[l] = iw;
        }

        if (l == -1)
        {
            s.Input.AsSpan(0, n).CopyTo(s.Output);
            return;
        }

        int top = l;
        l = 0;
        for (int i = 0; i < n; i++)
        {
            double iw = i * spacing;
            double d1 = s.G[l] + ((s.H[l] - iw) * (s.H[l] - iw));
            while (l < top)
            {
                double d2 = s.G[l + 1] + ((s.H[l + 1] - iw) * (s.H[l + 1] - iw));
                if (d1 <= d2)
                {
                    break;
                }

                l++;
                d1 = d2;
            }

            s.Output[i] = d1;
        }
    }

    /// <summary>Whether the middle parabola (d2 at x2) is hidden by its neighbours (Maurer's test).</summary>
    private static bool Remove(double d1, double d2, double df, double x1, double x2, double xf)
    {
        double a = x2 - x1;
        double b = xf - x2;
        double c = xf - x1;
        return (c * d2) - (b * d1) - (a * df) - (a * b * c) > 0;
    }

    /// <summary>Grows 1s by one voxel along the lines of <paramref name="length"/> voxels at <paramref name="stride"/>.</summary>
    private static void Grow(byte[] data, int length, int stride)
    {
        int starts = data.Length / length;
        for (int s = 0; s < starts; s++)
        {
            // Line s: block s / stride of stride·length voxels, offset s % stride inside it.
            int start = (s / stride * stride * length) + (s % stride);
            byte previous = 0;
            for (int i = 0; i < length; i++)
            {
                int at = start + (i * stride);
                byte current = data[at];
                byte next = i + 1 < length ? data[at + stride] : (byte)0;
                data[at] = (byte)(current | previous | next);
                previous = current;
            }
        }
    }

    private sealed class LineScratch(int length)
    {
        public double[] Input { get; } = new double[length];

        public double[] Output { get; } = new double[length];

        public double[] G { get; } = new double[length];

        public double[] H { get; } = new double[length];
    }
}
