namespace MedImaging.BiasCorrection;

/// <summary>
/// A small in-place radix-2 complex FFT (iterative Cooley–Tukey, bit-reversed input order) for the power-of-two
/// histogram lengths N4 uses (512 for 200 bins). Forward uses e^(−2πi·kn/N); inverse uses e^(+2πi·kn/N) and
/// divides by N. Deterministic: no threads, no plan cache.
/// </summary>
internal static class Fft
{
    /// <summary>Transforms (<paramref name="real"/>, <paramref name="imaginary"/>) in place.</summary>
    /// <exception cref="ArgumentException">The length is not a power of two or the arrays differ in length.</exception>
    public static void Transform(Span<double> real, Span<double> imaginary, bool inverse)
    {
        int n = real.Length;
        if (imaginary.Length != n || n == 0 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"FFT length {n} must be a power of two and equal for both parts", nameof(real));
        }

        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }

        double sign = inverse ? 1 : -1;
        for (int length = 2; length <= n; length <<= 1)
        {
            int half = length >> 1;
            double angle = sign * 2 * Math.PI / length;
            for (int k = 0; k < half; k++)
            {
                double wr = Math.Cos(angle * k);
                double wi = Math.Sin(angle * k);
                for (int start = 0; start < n; start += length)
                {
                    int a = start + k;
                    int b = a + half;
                    double br = real[b] * wr - imaginary[b] * wi;
                    double bi = real[b] * wi + imaginary[b] * wr;
                    real[b] = real[a] - br;
                    imaginary[b] = imaginary[a] - bi;
                    real[a] += br;
                    imaginary[a] += bi;
                }
            }
        }

        if (inverse)
        {
            double scale = 1.0 / n;
            for (int i = 0; i < n; i++)
            {
                real[i] *= scale;
                imaginary[i] *= scale;
            }
        }
    }
}
