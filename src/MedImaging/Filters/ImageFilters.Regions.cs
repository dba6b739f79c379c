using System.Numerics;

namespace MedImaging.Filters;

/// <summary>Region extraction and padding (ITK's ImageGrid module, SimpleITK's names).</summary>
public static partial class ImageFilters
{
    /// <summary>
    /// The sub-volume of <paramref name="size"/> voxels starting at index <paramref name="index"/> (SimpleITK
    /// <c>RegionOfInterest(image, size, index)</c>); spacing and direction kept, origin = LPS centre of the first voxel.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The region does not lie inside the volume or a size is below 1.</exception>
    public static Volume<T> RegionOfInterest<T>(Volume<T> image, Size3 size, (int X, int Y, int Z) index, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        Size3 n = image.Size;
        int[] start = [index.X, index.Y, index.Z];
        for (int a = 0; a < 3; a++)
        {
            if (size[a] < 1 || start[a] < 0 || (long)start[a] + size[a] > n[a])
            {
                throw new ArgumentOutOfRangeException(nameof(size), $"region index ({index.X}, {index.Y}, {index.Z}) size {size} does not lie inside the volume of size {n}");
            }
        }

        return Remap(image, size, start, (a, o) => o + start[a], T.Zero, execution);
    }

    /// <summary>
    /// Removes <paramref name="lowerBoundaryCropSize"/> voxels before and <paramref name="upperBoundaryCropSize"/>
    /// after the data on each axis (SimpleITK <c>Crop</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A crop size is negative or nothing would remain.</exception>
    public static Volume<T> Crop<T>(Volume<T> image, Size3 lowerBoundaryCropSize, Size3 upperBoundaryCropSize, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        Size3 n = image.Size;
        var size = new int[3];
        for (int a = 0; a < 3; a++)
        {
            size[a] = n[a] - lowerBoundaryCropSize[a] - upperBoundaryCropSize[a];
            if (lowerBoundaryCropSize[a] < 0 || upperBoundaryCropSize[a] < 0 || size[a] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(lowerBoundaryCropSize), $"cropping {lowerBoundaryCropSize} and {upperBoundaryCropSize} voxels from a volume of size {n} leaves nothing on axis {a}");
            }
        }

        return RegionOfInterest(image, new Size3(size[0], size[1], size[2]),
            (lowerBoundaryCropSize.X, lowerBoundaryCropSize.Y, lowerBoundaryCropSize.Z), execution);
    }

    /// <summary>
    /// Adds voxels of value <paramref name="constant"/> around the volume (SimpleITK <c>ConstantPad</c>); the origin
    /// moves so existing voxels keep their LPS positions.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pad size is negative or the result would be too large.</exception>
    public static Volume<T> ConstantPad<T>(Volume<T> image, Size3 padLowerBound, Size3 padUpperBound, T constant = default, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        Size3 size = PaddedSize(image, padLowerBound, padUpperBound, execution);
        Size3 n = image.Size;
        return Remap(image, size, [-padLowerBound.X, -padLowerBound.Y, -padLowerBound.Z], (a, o) =>
        {
            int i = o - padLowerBound[a];
            return i >= 0 && i < n[a] ? i : -1;
        }, constant, execution);
    }

    /// <summary>
    /// Pads with a mirrored copy of the volume (SimpleITK <c>MirrorPad</c>, ITK <c>MirrorPadImageFilter</c>): the
    /// voxel k positions outside an edge takes the value k − 1 positions inside it (the edge voxel repeats:
    /// … b a | a b c … ), reflecting again for pads wider than the volume.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pad size is negative or the result would be too large.</exception>
    public static Volume<T> MirrorPad<T>(Volume<T> image, Size3 padLowerBound, Size3 padUpperBound, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        Size3 size = PaddedSize(image, padLowerBound, padUpperBound, execution);
        Size3 n = image.Size;
        return Remap(image, size, [-padLowerBound.X, -padLowerBound.Y, -padLowerBound.Z], (a, o) =>
        {
            long period = 2L * n[a];
            long j = ((o - padLowerBound[a]) % period + period) % period;
            return (int)(j < n[a] ? j : period - 1 - j);
        }, T.Zero, execution);
    }

    private static Size3 PaddedSize<T>(Volume<T> image, Size3 padLowerBound, Size3 padUpperBound, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        var size = new long[3];
        for (int a = 0; a < 3; a++)
        {
            if (padLowerBound[a] < 0 || padUpperBound[a] < 0)
            {
                throw new ArgumentOutOfRangeException(padLowerBound[a] < 0 ? nameof(padLowerBound) : nameof(padUpperBound),
                    $"pad sizes {padLowerBound} and {padUpperBound} must not be negative");
            }

            size[a] = (long)image.Size[a] + padLowerBound[a] + padUpperBound[a];
        }

        long count = size[0] * size[1] * size[2];
        if (size.Any(s => s > int.MaxValue) || count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(padUpperBound), $"padding {image.Size} by {padLowerBound} and {padUpperBound} gives {size[0]}x{size[1]}x{size[2]} voxels, more than one buffer can hold");
        }

        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(count * PixelTypes.Of<T>().SizeInBytes(), "padded volume");
        return new Size3((int)size[0], (int)size[1], (int)size[2]);
    }

    /// <summary>
    /// Builds an output of <paramref name="size"/> whose voxel (x, y, z) copies input voxel (mapX(x), mapY(y),
    /// mapZ(z)), or <paramref name="fill"/> where any map gives −1. The output origin is the LPS point of input
    /// continuous index <paramref name="first"/> (the input index of output voxel 0).
    /// </summary>
    private static Volume<T> Remap<T>(Volume<T> image, Size3 size, int[] first, Func<int, int, int> map, T fill, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        VolumeGeometry g = image.Geometry;
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(size.VoxelCount * PixelTypes.Of<T>().SizeInBytes(), "output volume");
        var geometry = new VolumeGeometry(size, g.Spacing, g.TransformContinuousIndexToPhysicalPoint(new Vec3(first[0], first[1], first[2])), g.Direction);
        int[][] tables = new int[3][];
        for (int a = 0; a < 3; a++)
        {
            tables[a] = new int[size[a]];
            for (int o = 0; o < size[a]; o++)
            {
                tables[a][o] = map(a, o);
            }
        }

        var output = new Volume<T>(geometry);
        Memory<T> source = image.Memory, target = output.Memory;
        Size3 n = image.Size;
        Parallelism.For(size.Z, 4, execution, (z0, z1) =>
        {
            ReadOnlySpan<T> from = source.Span;
            Span<T> to = target.Span;
            for (int z = z0; z < z1; z++)
            {
                for (int y = 0; y < size.Y; y++)
                {
                    Span<T> row = to.Slice((z * size.Y + y) * size.X, size.X);
                    int zi = tables[2][z], yi = tables[1][y];
                    if (zi < 0 || yi < 0)
                    {
                        row.Fill(fill);
                        continue;
                    }

                    ReadOnlySpan<T> src = from.Slice((zi * n.Y + yi) * n.X, n.X);
                    for (int x = 0; x < row.Length; x++)
                    {
                        int xi = tables[0][x];
                        row[x] = xi < 0 ? fill : src[xi];
                    }
                }
            }
        });
        return output;
    }

    /// <summary>
    /// <see cref="RegionOfInterest{T}"/> for a volume of any voxel type: the sub-volume of <paramref name="size"/>
    /// voxels starting at index <paramref name="index"/>, in the input's voxel type.
    /// </summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="size">Voxels of the region per axis, each ≥ 1.</param>
    /// <param name="index">Index of the region's first voxel in the input.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>The region; spacing and direction kept, origin = LPS centre of its first voxel (mm).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The region does not lie inside the volume or a size is below 1.</exception>
    public static Volume RegionOfInterest(Volume image, Size3 size, (int X, int Y, int Z) index, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new RegionOfInterestVisitor(size, index, execution));

    /// <summary><see cref="Crop{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="lowerBoundaryCropSize">Voxels removed before the data on each axis, each ≥ 0.</param>
    /// <param name="upperBoundaryCropSize">Voxels removed after the data on each axis, each ≥ 0.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>The cropped volume; voxels keep their LPS positions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A crop size is negative or nothing would remain.</exception>
    public static Volume Crop(Volume image, Size3 lowerBoundaryCropSize, Size3 upperBoundaryCropSize, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new CropVisitor(lowerBoundaryCropSize, upperBoundaryCropSize, execution));

    /// <summary>
    /// <see cref="ConstantPad{T}"/> for a volume of any voxel type; the voxel type is kept and
    /// <paramref name="constant"/> must be a value of it.
    /// </summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="padLowerBound">Voxels added before the data on each axis, each ≥ 0.</param>
    /// <param name="padUpperBound">Voxels added after the data on each axis, each ≥ 0.</param>
    /// <param name="constant">Value of the added voxels, in the image's units: an integer in the type's range for an
    /// integer image; rounded to the nearest value for a float image (default 0).</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>The padded volume; the origin moves so existing voxels keep their LPS positions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pad size is negative, the result would be too large, or
    /// <paramref name="constant"/> is not a value of the image's integer voxel type.</exception>
    /// <exception cref="MedImagingException">The output exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume ConstantPad(Volume image, Size3 padLowerBound, Size3 padUpperBound, double constant = 0, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new ConstantPadVisitor(padLowerBound, padUpperBound, constant, execution));

    /// <summary><see cref="MirrorPad{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="padLowerBound">Voxels added before the data on each axis, each ≥ 0.</param>
    /// <param name="padUpperBound">Voxels added after the data on each axis, each ≥ 0.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>The padded volume; the origin moves so existing voxels keep their LPS positions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pad size is negative or the result would be too large.</exception>
    /// <exception cref="MedImagingException">The output exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume MirrorPad(Volume image, Size3 padLowerBound, Size3 padUpperBound, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new MirrorPadVisitor(padLowerBound, padUpperBound, execution));

    /// <summary><paramref name="constant"/> as a <typeparamref name="T"/>, refused when an integer type cannot hold it exactly.</summary>
    private static T PadConstant<T>(double constant)
        where T : unmanaged, INumber<T>
    {
        T value = T.CreateSaturating(constant);
        PixelType type = PixelTypes.Of<T>();
        if (!type.IsFloatingPoint() && double.CreateTruncating(value) != constant)
        {
            throw new ArgumentOutOfRangeException(nameof(constant), constant, $"the pad value must be a {type.ToName()} value");
        }

        return value;
    }

    private sealed class RegionOfInterestVisitor(Size3 size, (int X, int Y, int Z) index, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => RegionOfInterest(volume, size, index, execution);
    }

    private sealed class CropVisitor(Size3 lowerBoundaryCropSize, Size3 upperBoundaryCropSize, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Crop(volume, lowerBoundaryCropSize, upperBoundaryCropSize, execution);
    }

    private sealed class ConstantPadVisitor(Size3 padLowerBound, Size3 padUpperBound, double constant, ExecutionOptions? execution)
        : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => ConstantPad(volume, padLowerBound, padUpperBound, PadConstant<T>(constant), execution);
    }

    private sealed class MirrorPadVisitor(Size3 padLowerBound, Size3 padUpperBound, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => MirrorPad(volume, padLowerBound, padUpperBound, execution);
    }
}
