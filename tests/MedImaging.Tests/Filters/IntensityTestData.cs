using System.Numerics;

namespace MedImaging.Tests.Filters;

/// <summary>Volumes and value sequences for the intensity filter tests, built in memory with fixed seeds.</summary>
internal static class IntensityTestData
{
    /// <summary>A volume of size nx×ny×nz (unit spacing, origin 0, identity direction) holding <paramref name="voxels"/>.</summary>
    public static Volume<T> Volume<T>(T[] voxels, int nx, int ny, int nz)
        where T : unmanaged, INumber<T> =>
        new(new VolumeGeometry(new Size3(nx, ny, nz)), voxels);

    /// <summary>A 1×1×n volume holding <paramref name="voxels"/>.</summary>
    public static Volume<T> Row<T>(params T[] voxels)
        where T : unmanaged, INumber<T> =>
        Volume(voxels, voxels.Length, 1, 1);

    /// <summary>
    /// <paramref name="count"/> values spread over the whole range of <typeparamref name="T"/> (random bit patterns
    /// for integers; for floats random magnitudes between ±1e6 with ±0, ±∞, NaN and the type's extremes mixed in).
    /// </summary>
    public static T[] Random<T>(int count, int seed)
        where T : unmanaged, INumber<T>
    {
        var rng = new Random(seed);
        var values = new T[count];
        bool real = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        double[] specials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 0.5, -0.5];
        for (int i = 0; i < count; i++)
        {
            values[i] = !real ? T.CreateTruncating(rng.NextInt64(long.MinValue, long.MaxValue))
                : rng.Next(8) == 0 ? T.CreateTruncating(specials[rng.Next(specials.Length)])
                : T.CreateTruncating((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 7)));
        }

        return values;
    }

    /// <summary>Like <see cref="Random{T}"/> but finite and within ±30 000, so sums of squares stay comparable.</summary>
    public static T[] RandomFinite<T>(int count, int seed)
        where T : unmanaged, INumber<T>
    {
        var rng = new Random(seed);
        double low = Math.Max(PixelTypes.Of<T>().MinValue(), -30000);
        double high = Math.Min(PixelTypes.Of<T>().MaxValue(), 30000);
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            double x = low + rng.NextDouble() * (high - low);
            values[i] = T.CreateTruncating(typeof(T) == typeof(float) || typeof(T) == typeof(double) ? x : Math.Round(x));
        }

        return values;
    }

    /// <summary>Lengths 0…256 and start offsets 0…3, the SIMD test grid.</summary>
    public static IEnumerable<(int Length, int Offset)> SimdGrid()
    {
        for (int offset = 0; offset <= 3; offset++)
        {
            for (int length = 0; length <= 256; length++)
            {
                yield return (length, offset);
            }
        }
    }

    /// <summary>Execution options with a fixed thread count.</summary>
    public static ExecutionOptions Threads(int count) => new() { MaxDegreeOfParallelism = count };
}
