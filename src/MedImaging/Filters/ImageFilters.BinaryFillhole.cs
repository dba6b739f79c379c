namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Fills holes as SimpleITK's <c>BinaryFillhole</c> (ITK <c>BinaryFillholeImageFilter</c>): the connected
    /// components of the non-foreground voxels (6-connected, or 26 with <paramref name="fullyConnected"/>) that do
    /// not touch the image border become <paramref name="foregroundValue"/>; every other voxel keeps its value.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="fullyConnected">Connectivity of the background components (SimpleITK default false: 6).</param>
    /// <param name="foregroundValue">The object value (SimpleITK default 1).</param>
    /// <param name="execution">Cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static Volume<byte> BinaryFillhole(Volume<byte> image, bool fullyConnected = false, byte foregroundValue = 1, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var background = new Volume<byte>(image.Geometry, BinaryMorphologyKernels.Complement(BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue)));
        Volume<uint> components = ConnectedComponent(background, fullyConnected, execution);
        Size3 size = image.Size;
        bool[] touchesBorder = new bool[System.Numerics.Tensors.TensorPrimitives.Max<uint>(components.Voxels) + 1];
        touchesBorder[0] = true;
        for (int z = 0; z < size.Z; z++)
        {
            for (int y = 0; y < size.Y; y++)
            {
                ReadOnlySpan<uint> row = components.GetRow(y, z);
                bool borderRow = z == 0 || z == size.Z - 1 || y == 0 || y == size.Y - 1;
                if (borderRow)
                {
                    foreach (uint l in row)
                    {
                        touchesBorder[l] = true;
                    }
                }
                else
                {
                    touchesBorder[row[0]] = true;
                    touchesBorder[row[^1]] = true;
                }
            }
        }

        var output = image.Clone();
        ReadOnlySpan<uint> labels = components.Voxels;
        Span<byte> result = output.Voxels;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!touchesBorder[labels[i]])
            {
                result[i] = foregroundValue;
            }
        }

        return output;
    }
}
