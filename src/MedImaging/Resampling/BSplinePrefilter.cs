using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MedImaging.Resampling;

/// <summary>
/// ITK's <c>BSplineDecompositionImageFilter</c> along one axis, in double: turns samples into B-spline
/// coefficients with Unser's recursive filter (gain, then per pole a causal and an anti-causal pass), mirror
/// boundary, causal initialisation truncated where |z|^k drops below 1e-10 (ITK's tolerance). Unser, Aldroubi,
/// Eden, "B-spline signal processing: Part II", IEEE Trans. Signal Processing 41(2), 1993, and Unser 1999, Box 2.
/// </summary>
internal static class BSplinePrefilter
{
    /// <summary>ITK's default tolerance for truncating the causal initial sum.</summary>
    public const double Tolerance = 1e-10;

    /// <summary>Prefilters one contiguous line in place (the scalar reference of <see cref="PrefilterRows"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PrefilterLine(Span<double> line, ReadOnlySpan<double> poles)
    {
        int n = line.Length;
        if (n == 1 || poles.IsEmpty)
        {
            return;
        }

        double gain = Gain(poles);
        for (int i = 0; i < n; i++)
        {
            line[i] *= gain;
        }

        foreach (double z in poles)
        {
            long horizon = Horizon(z);
            if (horizon < n)
            {
                double sum = line[0], zn = z;
                for (int i = 1; i < horizon; i++)
                {
                    sum += zn * line[i];
                    zn *= z;
                }

                line[0] = sum;
            }
            else
            {
                double zn = z, iz = 1.0 / z, z2n = Math.Pow(z, n - 1);
                double sum = line[0] + z2n * line[n - 1];
                z2n *= z2n * iz;
                for (int i = 1; i <= n - 2; i++)
                {
                    sum += (zn + z2n) * line[i];
                    zn *= z;
                    z2n *= iz;
                }

                line[0] = sum / (1.0 - zn * zn);
            }

            for (int i = 1; i < n; i++)
            {
                line[i] += z * line[i - 1];
            }

            line[n - 1] = z / (z * z - 1.0) * (z * line[n - 2] + line[n - 1]);
            for (int i = n - 2; i >= 0; i--)
            {
                line[i] = z * (line[i + 1] - line[i]);
            }
        }
    }

    /// <summary>
    /// Prefilters many lines at once: line j's sample i is <c>data[i·stride + j]</c> for j in [0, width). Every step
    /// of <see cref="PrefilterLine"/> becomes one vectorised operation over a whole row of <paramref name="width"/>
    /// samples (TensorPrimitives), so the z axis of a volume and the y axis of a plane are filtered at SIMD speed
    /// with the same arithmetic per line as the scalar reference.
    /// </summary>
    /// <param name="data">The samples; rows of <paramref name="width"/> values, <paramref name="stride"/> apart.</param>
    /// <param name="count">Samples per line (rows).</param>
    /// <param name="stride">Distance between consecutive rows in <paramref name="data"/>.</param>
    /// <param name="width">Lines processed together (row length).</param>
    /// <param name="poles">The prefilter poles.</param>
    /// <param name="sum">Scratch of at least <paramref name="width"/> values.</param>
    public static void PrefilterRows(Span<double> data, int count, int stride, int width, ReadOnlySpan<double> poles, Span<double> sum)
    {
        if (count == 1 || poles.IsEmpty)
        {
            return;
        }

        double gain = Gain(poles);
        for (int i = 0; i < count; i++)
        {
            Span<double> r = Row(data, i, stride, width);
            TensorPrimitives.Multiply(r, gain, r);
        }

        sum = sum[..width];
        foreach (double z in poles)
        {
            CausalInitRows(data, count, stride, width, z, sum);
            for (int i = 1; i < count; i++)
            {
                Span<double> r = Row(data, i, stride, width);
                RowKernels.AddScaled(r, Row(data, i - 1, stride, width), z);
            }

            Span<double> lastRow = Row(data, count - 1, stride, width);
            RowKernels.AntiCausalInit(lastRow, Row(data, count - 2, stride, width), z);
            for (int i = count - 2; i >= 0; i--)
            {
                RowKernels.AntiCausalStep(Row(data, i, stride, width), Row(data, i + 1, stride, width), z);
            }
        }
    }

    /// <summary>Scalar twin of <see cref="PrefilterRows"/>: gathers each line and runs <see cref="PrefilterLine"/>.</summary>
    internal static void PrefilterRowsScalar(Span<double> data, int count, int stride, int width, ReadOnlySpan<double> poles)
    {
        var line = new double[count];
        for (int j = 0; j < width; j++)
        {
            for (int i = 0; i < count; i++)
            {
                line[i] = data[i * stride + j];
            }

            PrefilterLine(line, poles);
            for (int i = 0; i < count; i++)
            {
                data[i * stride + j] = line[i];
            }
        }
    }

    private static void CausalInitRows(Span<double> data, int count, int stride, int width, double z, Span<double> sum)
    {
        Span<double> first = Row(data, 0, stride, width);
        long horizon = Horizon(z);
        if (horizon < count)
        {
            first.CopyTo(sum);
            double zn = z;
            for (int i = 1; i < horizon; i++)
            {
                RowKernels.AddScaled(sum, Row(data, i, stride, width), zn);
                zn *= z;
            }

            sum.CopyTo(first);
            return;
        }

        double zk = z, iz = 1.0 / z, z2n = Math.Pow(z, count - 1);
        first.CopyTo(sum);
        RowKernels.AddScaled(sum, Row(data, count - 1, stride, width), z2n);
        z2n *= z2n * iz;
        for (int i = 1; i <= count - 2; i++)
        {
            RowKernels.AddScaled(sum, Row(data, i, stride, width), zk + z2n);
            zk *= z;
            z2n *= iz;
        }

        TensorPrimitives.Divide(sum, 1.0 - zk * zk, first);
    }

    private static Span<double> Row(Span<double> data, int i, int stride, int width) => data.Slice(i * stride, width);

    private static double Gain(ReadOnlySpan<double> poles)
    {
        double gain = 1.0;
        foreach (double z in poles)
        {
            gain *= (1.0 - z) * (1.0 - 1.0 / z);
        }

        return gain;
    }

    private static long Horizon(double z) => (long)Math.Ceiling(Math.Log(Tolerance) / Math.Log(Math.Abs(z)));
}
