namespace MedImaging.Dicom.Series;

/// <summary>
/// Chooses the voxel type of a series after rescale (value = stored × RescaleSlope + RescaleIntercept): the
/// stored type when every slice's rescale is the identity; the smallest signed integer type holding every possible
/// value when every slope and intercept is a whole number (12-bit unsigned with intercept −1024 → int16); float32
/// otherwise. This is the type ITK/GDCM report for the same files.
/// </summary>
internal static class SeriesPixelType
{
    public static PixelType Choose(int bitsAllocated, int bitsStored, bool signed, bool isFloat, IReadOnlyList<(double Slope, double Intercept)> rescale)
    {
        if (isFloat)
        {
            return bitsAllocated == 64 ? PixelType.Float64 : PixelType.Float32;
        }

        if (rescale.All(r => r.Slope == 1 && r.Intercept == 0))
        {
            return (bitsAllocated, signed) switch
            {
                (8, false) => PixelType.UInt8,
                (8, true) => PixelType.Int8,
                (16, false) => PixelType.UInt16,
                (16, true) => PixelType.Int16,
                (32, false) => PixelType.UInt32,
                (1, _) => PixelType.UInt8,
                _ => PixelType.Int32,
            };
        }

        if (rescale.Any(r => r.Slope != Math.Round(r.Slope) || r.Intercept != Math.Round(r.Intercept)))
        {
            return PixelType.Float32;
        }

        int bits = Math.Clamp(bitsStored, 1, 32);
        double storedMin = signed ? -Math.Pow(2, bits - 1) : 0;
        double storedMax = signed ? Math.Pow(2, bits - 1) - 1 : Math.Pow(2, bits) - 1;
        double min = double.MaxValue, max = double.MinValue;
        foreach ((double slope, double intercept) in rescale)
        {
            double a = storedMin * slope + intercept, b = storedMax * slope + intercept;
            min = Math.Min(min, Math.Min(a, b));
            max = Math.Max(max, Math.Max(a, b));
        }

        if (min >= short.MinValue && max <= short.MaxValue)
        {
            return PixelType.Int16;
        }

        return min >= int.MinValue && max <= int.MaxValue ? PixelType.Int32 : PixelType.Float64;
    }
}
