using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// A gradient field as three float32 component volumes on one grid. Components are along the LPS axes (mm⁻¹ times
/// intensity) when the direction was applied, else along the index axes.
/// </summary>
/// <param name="X">First component (LPS x, or index axis 0).</param>
/// <param name="Y">Second component (LPS y, or index axis 1).</param>
/// <param name="Z">Third component (LPS z, or index axis 2).</param>
public sealed record GradientVolumes(Volume<float> X, Volume<float> Y, Volume<float> Z);

public static partial class ImageFilters
{
    /// <summary>
    /// Gradient of the image smoothed by a Gaussian, by recursive filtering: SimpleITK's
    /// <c>GradientRecursiveGaussian(image, sigma, normalizeAcrossScale, useImageDirection)</c>. For each index axis
    /// the derivative-of-Gaussian runs along that axis and the Gaussian along the others (Deriche, as
    /// <see cref="SmoothingRecursiveGaussian{T}(Volume{T}, double, bool, ExecutionOptions?)"/>); the index-axis
    /// derivatives (per mm) are rotated into LPS by the direction matrix when <paramref name="useImageDirection"/>
    /// is true (ITK's default).
    /// </summary>
    /// <param name="input">Image to differentiate.</param>
    /// <param name="sigma">Standard deviation in millimetres on every axis (default 1).</param>
    /// <param name="normalizeAcrossScale">Multiply the derivatives by sigma (scale-space normalisation; default false).</param>
    /// <param name="useImageDirection">Return LPS components (true, default) or index-axis components.</param>
    /// <param name="execution">Threads, cancellation; bit-identical for any thread count.</param>
    /// <returns>Three float32 component volumes on the input's grid, intensity per mm.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not a positive number.</exception>
    /// <exception cref="MedImagingException">The working buffers exceed <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static GradientVolumes GradientRecursiveGaussian<T>(Volume<T> input, double sigma = 1.0, bool normalizeAcrossScale = false,
        bool useImageDirection = true, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(input.Geometry.VoxelCount * sizeof(float) * 5, "GradientRecursiveGaussian");
        VolumeGeometry g = input.Geometry;
        float[] source = SeparableLines.ToFloat(input);
        var components = new float[3][];
        for (int d = 0; d < 3; d++)
        {
            float[] a = source;
            float[] b = new float[source.Length];
            float[]? spare = null;
            for (int axis = 0; axis < 3; axis++)
            {
                if (axis == d)
                {
                    continue;
                }

                var smooth = RecursiveGaussianKernel.Create(sigma, g.Spacing[axis], GaussianOrder.Zero, normalizeAcrossScale: false);
                SeparableLines.Apply(a, b, g.Size, axis, execution, smooth.Filter);
                spare ??= new float[source.Length];
                (a, b) = (b, ReferenceEquals(a, source) ? spare : a);
            }

            var derivative = RecursiveGaussianKernel.Create(sigma, g.Spacing[d], GaussianOrder.First, normalizeAcrossScale);
            SeparableLines.Apply(a, b, g.Size, d, execution, derivative.Filter);
            components[d] = b;
        }

        if (useImageDirection && g.Direction != Mat3.Identity)
        {
            RotateToPhysical(components, g.Direction, execution);
        }

        return new GradientVolumes(new Volume<float>(g, components[0]), new Volume<float>(g, components[1]), new Volume<float>(g, components[2]));
    }

    /// <summary>Index-axis derivatives (per mm) to LPS components: g_LPS = Direction · g_index.</summary>
    private static void RotateToPhysical(float[][] c, Mat3 d, ExecutionOptions? execution)
    {
        Parallelism.For(c[0].Length, 1 << 16, execution, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var v = d * new Vec3(c[0][i], c[1][i], c[2][i]);
                c[0][i] = (float)v.X;
                c[1][i] = (float)v.Y;
                c[2][i] = (float)v.Z;
            }
        });
    }

    /// <summary><see cref="GradientRecursiveGaussian{T}"/> for a volume of any voxel type.</summary>
    /// <param name="input">Image to differentiate, any voxel type.</param>
    /// <param name="sigma">Standard deviation in millimetres on every axis (default 1).</param>
    /// <param name="normalizeAcrossScale">Multiply the derivatives by sigma (scale-space normalisation; default false).</param>
    /// <param name="useImageDirection">Return LPS components (true, default) or index-axis components.</param>
    /// <param name="execution">Threads, cancellation; bit-identical for any thread count.</param>
    /// <returns>Three float32 component volumes on the input's grid, intensity per mm.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not a positive number.</exception>
    /// <exception cref="MedImagingException">The working buffers exceed <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static GradientVolumes GradientRecursiveGaussian(Volume input, double sigma = 1.0, bool normalizeAcrossScale = false,
        bool useImageDirection = true, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(input, new GradientRecursiveGaussianVisitor(sigma, normalizeAcrossScale, useImageDirection, execution));

    private sealed class GradientRecursiveGaussianVisitor(double sigma, bool normalizeAcrossScale, bool useImageDirection,
        ExecutionOptions? execution) : IVolumeVisitor<GradientVolumes>
    {
        public GradientVolumes Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => GradientRecursiveGaussian(volume, sigma, normalizeAcrossScale, useImageDirection, execution);
    }
}
