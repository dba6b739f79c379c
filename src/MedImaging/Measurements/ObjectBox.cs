namespace MedImaging.Measurements;

/// <summary>
/// The index box holding every non-zero voxel of some 0/1 indicator arrays, grown by one voxel (clamped to the
/// image) so that contour tests see the same neighbours as on the full grid. Distances between objects computed on
/// the box are exact: the distance transform only takes minima over feature voxels, which all lie inside it.
/// </summary>
internal readonly record struct ObjectBox(int X0, int Y0, int Z0, Size3 Size)
{
    /// <summary>The box of the non-zero voxels of all <paramref name="indicators"/>, or null when all are empty.</summary>
    public static ObjectBox? Of(Size3 image, params byte[][] indicators)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = -1, y1 = -1, z1 = -1;
        int nx = image.X, ny = image.Y;
        foreach (byte[] indicator in indicators)
        {
            for (int z = 0; z < image.Z; z++)
            {
                for (int y = 0; y < ny; y++)
                {
                    ReadOnlySpan<byte> row = indicator.AsSpan(((z * ny) + y) * nx, nx);
                    int first = row.IndexOfAnyExcept((byte)0);
                    if (first < 0)
                    {
                        continue;
                    }

                    int last = row.LastIndexOfAnyExcept((byte)0);
                    x0 = Math.Min(x0, first);
                    x1 = Math.Max(x1, last);
                    y0 = Math.Min(y0, y);
                    y1 = Math.Max(y1, y);
                    z0 = Math.Min(z0, z);
                    z1 = Math.Max(z1, z);
                }
            }
        }

        if (x1 < 0)
        {
            return null;
        }

        x0 = Math.Max(0, x0 - 1);
        y0 = Math.Max(0, y0 - 1);
        z0 = Math.Max(0, z0 - 1);
        x1 = Math.Min(image.X - 1, x1 + 1);
        y1 = Math.Min(image.Y - 1, y1 + 1);
        z1 = Math.Min(image.Z - 1, z1 + 1);
        return new ObjectBox(x0, y0, z0, new Size3(x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1));
    }

    /// <summary>The part of <paramref name="data"/> (on a grid of <paramref name="image"/>) inside the box.</summary>
    public byte[] Crop(byte[] data, Size3 image)
    {
        byte[] result = new byte[Size.VoxelCount];
        for (int z = 0; z < Size.Z; z++)
        {
            for (int y = 0; y < Size.Y; y++)
            {
                data.AsSpan(((((z + Z0) * image.Y) + y + Y0) * image.X) + X0, Size.X).CopyTo(result.AsSpan(((z * Size.Y) + y) * Size.X));
            }
        }

        return result;
    }
}
