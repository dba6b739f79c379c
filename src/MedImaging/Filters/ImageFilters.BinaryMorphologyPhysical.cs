namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Binary dilation by a ball of <paramref name="radiusMm"/> millimetres (spacing-aware, exact): a voxel becomes
    /// <paramref name="foregroundValue"/> when the Euclidean distance in mm between its centre and the centre of a
    /// foreground voxel is ≤ the radius (computed with the exact distance transform, no kernel approximation).
    /// Other voxels keep their value; outside the image counts as background.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="radiusMm">Ball radius, mm (≥ 0).</param>
    /// <param name="foregroundValue">The value dilated (default 1).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radiusMm"/> is negative.</exception>
    public static Volume<byte> BinaryDilatePhysical(Volume<byte> image, double radiusMm, byte foregroundValue = 1, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMm);
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        return Compose(image, DilateWithin(set, image.Size, image.Geometry.Spacing, radiusMm, execution), foregroundValue, erodedValue: null);
    }

    /// <summary>
    /// Binary erosion by a ball of <paramref name="radiusMm"/> mm: a foreground voxel stays only when no
    /// non-foreground voxel centre lies within the radius (voxels beyond the image count as foreground, ITK's
    /// BinaryErode default); removed voxels become <paramref name="backgroundValue"/>.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="radiusMm">Ball radius, mm (≥ 0).</param>
    /// <param name="backgroundValue">Value of removed voxels (default 0).</param>
    /// <param name="foregroundValue">The value eroded (default 1).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radiusMm"/> is negative.</exception>
    public static Volume<byte> BinaryErodePhysical(Volume<byte> image, double radiusMm, byte backgroundValue = 0, byte foregroundValue = 1,
        ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMm);
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        return Compose(image, ErodeWithin(set, image.Size, image.Geometry.Spacing, radiusMm, execution), foregroundValue, backgroundValue);
    }

    /// <summary>
    /// Binary closing by a ball of <paramref name="radiusMm"/> mm (dilation then erosion, exact distances) with
    /// SimpleITK's SafeBorder semantics: the image is padded by the radius first so border objects close as if the
    /// image went on; foreground voxels are never removed.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="radiusMm">Ball radius, mm (≥ 0).</param>
    /// <param name="foregroundValue">The value closed (default 1).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radiusMm"/> is negative.</exception>
    public static Volume<byte> BinaryMorphologicalClosingPhysical(Volume<byte> image, double radiusMm, byte foregroundValue = 1, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMm);
        Vec3 spacing = image.Geometry.Spacing;
        var pad = new KernelRadius(PadVoxels(radiusMm, spacing.X), PadVoxels(radiusMm, spacing.Y), PadVoxels(radiusMm, spacing.Z));
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        byte[] padded = BinaryMorphologyKernels.Pad(set, image.Size, pad, out Size3 paddedSize);
        byte[] dilated = DilateWithin(padded, paddedSize, spacing, radiusMm, execution);
        byte[] closed = ErodeWithin(dilated, paddedSize, spacing, radiusMm, execution);
        return Compose(image, BinaryMorphologyKernels.Crop(closed, paddedSize, pad, image.Size), foregroundValue, erodedValue: null);
    }

    /// <summary>
    /// Binary opening by a ball of <paramref name="radiusMm"/> mm: erosion then dilation with exact distances;
    /// removed foreground voxels become <paramref name="backgroundValue"/>.
    /// </summary>
    /// <param name="image">The mask.</param>
    /// <param name="radiusMm">Ball radius, mm (≥ 0).</param>
    /// <param name="backgroundValue">Value of removed voxels (default 0).</param>
    /// <param name="foregroundValue">The value opened (default 1).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A new mask on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radiusMm"/> is negative.</exception>
    public static Volume<byte> BinaryMorphologicalOpeningPhysical(Volume<byte> image, double radiusMm, byte backgroundValue = 0, byte foregroundValue = 1,
        ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMm);
        Vec3 spacing = image.Geometry.Spacing;
        byte[] set = BinaryMorphologyKernels.ExtractSet(image.Voxels, foregroundValue);
        byte[] eroded = ErodeWithin(set, image.Size, spacing, radiusMm, execution);
        return Compose(image, DilateWithin(eroded, image.Size, spacing, radiusMm, execution), foregroundValue, backgroundValue);
    }

    private static int PadVoxels(double radiusMm, double spacing) => (int)Math.Floor(radiusMm / spacing) + 1;

    /// <summary>1 where the squared distance (mm²) to a voxel of <paramref name="set"/> is ≤ r².</summary>
    private static byte[] DilateWithin(byte[] set, Size3 size, Vec3 spacing, double radiusMm, ExecutionOptions? execution)
    {
        double[] squared = MaurerDistanceTransform.SquaredDistance(set, size, spacing, execution);
        double limit = radiusMm * radiusMm;
        byte[] result = new byte[set.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = squared[i] <= limit ? (byte)1 : (byte)0;
        }

        return result;
    }

    /// <summary>The complement of the dilation of the complement (outside the image counts as set).</summary>
    private static byte[] ErodeWithin(byte[] set, Size3 size, Vec3 spacing, double radiusMm, ExecutionOptions? execution) =>
        BinaryMorphologyKernels.Complement(DilateWithin(BinaryMorphologyKernels.Complement(set), size, spacing, radiusMm, execution));
}
