using System.Runtime.CompilerServices;

namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Decodes the entropy-coded data of one JPEG-LS scan (ITU-T T.87 Annex A): context modelling with quantised local
/// gradients, median edge detection prediction with bias correction, limited-length Golomb–Rice codes, and run mode
/// with run-interruption samples. Handles the three interleave modes (one component per scan, line interleaved,
/// sample interleaved) and restart markers, and writes each decoded line straight into the native frame.
/// </summary>
internal ref partial struct JpegLsScanDecoder
{
    private const int RegularContexts = 365;

    // Run-length code orders J[RUNindex] (T.87 A.7.1.1, table A.1 ... RUNindex 0..31).
    private static ReadOnlySpan<byte> J => [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    private readonly ReadOnlySpan<byte> _data;
    private JpegLsBitReader _reader;
    private readonly int _maxVal;
    private readonly int _near;
    private readonly int _step;
    private readonly int _range;
    private readonly int _qbpp;
    private readonly int _limit;
    private readonly sbyte[] _quantize;
    private readonly int _reset;
    private readonly int _maxMapped;
    private readonly long[] _a = new long[RegularContexts + 2];
    private readonly int[] _b = new int[RegularContexts + 2];
    private readonly int[] _c = new int[RegularContexts + 2];
    private readonly int[] _n = new int[RegularContexts + 2];
    private readonly int[] _nn = new int[2];

    /// <summary>Prepares a scan whose coded data starts at <paramref name="position"/>.</summary>
    public JpegLsScanDecoder(ReadOnlySpan<byte> data, int position, JpegLsParameters parameters)
    {
        _data = data;
        _reader = new JpegLsBitReader(data, position);
        _maxVal = parameters.MaxVal;
        _near = parameters.Near;
        _step = (2 * parameters.Near) + 1;
        _range = parameters.Range;
        _qbpp = parameters.Qbpp;
        _limit = parameters.Limit;
        _quantize = QuantizationTable(parameters);
        _reset = parameters.Reset;
        _maxMapped = 2 * parameters.Range;
        ResetContexts();
    }

    /// <summary>
    /// Decodes every line of the scan into <paramref name="output"/> and returns the offset of the marker that follows
    /// the scan data (or the end of the data when it has none).
    /// </summary>
    /// <param name="layout">Where the scan's samples go in the native frame.</param>
    /// <param name="output">The native frame.</param>
    public int Decode(in JpegLsScanLayout layout, Span<byte> output)
    {
        int width = layout.Width;
        int stride = width + 2;
        int lineComponents = layout.InterleaveMode == 0 ? 1 : layout.Components.Length;
        int[] lines = new int[2 * lineComponents * stride];
        int[] runIndex = new int[lineComponents];
        int interval = layout.RestartInterval == 0 ? layout.Height : layout.RestartInterval;
        int restarts = 0;
        for (int y = 0; y < layout.Height; y++)
        {
            if (y > 0 && y % interval == 0)
            {
                Restart(restarts++);
                Array.Clear(lines);
                Array.Clear(runIndex);
                ResetContexts();
            }

            Span<int> previous = lines.AsSpan((y & 1) * lineComponents * stride, lineComponents * stride);
            Span<int> current = lines.AsSpan(((y + 1) & 1) * lineComponents * stride, lineComponents * stride);
            for (int c = 0; c < lineComponents; c++)
            {
                Span<int> p = previous.Slice(c * stride, stride);
                Span<int> q = current.Slice(c * stride, stride);
                q[0] = p[1];
                p[width + 1] = p[width];
                if (layout.InterleaveMode != 2)
                {
                    DecodeLine(p, q, width, ref runIndex[c]);
                }
            }

            if (layout.InterleaveMode == 2)
            {
                DecodeInterleavedLine(previous, current, width, lineComponents, ref runIndex[0]);
            }

            _reader.ThrowIfOverrun();
            layout.WriteLine(current, stride, y, output);
        }

        return NextMarker(_reader.Position, required: false);
    }

    private void Restart(int index)
    {
        _reader.ThrowIfOverrun();
        int marker = NextMarker(_reader.Position, required: true);
        int expected = 0xD0 + (index % 8);
        if (_data[marker + 1] != expected)
        {
            throw new JpegLsDataException($"expected restart marker FF{expected:X2} at byte {marker}, found FF{_data[marker + 1]:X2}");
        }

        _reader.Reset(marker + 2);
    }

    // The offset of the next marker's 0xFF at or after position (fill 0xFF bytes before it skipped).
    private readonly int NextMarker(int position, bool required)
    {
        for (int i = position; i + 1 < _data.Length; i++)
        {
            if (_data[i] == 0xFF && _data[i + 1] >= 0x80 && _data[i + 1] != 0xFF)
            {
                return i;
            }
        }

        return required ? throw new JpegLsDataException($"the scan data ends at byte {_data.Length} where a restart marker was due") : _data.Length;
    }

    private void ResetContexts()
    {
        int initialA = Math.Max(2, (_range + 32) / 64);
        _a.AsSpan().Fill(initialA);
        _n.AsSpan().Fill(1);
        Array.Clear(_b);
        Array.Clear(_c);
        Array.Clear(_nn);
    }

    // One line of one component (interleave modes 0 and 1). Samples sit at 1..width; 0 and width+1 are the edges.
    private void DecodeLine(Span<int> previous, Span<int> current, int width, ref int runIndex)
    {
        int x = 1;
        while (x <= width)
        {
            int ra = current[x - 1];
            int rc = previous[x - 1];
            int rb = previous[x];
            int rd = previous[x + 1];
            int context = Context(ra, rb, rc, rd);
            if (context != 0)
            {
                current[x] = DecodeRegular(context, Predict(ra, rb, rc));
                x++;
                continue;
            }

            int remaining = width - x + 1;
            int run = DecodeRunLength(remaining, ref runIndex);
            current.Slice(x, run).Fill(ra);
            x += run;
            if (run < remaining)
            {
                current[x] = DecodeRunInterruption(ra, previous[x], runIndex);
                runIndex = Math.Max(0, runIndex - 1);
                x++;
            }
        }
    }

    // One line of all components, sample by sample (interleave mode 2); run mode when every component is flat.
    private void DecodeInterleavedLine(Span<int> previous, Span<int> current, int width, int components, ref int runIndex)
    {
        int stride = width + 2;
        Span<int> contexts = stackalloc int[4];
        if (components > contexts.Length)
        {
            contexts = new int[components];
        }

        int x = 1;
        while (x <= width)
        {
            bool flat = true;
            for (int c = 0; c < components; c++)
            {
                int o = c * stride;
                int ra = current[o + x - 1];
                int rc = previous[o + x - 1];
                int rb = previous[o + x];
                int rd = previous[o + x + 1];
                contexts[c] = Context(ra, rb, rc, rd);
                flat &= contexts[c] == 0;
            }

            if (!flat)
            {
                for (int c = 0; c < components; c++)
                {
                    int o = c * stride;
                    current[o + x] = DecodeRegular(contexts[c], Predict(current[o + x - 1], previous[o + x], previous[o + x - 1]));
                }

                x++;
                continue;
            }

            int remaining = width - x + 1;
            int run = DecodeRunLength(remaining, ref runIndex);
            for (int c = 0; c < components; c++)
            {
                current.Slice((c * stride) + x, run).Fill(current[(c * stride) + x - 1]);
            }

            x += run;
            if (run < remaining)
            {
                for (int c = 0; c < components; c++)
                {
                    int o = c * stride;
                    current[o + x] = DecodeRunInterruptionComponent(current[o + x - 1], previous[o + x], runIndex);
                }

                runIndex = Math.Max(0, runIndex - 1);
                x++;
            }
        }
    }

    // Median edge detector (T.87 A.4.1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Predict(int ra, int rb, int rc)
    {
        int max = Math.Max(ra, rb);
        int min = Math.Min(ra, rb);
        return rc >= max ? min : rc <= min ? max : ra + rb - rc;
    }

    // Gradient quantisation to -4..4 (T.87 A.3.3) for every difference -MAXVAL..MAXVAL, looked up in the hot loop.
    private static sbyte[] QuantizationTable(JpegLsParameters p)
    {
        sbyte[] table = new sbyte[(2 * p.MaxVal) + 1];
        for (int i = 0; i < table.Length; i++)
        {
            int d = i - p.MaxVal;
            table[i] = (sbyte)(d <= -p.T3 ? -4 : d <= -p.T2 ? -3 : d <= -p.T1 ? -2 : d < -p.Near ? -1 : d <= p.Near ? 0
                : d < p.T1 ? 1 : d < p.T2 ? 2 : d < p.T3 ? 3 : 4);
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Context(int ra, int rb, int rc, int rd)
    {
        int offset = _maxVal;
        return (((_quantize[rd - rb + offset] * 9) + _quantize[rb - rc + offset]) * 9) + _quantize[rc - ra + offset];
    }
}
