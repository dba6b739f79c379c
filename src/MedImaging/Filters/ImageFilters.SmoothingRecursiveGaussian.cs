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
    public static Volume<float> SmoothingRecursiveGaussian<T>(Volume<T> input, Vec3 sigma, bool normalizeAcrossScale = false,
        ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = normalizeAcrossScale;
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(input.Geometry.VoxelCount * sizeof(float) * 2, "SmoothingRecursiveGaussian");
        float[] a = SeparableLines.ToFloat(input);
        float[] b = new float[a.Length];
        VolumeGeometry g = input.Geometry;
        foreach (int axis in new[] { 2, 0, 1 })
        {
            var kernel = RecursiveGaussianKernel.Create(sigma[axis], g.Spacing[axis], GaussianOrder.Zero, normalizeAcrossScale: false);
            SeparableLines.Apply(a, b, g.Size, axis, execution, kernel.Filter);
            (a, b) = (b, a);
        }

        return new Volume<float>(g, a);
    }
}
