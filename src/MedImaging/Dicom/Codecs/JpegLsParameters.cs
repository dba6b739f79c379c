namespace MedImaging.Dicom.Codecs;

/// <summary>
/// The coding parameters of one JPEG-LS scan (ITU-T T.87 A.2 and C.2.4.1): MAXVAL, NEAR, the gradient thresholds
/// T1..T3, RESET, and the values derived from them (RANGE, qbpp, LIMIT).
/// </summary>
/// <param name="MaxVal">Largest sample value.</param>
/// <param name="Near">Largest allowed reconstruction error (0 = lossless).</param>
/// <param name="T1">First gradient quantisation threshold.</param>
/// <param name="T2">Second gradient quantisation threshold.</param>
/// <param name="T3">Third gradient quantisation threshold.</param>
/// <param name="Reset">Context counter halving threshold.</param>
internal sealed record JpegLsParameters(int MaxVal, int Near, int T1, int T2, int T3, int Reset)
{
    private const int BasicT1 = 3;
    private const int BasicT2 = 7;
    private const int BasicT3 = 21;

    /// <summary>Default RESET (C.2.4.1.1).</summary>
    public const int DefaultReset = 64;

    /// <summary>Number of distinct quantised prediction errors.</summary>
    public int Range { get; } = ((MaxVal + (2 * Near)) / ((2 * Near) + 1)) + 1;

    /// <summary>Bits of an escaped (limited-length) Golomb value.</summary>
    public int Qbpp => CeilLog2(Range);

    /// <summary>Longest Golomb code word in bits.</summary>
    public int Limit { get; } = 2 * (Math.Max(2, CeilLog2(MaxVal + 1)) + Math.Max(8, Math.Max(2, CeilLog2(MaxVal + 1))));

    /// <summary>
    /// Builds the parameters of a scan: zero preset values (absent LSE or fields coded as 0) take the defaults of
    /// C.2.4.1.1, computed from MAXVAL and NEAR.
    /// </summary>
    /// <param name="precision">Sample precision P of the frame header (2..16).</param>
    /// <param name="near">NEAR of the scan header.</param>
    /// <param name="preset">MAXVAL, T1, T2, T3, RESET from an LSE segment (0 = default).</param>
    public static JpegLsParameters Create(int precision, int near, (int MaxVal, int T1, int T2, int T3, int Reset) preset)
    {
        int maxVal = preset.MaxVal != 0 ? preset.MaxVal : (1 << precision) - 1;
        if (maxVal < 1 || maxVal >= 1 << precision)
        {
            throw new JpegLsDataException($"MAXVAL {maxVal} does not fit {precision}-bit samples");
        }

        if (near < 0 || near > Math.Min(255, maxVal / 2))
        {
            throw new JpegLsDataException($"NEAR {near} is outside 0..{Math.Min(255, maxVal / 2)}");
        }

        (int t1, int t2, int t3) = DefaultThresholds(maxVal, near);
        t1 = preset.T1 != 0 ? preset.T1 : t1;
        t2 = preset.T2 != 0 ? preset.T2 : t2;
        t3 = preset.T3 != 0 ? preset.T3 : t3;
        if (t1 < near + 1 || t1 > t2 || t2 > t3 || t3 > maxVal)
        {
            throw new JpegLsDataException($"thresholds T1={t1} T2={t2} T3={t3} are not ordered within {near + 1}..{maxVal}");
        }

        int reset = preset.Reset != 0 ? preset.Reset : DefaultReset;
        if (reset < 3 || reset > Math.Max(255, maxVal))
        {
            throw new JpegLsDataException($"RESET {reset} is outside 3..{Math.Max(255, maxVal)}");
        }

        return new JpegLsParameters(maxVal, near, t1, t2, t3, reset);
    }

    /// <summary>The default thresholds of T.87 C.2.4.1.1 for a MAXVAL and NEAR.</summary>
    public static (int T1, int T2, int T3) DefaultThresholds(int maxVal, int near)
    {
        if (maxVal >= 128)
        {
            int factor = (Math.Min(maxVal, 4095) + 128) / 256;
            int t1 = Clamp((factor * (BasicT1 - 2)) + 2 + (3 * near), near + 1, maxVal);
            int t2 = Clamp((factor * (BasicT2 - 3)) + 3 + (5 * near), t1, maxVal);
            int t3 = Clamp((factor * (BasicT3 - 4)) + 4 + (7 * near), t2, maxVal);
            return (t1, t2, t3);
        }
        else
        {
            int factor = 256 / (maxVal + 1);
            int t1 = Clamp(Math.Max(2, (BasicT1 / factor) + (3 * near)), near + 1, maxVal);
            int t2 = Clamp(Math.Max(3, (BasicT2 / factor) + (5 * near)), t1, maxVal);
            int t3 = Clamp(Math.Max(4, (BasicT3 / factor) + (7 * near)), t2, maxVal);
            return (t1, t2, t3);
        }
    }

    // The standard's CLAMP(i, j, MAXVAL): j when i is out of [j, MAXVAL], else i.
    private static int Clamp(int value, int low, int maxVal) => value > maxVal || value < low ? low : value;

    private static int CeilLog2(int value)
    {
        int bits = 0;
        while ((1 << bits) < value)
        {
            bits++;
        }

        return bits;
    }
}
