using System.Buffers.Binary;
using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Header-level facts about a stack that change no geometry but belong in the <see cref="SeriesReport"/>: slices with
/// different rescale (each is rescaled with its own slope and intercept) and the Philips private scale slope.
/// </summary>
internal static class SeriesFindings
{
    /// <summary>Private creator of the Philips block holding ScaleSlope at element xx0E of group 2005.</summary>
    private const string PhilipsCreator = "Philips MR Imaging DD 001";

    /// <summary>The findings for <paramref name="images"/>, in words.</summary>
    public static IEnumerable<string> Of(IReadOnlyList<DicomImageHeader> images)
    {
        var distinct = images.Select(h => h.Rescale).Distinct().ToList();
        if (distinct.Count > 1)
        {
            (double slope, double intercept) lo = distinct.MinBy(r => r.Slope), hi = distinct.MaxBy(r => r.Slope);
            yield return Format($"mixed rescale: {distinct.Count} different RescaleSlope/RescaleIntercept pairs across the slices (slope {lo.slope:G6} to {hi.slope:G6}); each slice is rescaled with its own before stacking");
        }

        double[] scales = [.. images.Select(PhilipsScaleSlope).OfType<double>().Distinct()];
        if (scales.Length > 0)
        {
            yield return Format($"Philips private ScaleSlope (2005,xx0E) {string.Join(", ", scales.Select(s => s.ToString("G9", CultureInfo.InvariantCulture)))}: values are the standard ones (stored x RescaleSlope + RescaleIntercept); Philips' floating-point value, dcm2niix's default, is value / (RescaleSlope x ScaleSlope)");
        }
    }

    /// <summary>The Philips ScaleSlope (2005,xx0E) of an image, or null when the private block or value is absent or not positive.</summary>
    public static double? PhilipsScaleSlope(DicomImageHeader header)
    {
        DicomDataset ds = header.Dataset;
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            if (ds.GetStringOrDefault(new DicomTag(0x2005, block)) is not string creator || creator.Trim() != PhilipsCreator)
            {
                continue;
            }

            DicomElement? element = ds.GetElement(new DicomTag(0x2005, (ushort)(block << 8 | 0x0E)));
            if (element is null || element.RawValue.Length != 4)
            {
                return null;
            }

            // FL; implicit-VR files give it as UN bytes in the dataset's byte order.
            ReadOnlySpan<byte> bytes = element.RawValue.Span;
            float value = element.IsBigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes);
            return value > 0 && float.IsFinite(value) ? value : null;
        }

        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
