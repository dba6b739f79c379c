namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// EBCOT tier-1 (T.800 Annex D): decodes one code-block's coding passes (significance propagation, magnitude
/// refinement, cleanup with run-length mode) into signed magnitudes with one extra fraction bit (value × 2, plus the
/// mid-point of the undecoded interval). Supports bypass, context reset, terminate-each-pass, vertically causal
/// context and segmentation symbols.
/// </summary>
internal sealed class J2kBlockDecoder
{
    private const byte Sig = 1, Neg = 2, Visit = 4, Refined = 8;

    // Zero-coding context per sub-band orientation (0 LL, 1 HL, 2 LH, 3 HH), index h*15 + v*5 + d (Table D.1).
    private static readonly byte[][] ZeroContexts = BuildZeroContexts();

    private readonly J2kMqDecoder _mq = new();
    private byte[] _flags = [];
    private int[] _values = [];
    private int _width;
    private int _height;
    private int _stride;
    private bool _causal;
    private byte[] _zc = [];

    /// <summary>The decoded block: signed doubled magnitudes, row-major <c>width × height</c>.</summary>
    public ReadOnlySpan<int> Values => _values.AsSpan(0, _width * _height);

    /// <summary>Decodes a block of <paramref name="width"/> × <paramref name="height"/> coefficients.</summary>
    /// <param name="data">The block's bytes (all its segments, in order).</param>
    /// <param name="segments">Each segment's byte length and pass count.</param>
    /// <param name="width">Block width in coefficients.</param>
    /// <param name="height">Block height in coefficients.</param>
    /// <param name="orientation">0 LL, 1 HL, 2 LH, 3 HH.</param>
    /// <param name="bitPlanes">Magnitude bit-planes coded (Mb minus the zero bit-planes).</param>
    /// <param name="style">Code-block style bits of COD/COC.</param>
    public void Decode(byte[] data, List<(int Length, int Passes)> segments, int width, int height, int orientation, int bitPlanes, int style)
    {
        _width = width;
        _height = height;
        _stride = width + 2;
        int cells = _stride * (height + 2);
        if (_flags.Length < cells)
        {
            _flags = new byte[cells];
        }

        if (_values.Length < width * height)
        {
            _values = new int[width * height];
        }

        Array.Clear(_flags, 0, cells);
        Array.Clear(_values, 0, width * height);
        _causal = (style & J2kComponentStyle.StyleVerticalCausal) != 0;
        _zc = ZeroContexts[orientation];
        _mq.ResetContexts();
        bool bypass = (style & J2kComponentStyle.StyleBypass) != 0;
        int pass = 0, offset = 0;
        foreach ((int length, int passes) in segments)
        {
            bool raw = bypass && pass >= 10 && pass % 3 != 0;
            if (raw)
            {
                _mq.StartRaw(data, offset, offset + length);
            }
            else
            {
                _mq.Start(data, offset, offset + length);
            }

            for (int k = 0; k < passes; k++, pass++)
            {
                int plane = bitPlanes - 1 - ((pass + 2) / 3);
                if (plane < 0)
                {
                    return;
                }

                switch (pass % 3)
                {
                    case 0:
                        Cleanup(plane, (style & J2kComponentStyle.StyleSegmentation) != 0);
                        break;
                    case 1:
                        SignificancePass(plane, raw);
                        break;
                    default:
                        RefinementPass(plane, raw);
                        break;
                }

                if ((style & J2kComponentStyle.StyleReset) != 0)
                {
                    _mq.ResetContexts();
                }
            }

            offset += length;
        }
    }

    private void SignificancePass(int plane, bool raw)
    {
        for (int y0 = 0; y0 < _height; y0 += 4)
        {
            int y1 = Math.Min(y0 + 4, _height);
            for (int x = 0; x < _width; x++)
            {
                for (int y = y0; y < y1; y++)
                {
                    int fi = ((y + 1) * _stride) + x + 1;
                    if ((_flags[fi] & Sig) != 0)
                    {
                        continue;
                    }

                    int ctx = ZeroContext(fi, y == y0 + 3);
                    if (ctx == 0)
                    {
                        continue;
                    }

                    int bit = raw ? _mq.RawBit() : _mq.Decode(ctx);
                    if (bit != 0)
                    {
                        BecomeSignificant(fi, (y * _width) + x, plane, y == y0 + 3, raw);
                    }

                    _flags[fi] |= Visit;
                }
            }
        }
    }

    private void RefinementPass(int plane, bool raw)
    {
        int step = 1 << plane;
        for (int y0 = 0; y0 < _height; y0 += 4)
        {
            int y1 = Math.Min(y0 + 4, _height);
            for (int x = 0; x < _width; x++)
            {
                for (int y = y0; y < y1; y++)
                {
                    int fi = ((y + 1) * _stride) + x + 1;
                    byte f = _flags[fi];
                    if ((f & (Sig | Visit)) != Sig)
                    {
                        continue;
                    }

                    int bit;
                    if (raw)
                    {
                        bit = _mq.RawBit();
                    }
                    else
                    {
                        int ctx = (f & Refined) != 0 ? 16 : (ZeroContext(fi, y == y0 + 3) == 0 ? 14 : 15);
                        bit = _mq.Decode(ctx);
                    }

                    int vi = (y * _width) + x;
                    int mag = Math.Abs(_values[vi]) + (bit != 0 ? step : -step);
                    _values[vi] = (f & Neg) != 0 ? -mag : mag;
                    _flags[fi] = (byte)(f | Refined);
                }
            }
        }
    }

    private void Cleanup(int plane, bool segmentation)
    {
        for (int y0 = 0; y0 < _height; y0 += 4)
        {
            int y1 = Math.Min(y0 + 4, _height);
            for (int x = 0; x < _width; x++)
            {
                int start = y0;
                int fi0 = ((y0 + 1) * _stride) + x + 1;
                if (y1 == y0 + 4 && RunCandidate(fi0))
                {
                    if (_mq.Decode(J2kMqDecoder.RunLengthContext) == 0)
                    {
                        continue;
                    }

                    int r = _mq.Decode(J2kMqDecoder.UniformContext) << 1;
                    r |= _mq.Decode(J2kMqDecoder.UniformContext);
                    int y = y0 + r;
                    BecomeSignificant(fi0 + (r * _stride), (y * _width) + x, plane, r == 3, false);
                    start = y + 1;
                }

                for (int y = start; y < y1; y++)
                {
                    int fi = ((y + 1) * _stride) + x + 1;
                    if ((_flags[fi] & (Sig | Visit)) == 0 && _mq.Decode(ZeroContext(fi, y == y0 + 3)) != 0)
                    {
                        BecomeSignificant(fi, (y * _width) + x, plane, y == y0 + 3, false);
                    }
                }

                for (int y = y0; y < y1; y++)
                {
                    _flags[((y + 1) * _stride) + x + 1] &= unchecked((byte)~Visit);
                }
            }
        }

        if (segmentation)
        {
            // The segmentation symbol 1010 is decoded in the uniform context; a mismatch only signals corruption.
            for (int i = 0; i < 4; i++)
            {
                _mq.Decode(J2kMqDecoder.UniformContext);
            }
        }
    }

    private bool RunCandidate(int fi)
    {
        for (int k = 0; k < 4; k++)
        {
            int f = fi + (k * _stride);
            if ((_flags[f] & (Sig | Visit)) != 0 || ZeroContext(f, k == 3) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private void BecomeSignificant(int fi, int vi, int plane, bool stripeEnd, bool raw)
    {
        int negative;
        if (raw)
        {
            negative = _mq.RawBit();
        }
        else
        {
            (int ctx, int xor) = SignContext(fi, stripeEnd);
            negative = _mq.Decode(ctx) ^ xor;
        }

        int mag = 3 << plane;
        _values[vi] = negative != 0 ? -mag : mag;
        _flags[fi] |= (byte)(Sig | (negative != 0 ? Neg : 0));
    }

    private int ZeroContext(int fi, bool stripeEnd)
    {
        byte[] f = _flags;
        int s = _stride;
        int h = (f[fi - 1] & Sig) + (f[fi + 1] & Sig);
        int v = f[fi - s] & Sig;
        int d = (f[fi - s - 1] & Sig) + (f[fi - s + 1] & Sig);
        if (!(stripeEnd && _causal))
        {
            v += f[fi + s] & Sig;
            d += (f[fi + s - 1] & Sig) + (f[fi + s + 1] & Sig);
        }

        return _zc[(h * 15) + (v * 5) + d];
    }

    private (int Context, int Xor) SignContext(int fi, bool stripeEnd)
    {
        int h = Math.Clamp(Contribution(fi - 1) + Contribution(fi + 1), -1, 1);
        int v = Contribution(fi - _stride) + (stripeEnd && _causal ? 0 : Contribution(fi + _stride));
        v = Math.Clamp(v, -1, 1);
        // Table D.3: horizontal contribution 0 → 9 + |V|; otherwise 12 ± V, the sign predicted from H.
        return h switch
        {
            0 => (9 + Math.Abs(v), v < 0 ? 1 : 0),
            1 => (12 + v, 0),
            _ => (12 - v, 1),
        };
    }

    private int Contribution(int fi)
    {
        byte f = _flags[fi];
        return (f & Sig) == 0 ? 0 : ((f & Neg) != 0 ? -1 : 1);
    }

    private static byte[][] BuildZeroContexts()
    {
        var tables = new byte[4][];
        for (int o = 0; o < 4; o++)
        {
            tables[o] = new byte[45];
            for (int h = 0; h <= 2; h++)
            {
                for (int v = 0; v <= 2; v++)
                {
                    for (int d = 0; d <= 4; d++)
                    {
                        tables[o][(h * 15) + (v * 5) + d] = (byte)(o switch
                        {
                            1 => HorizontalContext(v, h, d),
                            3 => DiagonalContext(h + v, d),
                            _ => HorizontalContext(h, v, d),
                        });
                    }
                }
            }
        }

        return tables;
    }

    private static int HorizontalContext(int h, int v, int d) => h switch
    {
        2 => 8,
        1 => v >= 1 ? 7 : (d >= 1 ? 6 : 5),
        _ => v == 2 ? 4 : (v == 1 ? 3 : (d >= 2 ? 2 : d)),
    };

    private static int DiagonalContext(int hv, int d) => d switch
    {
        >= 3 => 8,
        2 => hv >= 1 ? 7 : 6,
        1 => hv >= 2 ? 5 : (hv == 1 ? 4 : 3),
        _ => hv >= 2 ? 2 : hv,
    };
}
