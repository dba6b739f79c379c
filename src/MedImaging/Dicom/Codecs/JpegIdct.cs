namespace MedImaging.Dicom.Codecs;

/// <summary>
/// The inverse DCT of IJG libjpeg's default "islow" method (Loeffler–Ligtenberg–Moschytz, 13-bit fixed point),
/// reproduced so that our baseline/extended decodes match libjpeg-based decoders (GDCM, DCMTK) value for value.
/// </summary>
internal static class JpegIdct
{
    /// <summary>Natural-order index of each zig-zag position (T.81 Figure A.6).</summary>
    public static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
    ];

    private const int ConstBits = 13;
    private const long Fix0298631336 = 2446;
    private const long Fix0390180644 = 3196;
    private const long Fix0541196100 = 4433;
    private const long Fix0765366865 = 6270;
    private const long Fix0899976223 = 7373;
    private const long Fix1175875602 = 9633;
    private const long Fix1501321110 = 12299;
    private const long Fix1847759065 = 15137;
    private const long Fix1961570560 = 16069;
    private const long Fix2053119869 = 16819;
    private const long Fix2562915447 = 20995;
    private const long Fix3072711026 = 25172;

    /// <summary>Dequantised coefficients (natural order) → 8×8 samples written at <paramref name="output"/>[offset + y·stride + x].</summary>
    public static void Inverse(ReadOnlySpan<int> coefficients, int precision, Span<int> output, int offset, int stride)
    {
        int pass1 = precision <= 8 ? 2 : 1;
        int center = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        Span<long> ws = stackalloc long[64];
        for (int c = 0; c < 8; c++)
        {
            if (coefficients[8 + c] == 0 && coefficients[16 + c] == 0 && coefficients[24 + c] == 0 && coefficients[32 + c] == 0
                && coefficients[40 + c] == 0 && coefficients[48 + c] == 0 && coefficients[56 + c] == 0)
            {
                long dc = (long)coefficients[c] << pass1;
                for (int r = 0; r < 8; r++)
                {
                    ws[(8 * r) + c] = dc;
                }

                continue;
            }

            Butterfly(coefficients[c], coefficients[8 + c], coefficients[16 + c], coefficients[24 + c], coefficients[32 + c],
                coefficients[40 + c], coefficients[48 + c], coefficients[56 + c], ConstBits - pass1, ws, c, 8);
        }

        Span<long> row = stackalloc long[8];
        for (int r = 0; r < 8; r++)
        {
            int w = 8 * r;
            Butterfly(ws[w], ws[w + 1], ws[w + 2], ws[w + 3], ws[w + 4], ws[w + 5], ws[w + 6], ws[w + 7], ConstBits + pass1 + 3, row, 0, 1);
            int o = offset + (r * stride);
            for (int x = 0; x < 8; x++)
            {
                output[o + x] = (int)Math.Clamp(row[x] + center, 0, max);
            }
        }
    }

    private static void Butterfly(long d0, long d1, long d2, long d3, long d4, long d5, long d6, long d7, int shift, Span<long> output, int at, int step)
    {
        // Even part.
        long z1 = (d2 + d6) * Fix0541196100;
        long tmp2 = z1 + (d6 * -Fix1847759065);
        long tmp3 = z1 + (d2 * Fix0765366865);
        long tmp0 = (d0 + d4) << ConstBits;
        long tmp1 = (d0 - d4) << ConstBits;
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;

        // Odd part.
        tmp0 = d7;
        tmp1 = d5;
        tmp2 = d3;
        tmp3 = d1;
        z1 = tmp0 + tmp3;
        long z2 = tmp1 + tmp2;
        long z3 = tmp0 + tmp2;
        long z4 = tmp1 + tmp3;
        long z5 = (z3 + z4) * Fix1175875602;
        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        long round = 1L << (shift - 1);
        output[at] = (tmp10 + tmp3 + round) >> shift;
        output[at + (7 * step)] = (tmp10 - tmp3 + round) >> shift;
        output[at + step] = (tmp11 + tmp2 + round) >> shift;
        output[at + (6 * step)] = (tmp11 - tmp2 + round) >> shift;
        output[at + (2 * step)] = (tmp12 + tmp1 + round) >> shift;
        output[at + (5 * step)] = (tmp12 - tmp1 + round) >> shift;
        output[at + (3 * step)] = (tmp13 + tmp0 + round) >> shift;
        output[at + (4 * step)] = (tmp13 - tmp0 + round) >> shift;
    }
}
