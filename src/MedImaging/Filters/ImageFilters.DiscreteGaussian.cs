using System.Numerics;

namespace MedImaging.Filters;

public static partial class ImageFilters
{
    /// <summary>
    /// Gaussian smoothing by convolution with ITK's discrete Gaussian kernel (<c>GaussianOperator</c>: sampled
    /// modified Bessel functions e^(−t)·I_n(t), t = variance in voxels², grown until the kernel holds
    /// 1 − <paramref name="maximumError"/> of the mass or reaches <paramref name="maximumKernelWidth"/>, then
    /// normalised to sum 1), separable, with zero-flux Neumann (edge-replicating) boundaries. SimpleITK's
    /// <c>DiscreteGaussian(image, variance, maximumKernelWidth=32, maximumError=0.01, useImageSpacing=True)</c>.
    /// </summary>
    /// <param name="input">Image to smooth.</param>
    /// <param name="variance">Gaussian variance on every axis, in mm² when <paramref name="useImageSpacing"/> (default), else voxels².</param>
    /// <param name="maximumError">Kernel mass allowed outside the truncated kernel, in (0, 1) (default 0.01).</param>
    /// <param name="maximumKernelWidth">Largest number of coefficients on one side plus the centre before truncation (default 32).</param>
    /// <param name="useImageSpacing">Variance in mm² (true) or voxels² (false).</param>
    /// <param name="execution">Threads, cancellation; bit-identical for any thread count.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The variance is negative or not finite, the error is outside (0, 1) or the
    /// kernel width is below 1.</exception>
    /// <exception cref="MedImagingException">The working buffers exceed <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<float> DiscreteGaussian<T>(Volume<T> input, double variance = 1.0, double maximumError = 0.01,
        int maximumKernelWidth = 32, bool useImageSpacing = true, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(variance >= 0) || !double.IsFinite(variance))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), variance, "variance must be zero or positive");
        }

        if (!(maximumError > 0 && maximumError < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumError), maximumError, "maximum error must lie in (0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maximumKernelWidth, 1);
        (execution ?? ExecutionOptions.Default).EnsureWithinBudget(input.Geometry.VoxelCount * sizeof(float) * 2, "DiscreteGaussian");
        VolumeGeometry g = input.Geometry;
        float[] a = SeparableLines.ToFloat(input);
        float[] b = new float[a.Length];
        for (int axis = 0; axis < 3; axis++)
        {
            double spacing = g.Spacing[axis];
            double[] half = GaussianKernelHalf(useImageSpacing ? variance / (spacing * spacing) : variance, maximumError, maximumKernelWidth);
            if (half.Length == 1)
            {
                continue;
            }

            SeparableLines.Apply(a, b, g.Size, axis, execution, (data, output, _, n, lanes) => Convolve(half, data, output, n, lanes));
            (a, b) = (b, a);
        }

        return new Volume<float>(g, a);
    }

    /// <summary>
    /// The centre and one side of ITK's discrete Gaussian kernel for a variance of <paramref name="t"/> voxels²:
    /// c_n = e^(−t) I_n(t), grown while the two-sided sum is below 1 − maximumError, then normalised.
    /// </summary>
    internal static double[] GaussianKernelHalf(double t, double maximumError, int maximumKernelWidth)
    {
        if (t <= 0)
        {
            return [1.0];
        }

        var coefficients = new List<double> { ScaledBesselI(0, t), ScaledBesselI(1, t) };
        double sum = coefficients[0] + (2 * coefficients[1]);
        for (int n = 2; sum < 1.0 - maximumError; n++)
        {
            double c = ScaledBesselI(n, t);
            coefficients.Add(c);
            sum += 2 * c;
            if (c <= 0 || coefficients.Count > maximumKernelWidth)
            {
                break;
            }
        }

        double[] half = [.. coefficients];
        for (int i = 0; i < half.Length; i++)
        {
            half[i] /= sum;
        }

        return half;
    }

    /// <summary>e^(−t)·I_n(t), the modified Bessel function of the first kind scaled by e^(−t), by its power series in log space.</summary>
    internal static double ScaledBesselI(int n, double t)
    {
        double logHalf = Math.Log(t / 2);
        double sum = 0;
        for (int k = 0; k < 10_000; k++)
        {
            double logTerm = ((2 * k) + n) * logHalf - LogFactorial(k) - LogFactorial(k + n) - t;
            double term = Math.Exp(logTerm);
            sum += term;
            if (k > t && term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    private static double LogFactorial(int k)
    {
        double r = 0;
        for (int i = 2; i <= k; i++)
        {
            r += Math.Log(i);
        }

        return r;
    }

    /// <summary>Symmetric convolution of interleaved lines with edge replication (zero-flux Neumann).</summary>
    private static void Convolve(double[] half, ReadOnlySpan<double> data, Span<double> output, int n, int lanes)
    {
        int r = half.Length - 1;
        for (int i = 0; i < n; i++)
        {
            for (int l = 0; l < lanes; l++)
            {
                double acc = half[0] * data[(i * lanes) + l];
                for (int k = 1; k <= r; k++)
                {
                    int lo = Math.Max(i - k, 0), hi = Math.Min(i + k, n - 1);
                    acc += half[k] * (data[(lo * lanes) + l] + data[(hi * lanes) + l]);
                }

                output[(i * lanes) + l] = acc;
            }
        }
    }

    /// <summary><see cref="DiscreteGaussian{T}"/> for a volume of any voxel type.</summary>
    /// <param name="input">Image to smooth, any voxel type.</param>
    /// <param name="variance">Gaussian variance on every axis, in mm² when <paramref name="useImageSpacing"/> (default), else voxels².</param>
    /// <param name="maximumError">Kernel mass allowed outside the truncated kernel, in (0, 1) (default 0.01).</param>
    /// <param name="maximumKernelWidth">Largest number of coefficients on one side plus the centre before truncation (default 32).</param>
    /// <param name="useImageSpacing">Variance in mm² (true) or voxels² (false).</param>
    /// <param name="execution">Threads, cancellation; bit-identical for any thread count.</param>
    /// <returns>A float32 volume on the input's grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The variance is negative or not finite, the error is outside (0, 1) or the
    /// kernel width is below 1.</exception>
    public static Volume<float> DiscreteGaussian(Volume input, double variance = 1.0, double maximumError = 0.01,
        int maximumKernelWidth = 32, bool useImageSpacing = true, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(input, new DiscreteGaussianVisitor(variance, maximumError, maximumKernelWidth, useImageSpacing, execution));

    private sealed class DiscreteGaussianVisitor(double variance, double maximumError, int maximumKernelWidth, bool useImageSpacing,
        ExecutionOptions? execution) : IVolumeVisitor<Volume<float>>
    {
        public Volume<float> Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => DiscreteGaussian(volume, variance, maximumError, maximumKernelWidth, useImageSpacing, execution);
    }
}
