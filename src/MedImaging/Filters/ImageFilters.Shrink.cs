namespace MedImaging.Filters;

/// <summary>Procedural image filters with SimpleITK's names and defaults.</summary>
public static partial class ImageFilters
{
    /// <summary>
    /// Subsamples a volume by integer factors, as ITK's <c>ShrinkImageFilter</c> (SimpleITK <c>Shrink</c>): output
    /// size floor(n / f) (at least 1), spacing f · s, direction kept, origin moved so the centres of the input and
    /// output grids coincide; each output voxel copies the input voxel nearest its centre (no averaging). For
    /// n = 192 and f = 4 the output takes input voxels 2, 6, 10, ….
    /// </summary>
    /// <param name="image">The input volume.</param>
    /// <param name="shrinkX">Shrink factor along index axis 0, ≥ 1.</param>
    /// <param name="shrinkY">Shrink factor along index axis 1, ≥ 1.</param>
    /// <param name="shrinkZ">Shrink factor along index axis 2, ≥ 1.</param>
    /// <param name="execution">Threads and cancellation; null for defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A factor is below 1.</exception>
    /// <exception cref="MedImagingException">The output exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<T> Shrink<T>(Volume<T> image, int shrinkX, int shrinkY, int shrinkZ, ExecutionOptions? execution = null)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(shrinkX, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shrinkY, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shrinkZ, 1);
        VolumeGeometry input = image.Geometry;
        Size3 n = input.Size;
        int[] factors = [shrinkX, shrinkY, shrinkZ];
        var outSize = new int[3];
        var first = new int[3];
        var originIndex = new double[3];
        for (int a = 0; a < 3; a++)
        {
            outSize[a] = Math.Max(1, n[a] / factors[a]);

            // Continuous input index of output voxel 0 when both grid centres coincide.
            originIndex[a] = (n[a] - 1) / 2.0 - factors[a] * (outSize[a] - 1) / 2.0;

            // ITK rounds that position half up to the nearest input voxel and never starts below 0.
            first[a] = Math.Max(0, (int)Math.Floor(originIndex[a] + 0.5));
        }

        var geometry = new VolumeGeometry(
            new Size3(outSize[0], outSize[1], outSize[2]),
            new Vec3(input.Spacing.X * shrinkX, input.Spacing.Y * shrinkY, input.Spacing.Z * shrinkZ),
            input.TransformContinuousIndexToPhysicalPoint(new Vec3(originIndex[0], originIndex[1], originIndex[2])),
            input.Direction);
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(geometry.VoxelCount * PixelTypes.Of<T>().SizeInBytes(), "Shrink output");
        var output = new Volume<T>(geometry);
        Memory<T> source = image.Memory, target = output.Memory;
        int nx = n.X, ny = n.Y, mx = outSize[0], my = outSize[1];
        Parallelism.For(outSize[2], 4, execution, (z0, z1) =>
        {
            ReadOnlySpan<T> from = source.Span;
            Span<T> to = target.Span;
            for (int z = z0; z < z1; z++)
            {
                int zi = first[2] + z * shrinkZ;
                for (int y = 0; y < my; y++)
                {
                    int yi = first[1] + y * shrinkY;
                    int src = (zi * ny + yi) * nx + first[0];
                    Span<T> row = to.Slice((z * my + y) * mx, mx);
                    for (int x = 0; x < row.Length; x++)
                    {
                        row[x] = from[src + x * shrinkX];
                    }
                }
            }
        });
        return output;
    }

    /// <summary>Shrinks by the same integer factor on every axis; see <see cref="Shrink{T}(Volume{T}, int, int, int, ExecutionOptions?)"/>.</summary>
    /// <param name="image">The input volume.</param>
    /// <param name="shrinkFactor">Shrink factor on every axis, ≥ 1.</param>
    /// <param name="execution">Threads and cancellation; null for defaults.</param>
    /// <returns>The subsampled volume.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The factor is below 1.</exception>
    /// <exception cref="MedImagingException">The output exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<T> Shrink<T>(Volume<T> image, int shrinkFactor, ExecutionOptions? execution = null)
        where T : unmanaged, System.Numerics.INumber<T> =>
        Shrink(image, shrinkFactor, shrinkFactor, shrinkFactor, execution);

    /// <summary><see cref="Shrink{T}(Volume{T}, int, int, int, ExecutionOptions?)"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="shrinkX">Shrink factor along index axis 0, ≥ 1.</param>
    /// <param name="shrinkY">Shrink factor along index axis 1, ≥ 1.</param>
    /// <param name="shrinkZ">Shrink factor along index axis 2, ≥ 1.</param>
    /// <param name="execution">Threads and cancellation; null for defaults.</param>
    /// <returns>The subsampled volume in the input's voxel type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A factor is below 1.</exception>
    /// <exception cref="MedImagingException">The output exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume Shrink(Volume image, int shrinkX, int shrinkY, int shrinkZ, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(image, new ShrinkVisitor(shrinkX, shrinkY, shrinkZ, execution));

    /// <summary>Shrinks a volume of any voxel type by the same integer factor on every axis; see <see cref="Shrink(Volume, int, int, int, ExecutionOptions?)"/>.</summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="shrinkFactor">Shrink factor on every axis, ≥ 1.</param>
    /// <param name="execution">Threads and cancellation; null for defaults.</param>
    /// <returns>The subsampled volume in the input's voxel type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The factor is below 1.</exception>
    /// <exception cref="MedImagingException">The output exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume Shrink(Volume image, int shrinkFactor, ExecutionOptions? execution = null) =>
        Shrink(image, shrinkFactor, shrinkFactor, shrinkFactor, execution);

    private sealed class ShrinkVisitor(int shrinkX, int shrinkY, int shrinkZ, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, System.Numerics.INumber<T> => Shrink(volume, shrinkX, shrinkY, shrinkZ, execution);
    }
}
