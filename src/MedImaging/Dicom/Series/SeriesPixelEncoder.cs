using System.Globalization;
using System.Numerics;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Chooses how a volume's voxels are stored as 16-bit DICOM pixels and converts them:
/// <list type="bullet">
/// <item>int16 whose values lie in [−1024, 3071] → 12-bit unsigned (BitsStored 12) with RescaleIntercept −1024, as CT
/// scanners write HU;</item>
/// <item>any other integral values in [0, 65535] → 16-bit unsigned, intercept 0 (exact);</item>
/// <item>any other integral values in [−32768, 32767] → 16-bit signed, intercept 0 (exact);</item>
/// <item>everything else (non-integral floats, wide integers) → 16-bit signed with intercept = (min+max)/2 and
/// slope = (max−min)/65534, both rounded to their DS text first so that the writer quantizes with exactly the values a
/// reader parses; the error is at most slope/2 (plus double rounding).</item>
/// </list>
/// </summary>
internal sealed class SeriesPixelEncoder : IVolumeVisitor<SeriesPixelEncoder.Encoded>
{
    /// <summary>The stored 16-bit words (x fastest, then y, then z) and the attributes that describe them.</summary>
    internal sealed record Encoded(ushort[] Words, double Slope, double Intercept, int BitsStored, bool IsSigned, double MaxAbsoluteError);

    public static Encoded Encode(Volume volume) => volume.Accept(new SeriesPixelEncoder());

    public Encoded Visit<T>(Volume<T> volume)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> voxels = volume.Voxels;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        bool integral = true;
        foreach (T voxel in voxels)
        {
            double v = double.CreateTruncating(voxel);
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("the volume holds NaN or infinite values, which DICOM integer pixels cannot store", nameof(volume));
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
            integral &= v == Math.Round(v);
        }

        if (voxels.IsEmpty)
        {
            min = max = 0;
        }

        var words = new ushort[voxels.Length];
        if (volume.PixelType == PixelType.Int16 && min >= -1024 && max <= 3071)
        {
            return Exact(voxels, words, -1024, 12, isSigned: false);
        }

        if (integral && min >= 0 && max <= ushort.MaxValue)
        {
            return Exact(voxels, words, 0, 16, isSigned: false);
        }

        if (integral && min >= short.MinValue && max <= short.MaxValue)
        {
            return Exact(voxels, words, 0, 16, isSigned: true);
        }

        double intercept = Parse(DicomDecimalString.Format((min + max) / 2));
        double slope = max > min ? Parse(DicomDecimalString.Format((max - min) / 65534)) : 1;
        double error = 0;
        for (int i = 0; i < voxels.Length; i++)
        {
            double v = double.CreateTruncating(voxels[i]);
            double stored = Math.Clamp(Math.Round((v - intercept) / slope), short.MinValue, short.MaxValue);
            words[i] = unchecked((ushort)(short)stored);
            error = Math.Max(error, Math.Abs(stored * slope + intercept - v));
        }

        return new Encoded(words, slope, intercept, 16, true, error);
    }

    private static Encoded Exact<T>(ReadOnlySpan<T> voxels, ushort[] words, int intercept, int bitsStored, bool isSigned)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < voxels.Length; i++)
        {
            int stored = (int)double.CreateTruncating(voxels[i]) - intercept;
            words[i] = unchecked((ushort)stored);
        }

        return new Encoded(words, 1, intercept, bitsStored, isSigned, 0);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>Formats numbers as DICOM Decimal Strings (DS): at most 16 characters, invariant culture.</summary>
internal static class DicomDecimalString
{
    /// <summary>The longest DS value (PS3.5 Table 6.2-1).</summary>
    public const int MaxLength = 16;

    /// <summary>
    /// The shortest round-trip text of <paramref name="value"/> when it fits in 16 characters, else the most precise
    /// "G<i>n</i>" text that fits (10 significant digits at least for any finite double, i.e. relative error below
    /// 5e-10). Negative zero is written as "0".
    /// </summary>
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        for (int digits = 16; text.Length > MaxLength && digits >= 1; digits--)
        {
            text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return text;
    }
}
