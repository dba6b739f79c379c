using System.Numerics;

namespace MedImaging.Filters;

/// <summary>Image filters with SimpleITK's procedural names and defaults (one operation per file).</summary>
public static partial class ImageFilters
{
    /// <summary>
    /// Gaussian smoothing by recursive (IIR) filtering, SimpleITK's <c>SmoothingRecursiveGaussian(image, sigma)</c>:
    /// Deriche's fourth-order approximation with ITK's coefficients, normalisation and constant edge extension,
    /// applied along z, then x, then y. The cost does not depend on sigma.
    /// </summary>
    /// <param name="input">Image to smooth (any voxel type).</param>
    /// <param name="sigma">Standard deviation in millimetres (physical units, divided by each axis' spacing), same on every axis; must be positive.</param>
    /// <param name="normalizeAcrossScale">ITK's flag; it does not change a zero-order (smoothing) result and is kept for parity.</param>
    /// <param name="execution">Threads, cancellation; the result is bit-identical for any thread count.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sigma is not a positive number.</exception>
    /// <exception cref="MedImagingException">The working buffer exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> SmoothingRecursiveGaussian<T>(Volume<T> input, double sigma = 1.0, bool normalizeAcrossScale = false,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> => SmoothingRecursiveGaussian(input, new Vec3(sigma, sigma, sigma), normalizeAcrossScale, execution);

    /// <summary>
    /// Gaussian smoothing with a separate sigma (mm) per index axis (SimpleITK's sigma list); see the scalar overload.
    /// </summary>
    /// <param name="input">Image to smooth.</param>
    /// <param name="sigma">Standard deviation along index axes x, y, z in millimetres; each must be positive.</param>
    /// <param name="normalizeAcrossScale">ITK's flag; no effect on smoothing.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sigma is not a positive number.</exception>
    /// <exception cref="MedImagingException">The working buffer exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> SmoothingRecursiveGaussian<T>(Volume<T> input, Vec3 sigma, bool normalizeAcrossScale = false,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = normalizeAcrossScale;
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(input.Geometry.VoxelCount * sizeof(float), "SmoothingRecursiveGaussian");
        return SmoothingRecursiveGaussianInto(input, sigma, null, execution);
    }

    /// <summary>
    /// <see cref="SmoothingRecursiveGaussian{T}(Volume{T}, Vec3, bool, ExecutionOptions?)"/> into
    /// <paramref name="buffer"/> (voxel-count floats, overwritten; null for a new one): the input is converted to
    /// float there and filtered in place along each axis, so a caller that smooths repeatedly (a registration
    /// pyramid) touches no fresh memory after the first time.
    /// </summary>
    internal static Volume<float> SmoothingRecursiveGaussianInto<T>(Volume<T> input, Vec3 sigma, float[]? buffer, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        float[] a = SeparableLines.ToFloat(input, buffer);
        VolumeGeometry g = input.Geometry;
        foreach (int axis in new[] { 2, 0, 1 })
        {
            var kernel = RecursiveGaussianKernel.Create(sigma[axis], g.Spacing[axis], GaussianOrder.Zero, normalizeAcrossScale: false);
            SeparableLines.Apply(a, a, g.Size, axis, execution, kernel.Filter);
        }

        return new Volume<float>(g, a);
    }

    /// <summary><see cref="SmoothingRecursiveGaussian{T}(Volume{T}, double, bool, ExecutionOptions?)"/> for a volume of any voxel type.</summary>
    /// <param name="input">Image to smooth, any voxel type.</param>
    /// <param name="sigma">Standard deviation in millimetres, same on every axis; must be positive.</param>
    /// <param name="normalizeAcrossScale">ITK's flag; it does not change a zero-order (smoothing) result and is kept for parity.</param>
    /// <param name="execution">Threads, cancellation; the result is bit-identical for any thread count.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not a positive number.</exception>
    /// <exception cref="MedImagingException">The working buffer exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> SmoothingRecursiveGaussian(Volume input, double sigma = 1.0, bool normalizeAcrossScale = false,
        ExecutionOptions? execution = null) =>
        SmoothingRecursiveGaussian(input, new Vec3(sigma, sigma, sigma), normalizeAcrossScale, execution);

    /// <summary><see cref="SmoothingRecursiveGaussian{T}(Volume{T}, Vec3, bool, ExecutionOptions?)"/> for a volume of any voxel type.</summary>
    /// <param name="input">Image to smooth, any voxel type.</param>
    /// <param name="sigma">Standard deviation along index axes x, y, z in millimetres; each must be positive.</param>
    /// <param name="normalizeAcrossScale">ITK's flag; no effect on smoothing.</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sigma is not a positive number.</exception>
    /// <exception cref="MedImagingException">The working buffer exceeds <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> SmoothingRecursiveGaussian(Volume input, Vec3 sigma, bool normalizeAcrossScale = false,
        ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(input, new SmoothingRecursiveGaussianVisitor(sigma, normalizeAcrossScale, execution));

    private sealed class SmoothingRecursiveGaussianVisitor(Vec3 sigma, bool normalizeAcrossScale, ExecutionOptions? execution)
        : IVolumeVisitor<Volume<float>>
    {
        public Volume<float> Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => SmoothingRecursiveGaussian(volume, sigma, normalizeAcrossScale, execution);
    }
}
