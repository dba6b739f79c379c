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
        // The first bpp bytes have no left neighbour (a = c = 0): Sub copies them, Average halves "above",
        // Paeth predicts "above" (p = b, so pb = 0 wins unless a = b = 0).
        int n = row.Length, head = Math.Min(bpp, n);
        switch (type)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                row[..head].CopyTo(output);
                for (int i = head; i < n; i++)
                {
                    output[i] = (byte)(row[i] - row[i - bpp]);
                }

                break;
            case 2:
                for (int i = 0; i < n; i++)
                {
                    output[i] = (byte)(row[i] - above[i]);
                }

                break;
            case 3:
                for (int i = 0; i < head; i++)
                {
                    output[i] = (byte)(row[i] - (above[i] >> 1));
                }

                for (int i = head; i < n; i++)
                {
                    output[i] = (byte)(row[i] - ((row[i - bpp] + above[i]) >> 1));
                }

                break;
            case 4:
                for (int i = 0; i < head; i++)
                {
                    output[i] = (byte)(row[i] - above[i]);
                }

                for (int i = head; i < n; i++)
                {
                    output[i] = (byte)(row[i] - PaethPredictor(row[i - bpp], above[i], above[i - bpp]));
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

    /// <summary>
    /// Filters <paramref name="row"/> with <paramref name="strategy"/> into <paramref name="output"/> (rowBytes long)
    /// and returns the filter type used; Adaptive asks <see cref="AdaptiveChoice"/>.
    /// </summary>
    public static byte Filter(PngFilterStrategy strategy, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int bpp, Span<byte> output)
    {
        int type = strategy == PngFilterStrategy.Adaptive ? AdaptiveChoice(row, above, bpp) : (int)strategy - 1;
        Apply(type, row, above, bpp, output);
        return (byte)type;
    }

    /// <summary>
    /// libpng's heuristic in one pass: the five filtered bytes of every position are formed and their costs
    /// (absolute values read as signed bytes) summed; the first type with the smallest sum wins.
    /// </summary>
    public static int AdaptiveChoice(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int bpp)
    {
        long none = 0, sub = 0, up = 0, average = 0, paeth = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int x = row[i], b = above[i], a = 0, c = 0;
            if (i >= bpp)
            {
                a = row[i - bpp];
                c = above[i - bpp];
            }

            none += Cost(x);
            sub += Cost(x - a);
            up += Cost(x - b);
            average += Cost(x - ((a + b) >> 1));
            paeth += Cost(x - PaethPredictor(a, b, c));
        }

        int best = 0;
        long bestSum = none;
        ReadOnlySpan<long> sums = [none, sub, up, average, paeth];
        for (int type = 1; type < Count; type++)
        {
            if (sums[type] < bestSum)
            {
                bestSum = sums[type];
                best = type;
            }
        }

        return best;
    }

    // The cost of one filtered byte: its value read as a signed byte, made absolute.
    private static int Cost(int difference)
    {
        int v = difference & 0xFF;
        return v < 128 ? v : 256 - v;
    }
}
