namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Inverse discrete wavelet transforms (T.800 Annex F): reversible 5/3 lifting on integers and irreversible 9/7
/// lifting on floats, one resolution level at a time (rows, then columns), with whole-sample symmetric extension
/// and the parity of each resolution's origin on the reference grid.
/// </summary>
internal static class J2kWavelet
{
    private delegate void Lifting<T>(Span<T> values, int origin);

    private const float Alpha = -1.586134342059924f, Beta = -0.052980118572961f, Gamma = 0.882911075530934f, Delta = 0.443506852043971f;
    private const float K = 1.230174104914001f;

    /// <summary>Reconstructs an integer tile-component in place (<paramref name="buffer"/> row-major with <paramref name="stride"/>).</summary>
    public static void Inverse53(int[] buffer, int stride, J2kTileComponent tc) => Inverse(buffer, stride, tc, Lift53);

    /// <summary>Reconstructs a float tile-component in place.</summary>
    public static void Inverse97(float[] buffer, int stride, J2kTileComponent tc) => Inverse(buffer, stride, tc, Lift97);

    private static void Inverse<T>(T[] buffer, int stride, J2kTileComponent tc, Lifting<T> lift)
    {
        int longest = Math.Max(tc.Width, tc.Height);
        var line = new T[longest];
        var scratch = new T[longest];
        for (int r = 1; r < tc.Resolutions.Length; r++)
        {
            J2kResolution res = tc.Resolutions[r], low = tc.Resolutions[r - 1];
            int w = res.X1 - res.X0, h = res.Y1 - res.Y0, lw = low.X1 - low.X0, lh = low.Y1 - low.Y0;
            for (int y = 0; y < h; y++)
            {
                Span<T> row = buffer.AsSpan(y * stride, w);
                Interleave(row, scratch, lw, res.X0);
                lift(scratch.AsSpan(0, w), res.X0);
                scratch.AsSpan(0, w).CopyTo(row);
            }

            for (int x = 0; x < w; x++)
            {
                for (int y = 0; y < h; y++)
                {
                    line[y] = buffer[(y * stride) + x];
                }

                Interleave(line.AsSpan(0, h), scratch, lh, res.Y0);
                lift(scratch.AsSpan(0, h), res.Y0);
                for (int y = 0; y < h; y++)
                {
                    buffer[(y * stride) + x] = scratch[y];
                }
            }
        }
    }

    /// <summary>Places the low-pass half (first <paramref name="lowCount"/> values) on even and the high-pass half on odd reference-grid positions.</summary>
    private static void Interleave<T>(Span<T> source, T[] target, int lowCount, int origin)
    {
        int first = origin & 1;
        for (int i = 0; i < lowCount; i++)
        {
            target[(2 * i) + first] = source[i];
        }

        for (int i = 0; i < source.Length - lowCount; i++)
        {
            target[(2 * i) + 1 - first] = source[lowCount + i];
        }
    }

    internal static void Lift53(Span<int> x, int origin)
    {
        int n = x.Length;
        int odd = origin & 1;
        if (n == 1)
        {
            if (odd == 1)
            {
                x[0] /= 2;
            }

            return;
        }

        for (int i = odd; i < n; i += 2)
        {
            x[i] -= (x[Mirror(i - 1, n)] + x[Mirror(i + 1, n)] + 2) >> 2;
        }

        for (int i = 1 - odd; i < n; i += 2)
        {
            x[i] += (x[Mirror(i - 1, n)] + x[Mirror(i + 1, n)]) >> 1;
        }
    }

    internal static void Lift97(Span<float> x, int origin)
    {
        int n = x.Length;
        int even = origin & 1;
        if (n == 1)
        {
            if (even == 1)
            {
                x[0] /= 2;
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            x[i] *= ((i + origin) & 1) == 0 ? K : 1 / K;
        }

        Step(x, even, Delta);
        Step(x, 1 - even, Gamma);
        Step(x, even, Beta);
        Step(x, 1 - even, Alpha);
    }

    private static void Step(Span<float> x, int start, float coefficient)
    {
        int n = x.Length;
        for (int i = start; i < n; i += 2)
        {
            x[i] -= coefficient * (x[Mirror(i - 1, n)] + x[Mirror(i + 1, n)]);
        }
    }

    private static int Mirror(int i, int n) => i < 0 ? -i : (i >= n ? (2 * (n - 1)) - i : i);
}
