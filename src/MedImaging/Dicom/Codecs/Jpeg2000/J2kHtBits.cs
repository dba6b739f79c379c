namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Counts the bits an HT stream reader consumed against the real bits of its segment, so that a stream that ran
/// into fill bits (a truncated or inconsistent segment) is detected after the pass.
/// </summary>
internal abstract class J2kHtSegmentReader
{
    /// <summary>Bits consumed beyond the segment's real bits (0 when the segment sufficed).</summary>
    public long Overrun => Math.Max(0, Consumed - RealBits);

    protected byte[] Data { get; private set; } = [];

    /// <summary>Index of the next byte to read.</summary>
    protected int Position { get; set; }

    protected long Consumed { get; set; }

    protected long RealBits { get; set; }

    /// <summary>Starts reading <paramref name="data"/> at byte <paramref name="position"/> with no bit counted.</summary>
    protected void Begin(byte[] data, int position)
    {
        Data = data;
        Position = position;
        Consumed = 0;
        RealBits = 0;
    }
}

/// <summary>
/// Forward bit reader of the HT MagSgn and SigProp streams (T.814 clause 7): least significant bit first; a byte
/// after 0xFF carries seven bits (its top bit is stuffing). Past the segment it reads the fill byte the standard
/// prescribes (0xFF for MagSgn, 0 for SigProp) and counts how many bits came from real bytes.
/// </summary>
internal sealed class J2kHtForwardBits : J2kHtSegmentReader
{
    private int _end;
    private byte _fill;
    private ulong _buffer;
    private int _count;
    private bool _afterFf;

    public void Start(byte[] data, int start, int length, byte fill)
    {
        Begin(data, start);
        _end = start + length;
        _fill = fill;
        _buffer = 0;
        _count = 0;
        _afterFf = false;
    }

    /// <summary>Reads <paramref name="n"/> bits (0–32), the first one in bit 0.</summary>
    public uint Read(int n)
    {
        if (_count < n)
        {
            Fill();
        }

        uint value = (uint)(_buffer & ((1UL << n) - 1));
        _buffer >>= n;
        _count -= n;
        Consumed += n;
        return value;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            int b = Position < _end ? Data[Position] : _fill;
            int bits = _afterFf ? 7 : 8;
            if (Position < _end)
            {
                Position++;
                RealBits += bits;
            }

            _buffer |= (ulong)(b & ((1 << bits) - 1)) << _count;
            _count += bits;
            _afterFf = b == 0xFF;
        }
    }
}

/// <summary>
/// Backward bit reader of the HT VLC and MagRef streams (T.814 clause 7): bytes are read from the end of the segment
/// towards its start, least significant bit first; a byte whose low seven bits are all 1 and that follows (in
/// reading order) a byte above 0x8F carries seven bits. Past the segment start it reads zeros.
/// </summary>
internal sealed class J2kHtReverseBits : J2kHtSegmentReader
{
    private int _first;
    private ulong _buffer;
    private int _count;
    private bool _afterBig;

    /// <summary>Starts the VLC stream: the top nibble of byte <paramref name="last"/>, then bytes down to <paramref name="first"/>.</summary>
    public void StartVlc(byte[] data, int first, int last)
    {
        Reset(data, first, last - 1);
        int nibble = data[last] >> 4;
        int bits = (nibble & 7) == 7 ? 3 : 4;
        _buffer = (ulong)(nibble & ((1 << bits) - 1));
        _count = bits;
        RealBits = bits;
        _afterBig = nibble > 8;
    }

    /// <summary>Starts the MagRef stream: bytes from <paramref name="last"/> down to <paramref name="first"/>.</summary>
    public void StartMagRef(byte[] data, int first, int last)
    {
        Reset(data, first, last);
        _afterBig = true;
    }

    /// <summary>The next <paramref name="n"/> bits (at most 32) without consuming them.</summary>
    public uint Peek(int n)
    {
        if (_count < n)
        {
            Fill();
        }

        return (uint)(_buffer & ((1UL << n) - 1));
    }

    public void Skip(int n)
    {
        if (_count < n)
        {
            Fill();
        }

        _buffer >>= n;
        _count -= n;
        Consumed += n;
    }

    public uint Read(int n)
    {
        uint value = Peek(n);
        Skip(n);
        return value;
    }

    private void Reset(byte[] data, int first, int start)
    {
        Begin(data, start);
        _first = first;
        _buffer = 0;
        _count = 0;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            bool real = Position >= _first;
            int b = real ? Data[Position--] : 0;
            int bits = _afterBig && (b & 0x7F) == 0x7F ? 7 : 8;
            if (real)
            {
                RealBits += bits;
            }

            _buffer |= (ulong)(b & ((1 << bits) - 1)) << _count;
            _count += bits;
            _afterBig = b > 0x8F;
        }
    }
}

/// <summary>
/// The MEL decoder of the HT cleanup pass (T.814 clause 7.3.3): an adaptive run-length code over the zero-context
/// quad events, read most significant bit first from the start of the MEL segment. Its last byte shares its low
/// nibble with the segment-length field (read as 1s); past the segment it reads 0xFF.
/// </summary>
internal sealed class J2kHtMel : J2kHtSegmentReader
{
    // Run-length exponent for each of the 13 MEL states (T.814 Table 2).
    private static ReadOnlySpan<byte> Exponents => [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5];

    private int _last;
    private int _byte;
    private int _bits;
    private int _state;
    private int _zeros;
    private bool _oneFollows;

    /// <summary>Starts at byte <paramref name="first"/>; byte <paramref name="last"/> holds MEL bits in its top nibble only.</summary>
    public void Start(byte[] data, int first, int last)
    {
        Begin(data, first);
        _last = last;
        _byte = 0;
        _bits = 0;
        _state = 0;
        _zeros = 0;
        _oneFollows = false;
    }

    /// <summary>The next MEL event: 0 (the quad or quad pair is insignificant / no extra offset) or 1.</summary>
    public int Next()
    {
        if (_zeros == 0 && !_oneFollows)
        {
            int exponent = Exponents[_state];
            if (Bit() == 1)
            {
                _zeros = 1 << exponent;
                _state = Math.Min(_state + 1, 12);
            }
            else
            {
                int run = 0;
                for (int i = 0; i < exponent; i++)
                {
                    run = (run << 1) | Bit();
                }

                _zeros = run;
                _oneFollows = true;
                _state = Math.Max(_state - 1, 0);
            }
        }

        if (_zeros > 0)
        {
            _zeros--;
            return 0;
        }

        _oneFollows = false;
        return 1;
    }

    private int Bit()
    {
        if (_bits == 0)
        {
            bool afterFf = _byte == 0xFF;
            _bits = afterFf ? 7 : 8;
            if (Position < _last)
            {
                _byte = Data[Position++];
                RealBits += _bits;
            }
            else if (Position == _last)
            {
                _byte = Data[Position++] | 0x0F;
                RealBits += _bits - 4;
            }
            else
            {
                _byte = 0xFF;
            }
        }

        Consumed++;
        _bits--;
        return (_byte >> _bits) & 1;
    }
}
