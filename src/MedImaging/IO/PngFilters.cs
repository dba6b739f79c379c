namespace MedImaging.IO;

/// <summary>
/// PNG filter method 0 (ISO/IEC 15948 §9.2): the five per-row filter types and libpng's choice heuristic. A row is
/// <c>rowBytes</c> bytes of samples; <c>bpp</c> is the number of bytes per complete pixel (at least 1), the distance
/// to the "left" byte; the row above is all zeros for the first row.
/// </summary>
internal static class PngFilters
{
    /// <summary>Number of filter types (0 None … 4 Paeth).</summary>
    public const int Count = 5;

    /// <summary>Writes filter <paramref name="type"/> of <paramref name="row"/> into <paramref name="output"/>.</summary>
    public static void Apply(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int bpp, Span<byte> output)
    {
        int n = row.Length;
        switch (type)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                for (int i = 0; i < n; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    output[i] = (byte)(row[i] - left);
                }

                break;
            case 2:
                for (int i = 0; i < n; i++)
                {
                    output[i] = (byte)(row[i] - above[i]);
                }

                break;
            case 3:
                for (int i = 0; i < n; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    output[i] = (byte)(row[i] - ((left + above[i]) >> 1));
                }

                break;
            case 4:
                for (int i = 0; i < n; i++)
                {
                    int left = 0, upperLeft = 0;
                    if (i >= bpp)
                    {
                        left = row[i - bpp];
                        upperLeft = above[i - bpp];
                    }

                    output[i] = (byte)(row[i] - PaethPredictor(left, above[i], upperLeft));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "PNG filter types are 0 to 4");
        }
    }

    /// <summary>
    /// The Paeth predictor (§9.4): of left <paramref name="a"/>, above <paramref name="b"/> and upper-left
    /// <paramref name="c"/>, the one nearest to a + b − c, ties in the order a, b, c.
    /// </summary>
    public static int PaethPredictor(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }

    /// <summary>libpng's cost of a filtered row: the sum of the bytes' absolute values read as signed 8-bit numbers.</summary>
    public static long SignedAbsoluteSum(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte v in filtered)
        {
            sum += v < 128 ? v : 256 - v;
        }

        return sum;
    }

    /// <summary>
    /// Filters <paramref name="row"/> with <paramref name="strategy"/> into <paramref name="output"/> (rowBytes long)
    /// and returns the filter type used. Adaptive tries all five types in order and keeps the first with the smallest
    /// <see cref="SignedAbsoluteSum"/>; <paramref name="scratch"/> (rowBytes long) holds the candidate.
    /// </summary>
    public static byte Filter(PngFilterStrategy strategy, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int bpp,
        Span<byte> output, Span<byte> scratch)
    {
        if (strategy != PngFilterStrategy.Adaptive)
        {
            int type = (int)strategy - 1;
            Apply(type, row, above, bpp, output);
            return (byte)type;
        }

        Apply(0, row, above, bpp, output);
        long best = SignedAbsoluteSum(output);
        byte bestType = 0;
        for (int type = 1; type < Count; type++)
        {
            Apply(type, row, above, bpp, scratch);
            long sum = SignedAbsoluteSum(scratch);
            if (sum < best)
            {
                best = sum;
                bestType = (byte)type;
                scratch.CopyTo(output);
            }
        }

        return bestType;
    }
}
