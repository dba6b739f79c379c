using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Magnitude of the central-difference gradient, SimpleITK's <c>GradientMagnitude(image, useImageSpacing=True)</c>:
    /// sqrt(Σ_axis ((f[i+1] − f[i−1]) / (2·spacing))²) with zero-flux Neumann (edge-replicating) boundaries. The
    /// direction matrix is orthonormal, so the magnitude is the same in index and LPS axes.
    /// </summary>
    /// <param name="input">Image.</param>
    /// <param name="useImageSpacing">Divide by the spacing (intensity per mm, default) or not (per voxel).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="MedImagingException">The working buffers exceed <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> GradientMagnitude<T>(Volume<T> input, bool useImageSpacing = true, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(input.Geometry.VoxelCount * sizeof(float) * 2, "GradientMagnitude");
        VolumeGeometry g = input.Geometry;
        float[] f = SeparableLines.ToFloat(input);
        float[] output = new float[f.Length];
        int nx = g.Size.X, ny = g.Size.Y, nz = g.Size.Z;
        Vec3 h = useImageSpacing ? g.Spacing : Vec3.One;
        double hx = 0.5 / h.X, hy = 0.5 / h.Y, hz = 0.5 / h.Z;
        Parallelism.For(ny * nz, 16, execution, (first, last) =>
        {
            for (int row = first; row < last; row++)
            {
                int y = row % ny, z = row / ny;
                long b = (long)row * nx;
                long up = ((long)((z * ny) + Math.Min(y + 1, ny - 1)) * nx) - b, down = ((long)((z * ny) + Math.Max(y - 1, 0)) * nx) - b;
                long front = ((long)((Math.Min(z + 1, nz - 1) * ny) + y) * nx) - b, back = ((long)((Math.Max(z - 1, 0) * ny) + y) * nx) - b;
                for (int x = 0; x < nx; x++)
                {
                    long i = b + x;
                    double dx = (f[b + Math.Min(x + 1, nx - 1)] - (double)f[b + Math.Max(x - 1, 0)]) * hx;
                    double dy = (f[i + up] - (double)f[i + down]) * hy;
                    double dz = (f[i + front] - (double)f[i + back]) * hz;
                    output[i] = (float)Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
                }
            }
        });
        return new Volume<float>(g, output);
    }

    /// <summary><see cref="GradientMagnitude{T}"/> for a volume of any voxel type.</summary>
    /// <param name="input">Image, any voxel type.</param>
    /// <param name="useImageSpacing">Divide by the spacing (intensity per mm, default) or not (per voxel).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="MedImagingException">The working buffers exceed <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> GradientMagnitude(Volume input, bool useImageSpacing = true, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(input, new GradientMagnitudeVisitor(useImageSpacing, execution));

    private sealed class GradientMagnitudeVisitor(bool useImageSpacing, ExecutionOptions? execution) : IVolumeVisitor<Volume<float>>
    {
        public Volume<float> Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => GradientMagnitude(volume, useImageSpacing, execution);
    }
}
