namespace MedImaging.Benchmarks.Dicom;

/// <summary>
/// The CT-like test image of the codec benchmarks: flat air around a disc of soft tissue with ±16 noise and a bright
/// ring, values 0..3000, deterministic (seed 42).
/// </summary>
internal static class CtPhantom
{
    /// <summary>A <paramref name="size"/>² image, row-major; the disc is centred at 256 with radii 200/220.</summary>
    public static ushort[] Create(int size)
    {
        var random = new Random(42);
        ushort[] image = new ushort[size * size];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double r = Math.Sqrt(((x - 256.0) * (x - 256.0)) + ((y - 256.0) * (y - 256.0)));
                image[(y * size) + x] = r > 220 ? (ushort)0 : r > 200 ? (ushort)(3000 - random.Next(32)) : (ushort)(1040 + random.Next(-16, 17));
            }
        }

        return image;
    }
}
