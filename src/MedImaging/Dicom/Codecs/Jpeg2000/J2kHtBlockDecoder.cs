namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// HT (High-Throughput, ITU-T T.814 | ISO/IEC 15444-15) block decoder: the cleanup pass (MEL, context VLC with
/// U-VLC offsets, MagSgn) and the optional SigProp and MagRef refinement passes. Produces the same representation as
/// <see cref="J2kBlockDecoder"/>: signed magnitudes doubled, plus the mid-point of the undecoded interval.
/// </summary>
internal sealed partial class J2kHtBlockDecoder
{
    private readonly J2kHtMel _mel = new();
    private readonly J2kHtReverseBits _vlc = new();
    private readonly J2kHtForwardBits _magSgn = new();
    private int[] _values = [];
    private int _width;
    private int _height;

    // Per quad of the current line-pair: VLC entry (ρ, u_off, EMB) and the U-VLC offset u; ρ of the line-pair above.
    private int[] _entry = [];
    private int[] _u = [];
    private int[] _rhoAbove = [];

    // Per column (offset by one): v | 1 of the bottom sample of the line-pair above and of the current one.
    private long[] _vAbove = [];
    private long[] _vCurrent = [];

    /// <summary>The decoded block: signed doubled magnitudes, row-major <c>width × height</c>.</summary>
    public ReadOnlySpan<int> Values => _values.AsSpan(0, _width * _height);

    /// <summary>Decodes one HT code-block.</summary>
    /// <param name="data">The block's bytes: the cleanup segment, then the refinement segment if any.</param>
    /// <param name="segments">(length, passes): the cleanup segment (1 pass), then optionally SigProp/MagRef (1–2 passes).</param>
    /// <param name="width">Block width in coefficients.</param>
    /// <param name="height">Block height in coefficients.</param>
    /// <param name="plane">Bit-plane of the cleanup pass (0 = all magnitude bits).</param>
    /// <param name="magnitudeBits">Mb of the sub-band: no magnitude may reach 2^Mb.</param>
    /// <param name="causal">Vertically causal context (SigProp ignores the stripe below).</param>
    public void Decode(byte[] data, List<(int Length, int Passes)> segments, int width, int height, int plane, int magnitudeBits, bool causal)
    {
        _width = width;
        _height = height;
        if (_values.Length < width * height)
        {
            _values = new int[width * height];
        }

        Array.Clear(_values, 0, width * height);
        int refinementPasses = segments.Count > 1 ? segments[1].Passes : 0;
        if (refinementPasses > 0 && plane < 1)
        {
            throw new InvalidDataException($"an HT code-block has refinement passes below its cleanup bit-plane {plane}");
        }

        Cleanup(data, segments[0].Length, plane, magnitudeBits);
        if (refinementPasses > 0)
        {
            Refine(data, segments[0].Length, segments[1].Length, plane - 1, refinementPasses > 1, causal);
        }
    }

    private void Cleanup(byte[] data, int lcup, int plane, int magnitudeBits)
    {
        if (lcup < 2)
        {
            throw new InvalidDataException($"HT cleanup segment of {lcup} bytes (at least 2 hold the MEL/VLC length)");
        }

        int scup = (data[lcup - 1] << 4) | (data[lcup - 2] & 0xF);
        if (scup < 2 || scup > lcup || scup > 4079)
        {
            throw new InvalidDataException($"HT cleanup segment: MEL/VLC length Scup {scup} outside 2..{Math.Min(lcup, 4079)} (Lcup {lcup})");
        }

        int quadsWide = (_width + 1) / 2, quadRows = (_height + 1) / 2;
        if (_entry.Length < quadsWide + 1)
        {
            _entry = new int[quadsWide + 1];
            _u = new int[quadsWide + 1];
            _rhoAbove = new int[quadsWide + 2];
            _vAbove = new long[(2 * quadsWide) + 3];
            _vCurrent = new long[(2 * quadsWide) + 3];
        }

        Array.Clear(_rhoAbove);
        Array.Clear(_vAbove);
        _mel.Start(data, lcup - scup, lcup - 2);
        _vlc.StartVlc(data, lcup - scup, lcup - 2);
        _magSgn.Start(data, 0, lcup - scup, 0xFF);
        int maxExponent = magnitudeBits - plane + 1;
        for (int qy = 0; qy < quadRows; qy++)
        {
            DecodeQuadRowVlc(qy == 0, quadsWide);
            DecodeQuadRowMagSgn(qy, quadsWide, plane, maxExponent);
            for (int q = 0; q < quadsWide; q++)
            {
                _rhoAbove[q + 1] = (_entry[q] >> 4) & 0xF;
            }

            (_vAbove, _vCurrent) = (_vCurrent, _vAbove);
        }

        // The MagSgn encoder may drop a final 0xFF byte that the 0xFF fill restores, hence eight bits of slack.
        if (_mel.Overrun > 0 || _vlc.Overrun > 0 || _magSgn.Overrun > 8)
        {
            string stream = _mel.Overrun > 0 ? "MEL" : (_vlc.Overrun > 0 ? "VLC" : "MagSgn");
            throw new InvalidDataException($"HT cleanup segment of {lcup} bytes (Scup {scup}): the {stream} stream runs past its segment");
        }
    }

    private void DecodeQuadRowVlc(bool initial, int quadsWide)
    {
        ushort[] table = initial ? J2kHtVlcTables.Initial : J2kHtVlcTables.Later;
        for (int q = 0; q < quadsWide; q += 2)
        {
            bool pair = q + 1 < quadsWide;
            _entry[q] = QuadCodeword(table, initial, q);
            _entry[q + 1] = pair ? QuadCodeword(table, initial, q + 1) : 0;
            DecodeOffsets(initial, q, (_entry[q] & 8) != 0, (_entry[q + 1] & 8) != 0);
        }
    }

    /// <summary>The VLC entry of quad <paramref name="q"/>; a zero context first asks MEL whether the quad is significant.</summary>
    private int QuadCodeword(ushort[] table, bool initial, int q)
    {
        int left = q > 0 ? (_entry[q - 1] >> 4) & 0xF : 0;
        int context;
        if (initial)
        {
            // Initial line-pair: the left quad's samples (top-left|bottom-left, top-right, bottom-right).
            context = (left & 1) | ((left >> 1) & 1) | (((left >> 2) & 1) << 1) | (((left >> 3) & 1) << 2);
        }
        else
        {
            // Later line-pairs: north-west|north, west|south-west, north-east|beyond (T.814 context of quad q).
            int aboveLeft = _rhoAbove[q], above = _rhoAbove[q + 1], aboveRight = _rhoAbove[q + 2];
            context = ((aboveLeft >> 3) & 1) | ((above >> 1) & 1)
                | ((((left >> 2) & 1) | ((left >> 3) & 1)) << 1)
                | ((((above >> 3) & 1) | ((aboveRight >> 1) & 1)) << 2);
        }

        if (context == 0 && _mel.Next() == 0)
        {
            return 0;
        }

        int entry = table[(context << 7) | (int)_vlc.Peek(7)];
        if ((entry & 7) == 0)
        {
            throw new InvalidDataException($"HT cleanup segment: no VLC codeword matches in context {context} (corrupt VLC stream)");
        }

        _vlc.Skip(entry & 7);
        return entry;
    }

    /// <summary>Decodes the U-VLC exponent offsets u of a quad pair (T.814 clause 7.3.6), in the standard's bit order.</summary>
    private void DecodeOffsets(bool initial, int q, bool first, bool second)
    {
        int bias = 0, prefixA = 0;
        bool prefixARead = false;
        if (initial && first && second)
        {
            // Initial line-pair, both quads with offsets: a MEL event 1 says both offsets are at least 2 (coded minus 2).
            if (_mel.Next() == 1)
            {
                bias = 2;
            }
            else
            {
                prefixA = Prefix();
                prefixARead = true;
                if (prefixA > 2)
                {
                    // The first offset exceeds 2, so the second is 1 or 2 and takes a single bit before the suffix.
                    int single = 1 + (int)_vlc.Read(1);
                    _u[q] = Extend(prefixA + (int)_vlc.Read(SuffixBits(prefixA)));
                    _u[q + 1] = single;
                    return;
                }
            }
        }

        if (first && !prefixARead)
        {
            prefixA = Prefix();
        }

        int prefixB = second ? Prefix() : 0;
        int ua = first ? prefixA + (int)_vlc.Read(SuffixBits(prefixA)) : 0;
        int ub = second ? prefixB + (int)_vlc.Read(SuffixBits(prefixB)) : 0;
        _u[q] = first ? Extend(ua) + bias : 0;
        _u[q + 1] = second ? Extend(ub) + bias : 0;
    }

    /// <summary>U-VLC prefix: "1" → 1, "01" → 2, "001" → 3, "000" → 5 (bits in stream order).</summary>
    private int Prefix()
    {
        if (_vlc.Read(1) == 1)
        {
            return 1;
        }

        if (_vlc.Read(1) == 1)
        {
            return 2;
        }

        return _vlc.Read(1) == 1 ? 3 : 5;
    }

    private static int SuffixBits(int prefix) => prefix switch { 3 => 1, 5 => 5, _ => 0 };

    /// <summary>Offsets above 32 carry a four-bit extension worth 4 each.</summary>
    private int Extend(int u) => u > 32 ? u + (4 * (int)_vlc.Read(4)) : u;

    private void DecodeQuadRowMagSgn(int qy, int quadsWide, int plane, int maxExponent)
    {
        Array.Clear(_vCurrent);
        for (int q = 0; q < quadsWide; q++)
        {
            int entry = _entry[q];
            int rho = (entry >> 4) & 0xF;
            if (rho == 0)
            {
                continue;
            }

            int kappa = 1;
            if (qy > 0 && (rho & (rho - 1)) != 0)
            {
                // More than one significant sample: the exponent predictor is the largest exponent above, less one.
                long above = _vAbove[2 * q] | _vAbove[(2 * q) + 1] | _vAbove[(2 * q) + 2] | _vAbove[(2 * q) + 3];
                kappa = Math.Max(64 - (int)ulong.LeadingZeroCount((ulong)above) - 1, 1);
            }

            int exponent = _u[q] + kappa;
            if (exponent > maxExponent)
            {
                throw new InvalidDataException($"HT cleanup: quad {q} of line-pair {qy} has exponent bound {exponent}, the sub-band allows {maxExponent}");
            }

            for (int n = 0; n < 4; n++)
            {
                if ((rho & (1 << n)) != 0)
                {
                    StoreSample(q, qy, n, entry, exponent, plane);
                }
            }
        }
    }

    private void StoreSample(int q, int qy, int n, int entry, int exponent, int plane)
    {
        int m = exponent - ((entry >> (12 + n)) & 1);
        long v = _magSgn.Read(m) | ((long)((entry >> (8 + n)) & 1) << m);
        long magnitude = ((((v >> 1) + 1) * 2) + 1) << plane;
        if (magnitude > int.MaxValue)
        {
            throw new InvalidDataException($"HT cleanup: a magnitude of quad {q} in line-pair {qy} exceeds 31 bits");
        }

        int x = (2 * q) + (n >> 1), y = (2 * qy) + (n & 1);
        if ((n & 1) == 1)
        {
            _vCurrent[x + 1] = v | 1;
        }

        if (x < _width && y < _height)
        {
            _values[(y * _width) + x] = (v & 1) != 0 ? -(int)magnitude : (int)magnitude;
        }
    }
}
