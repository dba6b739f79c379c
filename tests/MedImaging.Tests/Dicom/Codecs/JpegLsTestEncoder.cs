using MedImaging.Dicom.Codecs;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// A small JPEG-LS encoder written from ITU-T T.87 (Annex A, encoder side) for tests and benchmarks only: one scan
/// per component (interleave mode 0), lossless or near-lossless, optional LSE preset parameters and restart
/// interval. It produces codestreams for round trips; the corpus tests check the decoder against GDCM/CharLS.
/// Linked into the benchmark project as a source file; it never ships in the library.
/// </summary>
internal static class JpegLsTestEncoder
{
    private static readonly int[] J = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    /// <summary>Encodes interleaved samples (pixel-major, <paramref name="components"/> per pixel).</summary>
    public static byte[] Encode(ushort[] samples, int width, int height, int components, int precision, int near = 0,
        int restartInterval = 0, (int MaxVal, int T1, int T2, int T3, int Reset) preset = default)
    {
        var output = new List<byte> { 0xFF, 0xD8 };
        var frame = new List<byte> { (byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        for (int c = 0; c < components; c++)
        {
            frame.AddRange([(byte)(c + 1), 0x11, 0]);
        }

        Segment(output, 0xF7, frame);
        if (preset != default)
        {
            var lse = new List<byte> { 1 };
            foreach (int v in new[] { preset.MaxVal, preset.T1, preset.T2, preset.T3, preset.Reset })
            {
                lse.AddRange([(byte)(v >> 8), (byte)v]);
            }

            Segment(output, 0xF8, lse);
        }

        if (restartInterval > 0)
        {
            Segment(output, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
        }

        JpegLsParameters parameters = JpegLsParameters.Create(precision, near, preset);
        for (int c = 0; c < components; c++)
        {
            Segment(output, 0xDA, [1, (byte)(c + 1), 0, (byte)near, 0, 0]);
            var scan = new ScanEncoder(parameters);
            int[] previous = new int[width + 2];
            int[] current = new int[width + 2];
            int[] input = new int[width + 2];
            for (int y = 0; y < height; y++)
            {
                if (restartInterval > 0 && y > 0 && y % restartInterval == 0)
                {
                    output.AddRange(scan.Flush());
                    output.AddRange([0xFF, (byte)(0xD0 + ((y / restartInterval) - 1) % 8)]);
                    scan = new ScanEncoder(parameters);
                    Array.Clear(previous);
                }

                for (int x = 0; x < width; x++)
                {
                    input[x + 1] = samples[(((y * width) + x) * components) + c];
                }

                current[0] = previous[1];
                previous[width + 1] = previous[width];
                scan.EncodeLine(previous, current, input, width);
                (previous, current) = (current, previous);
            }

            output.AddRange(scan.Flush());
        }

        output.AddRange([0xFF, 0xD9]);
        return [.. output];
    }

    private static void Segment(List<byte> output, int code, List<byte> body)
    {
        output.AddRange([0xFF, (byte)code, (byte)((body.Count + 2) >> 8), (byte)(body.Count + 2)]);
        output.AddRange(body);
    }

    private sealed class ScanEncoder(JpegLsParameters p)
    {
        private readonly int[] _a = Enumerable.Repeat(Math.Max(2, (p.Range + 32) / 64), 367).ToArray();
        private readonly int[] _b = new int[367];
        private readonly int[] _c = new int[367];
        private readonly int[] _n = Enumerable.Repeat(1, 367).ToArray();
        private readonly int[] _nn = new int[2];
        private readonly List<byte> _bytes = [];
        private readonly int _step = (2 * p.Near) + 1;
        private int _runIndex;
        private ulong _bits;
        private int _bitCount;

        public void EncodeLine(int[] previous, int[] current, int[] input, int width)
        {
            int x = 1;
            while (x <= width)
            {
                int ra = current[x - 1], rb = previous[x], rc = previous[x - 1], rd = previous[x + 1];
                int q = (((Q(rd - rb) * 9) + Q(rb - rc)) * 9) + Q(rc - ra);
                if (q != 0)
                {
                    current[x] = Regular(q, ra, rb, rc, input[x]);
                    x++;
                    continue;
                }

                int run = 0;
                while (x + run <= width && Math.Abs(input[x + run] - ra) <= p.Near)
                {
                    current[x + run] = ra;
                    run++;
                }

                bool endOfLine = x + run > width;
                while (run >= 1 << J[_runIndex])
                {
                    Put(1, 1);
                    run -= 1 << J[_runIndex];
                    x += 1 << J[_runIndex];
                    _runIndex = Math.Min(31, _runIndex + 1);
                }

                if (endOfLine)
                {
                    if (run > 0)
                    {
                        Put(1, 1);
                    }

                    return;
                }

                Put(0, 1);
                Put(run, J[_runIndex]);
                x += run;
                current[x] = Interruption(ra, previous[x], input[x]);
                _runIndex = Math.Max(0, _runIndex - 1);
                x++;
            }
        }

        public List<byte> Flush()
        {
            if (_bitCount > 0)
            {
                Put(0, (_bytes.Count > 0 && _bytes[^1] == 0xFF ? 7 : 8) - _bitCount);
            }

            if (_bytes.Count > 0 && _bytes[^1] == 0xFF)
            {
                _bytes.Add(0); // an 0xFF right before the next marker would read as a fill byte
            }

            return _bytes;
        }

        private int Regular(int q, int ra, int rb, int rc, int value)
        {
            int sign = q < 0 ? -1 : 1;
            q = Math.Abs(q);
            int max = Math.Max(ra, rb), min = Math.Min(ra, rb);
            int px = rc >= max ? min : rc <= min ? max : ra + rb - rc;
            px = Math.Clamp(px + (sign * _c[q]), 0, p.MaxVal);
            int error = Reduce(sign * (value - px));
            int k = Order(_n[q], _a[q]);
            int mapped = error >= 0 ? 2 * error : (-2 * error) - 1;
            if (p.Near == 0 && k == 0 && 2 * _b[q] <= -_n[q])
            {
                mapped = error >= 0 ? (2 * error) + 1 : -2 * (error + 1);
            }

            Golomb(mapped, k, p.Limit);
            _b[q] += error * _step;
            _a[q] += Math.Abs(error);
            if (_n[q] == p.Reset)
            {
                _a[q] >>= 1;
                _b[q] >>= 1;
                _n[q] >>= 1;
            }

            _n[q]++;
            if (_b[q] <= -_n[q])
            {
                _b[q] = Math.Max(_b[q] + _n[q], -_n[q] + 1);
                _c[q] = Math.Max(-128, _c[q] - 1);
            }
            else if (_b[q] > 0)
            {
                _b[q] = Math.Min(_b[q] - _n[q], 0);
                _c[q] = Math.Min(127, _c[q] + 1);
            }

            return Rebuild(px, sign * error);
        }

        private int Interruption(int ra, int rb, int value)
        {
            int type = Math.Abs(ra - rb) <= p.Near ? 1 : 0;
            int px = type == 1 ? ra : rb;
            int sign = type == 0 && ra > rb ? -1 : 1;
            int error = Reduce(sign * (value - px));
            int q = 365 + type;
            int k = Order(_n[q], _a[q] + (type == 1 ? _n[q] >> 1 : 0));
            int map = (k == 0 && error > 0 && 2 * _nn[type] < _n[q]) || (error < 0 && (2 * _nn[type] >= _n[q] || k != 0)) ? 1 : 0;
            int mapped = (2 * Math.Abs(error)) - type - map;
            Golomb(mapped, k, p.Limit - J[_runIndex] - 1);
            _nn[type] += error < 0 ? 1 : 0;
            _a[q] += (mapped + 1 - type) >> 1;
            if (_n[q] == p.Reset)
            {
                _a[q] >>= 1;
                _n[q] >>= 1;
                _nn[type] >>= 1;
            }

            _n[q]++;
            return Rebuild(px, sign * error);
        }

        // Quantises the error for NEAR > 0 and reduces it modulo RANGE to the shortest signed representative.
        private int Reduce(int error)
        {
            error = error > 0 ? (error + p.Near) / _step : -((p.Near - error) / _step);
            if (error < 0)
            {
                error += p.Range;
            }

            return error >= (p.Range + 1) / 2 ? error - p.Range : error;
        }

        private int Rebuild(int px, int error)
        {
            int value = px + (error * _step);
            value += value < -p.Near ? p.Range * _step : value > p.MaxVal + p.Near ? -p.Range * _step : 0;
            return Math.Clamp(value, 0, p.MaxVal);
        }

        private int Q(int d) =>
            d <= -p.T3 ? -4 : d <= -p.T2 ? -3 : d <= -p.T1 ? -2 : d < -p.Near ? -1 : d <= p.Near ? 0 : d < p.T1 ? 1 : d < p.T2 ? 2 : d < p.T3 ? 3 : 4;

        private static int Order(int n, int a)
        {
            int k = 0;
            while ((n << k) < a)
            {
                k++;
            }

            return k;
        }

        private void Golomb(int value, int k, int limit)
        {
            int escape = limit - p.Qbpp - 1;
            if ((value >> k) < escape)
            {
                Put(0, value >> k);
                Put(1, 1);
                Put(value & ((1 << k) - 1), k);
            }
            else
            {
                Put(0, escape);
                Put(1, 1);
                Put(value - 1, p.Qbpp);
            }
        }

        // Appends bits MSB first; a byte after 0xFF carries 7 bits (stuffed 0 on top).
        private void Put(int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                _bits = (_bits << 1) | (uint)(i > 31 ? 0 : (value >> i) & 1);
                _bitCount++;
                int width = _bytes.Count > 0 && _bytes[^1] == 0xFF ? 7 : 8;
                if (_bitCount == width)
                {
                    _bytes.Add((byte)_bits);
                    _bits = 0;
                    _bitCount = 0;
                }
            }
        }
    }
}
