namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The MQ arithmetic decoder of T.800 Annex C (47-state probability table, 19 contexts), plus the raw bit reader
/// used by the arithmetic-coding bypass. Reads past the segment end see 0xFF bytes, so a truncated segment
/// decodes to something rather than overrunning.
/// </summary>
internal sealed class J2kMqDecoder
{
    public const int ContextCount = 19;
    public const int RunLengthContext = 17;
    public const int UniformContext = 18;

    // Qe, next index after MPS, next index after LPS, switch flag (Table C.2).
    private static readonly ushort[] Qe =
    [
        0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001, 0x2401, 0x1C01, 0x1601,
        0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801, 0x2401, 0x2201, 0x1C01, 0x1801, 0x1601, 0x1401,
        0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1, 0x0521, 0x0441, 0x02A1, 0x0221, 0x0141, 0x0111, 0x0085, 0x0049, 0x0025,
        0x0015, 0x0009, 0x0005, 0x0001, 0x5601,
    ];

    private static readonly byte[] NextMps =
    [
        1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46,
    ];

    private static readonly byte[] NextLps =
    [
        1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23, 24, 25, 26, 27,
        28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46,
    ];

    private readonly byte[] _state = new byte[ContextCount];
    private readonly byte[] _mps = new byte[ContextCount];
    private byte[] _data = [];
    private int _end;
    private int _pos;
    private uint _c;
    private uint _a;
    private int _ct;
    private int _rawByte;
    private int _rawBits;

    /// <summary>Resets every context to its initial state (T.800 Table D.7).</summary>
    public void ResetContexts()
    {
        Array.Clear(_state);
        Array.Clear(_mps);
        _state[0] = 4;
        _state[RunLengthContext] = 3;
        _state[UniformContext] = 46;
    }

    /// <summary>Starts decoding the segment <paramref name="data"/>[start, end) (INITDEC).</summary>
    public void Start(byte[] data, int start, int end)
    {
        _data = data;
        _pos = start;
        _end = end;
        _c = (uint)ByteAt(_pos) << 16;
        ByteIn();
        _c <<= 7;
        _ct -= 7;
        _a = 0x8000;
    }

    /// <summary>Starts reading the segment as raw bits (bypass mode, T.800 D.6).</summary>
    public void StartRaw(byte[] data, int start, int end)
    {
        _data = data;
        _pos = start;
        _end = end;
        _rawBits = 0;
        _rawByte = 0;
    }

    /// <summary>One raw bit; after a 0xFF byte the next byte's stuffed most significant bit is skipped.</summary>
    public int RawBit()
    {
        if (_rawBits == 0)
        {
            bool afterFf = _rawByte == 0xFF;
            _rawByte = ByteAt(_pos++);
            _rawBits = afterFf ? 7 : 8;
        }

        _rawBits--;
        return (_rawByte >> _rawBits) & 1;
    }

    /// <summary>Decodes one binary decision in context <paramref name="cx"/> (DECODE with LPS/MPS exchange).</summary>
    public int Decode(int cx)
    {
        int index = _state[cx];
        uint qe = Qe[index];
        int d;
        _a -= qe;
        if ((_c >> 16) < qe)
        {
            if (_a < qe)
            {
                d = _mps[cx];
                _state[cx] = NextMps[index];
            }
            else
            {
                d = 1 - _mps[cx];
                SwitchAndLps(cx, index);
            }

            _a = qe;
            Renormalize();
            return d;
        }

        _c -= qe << 16;
        if ((_a & 0x8000) != 0)
        {
            return _mps[cx];
        }

        if (_a < qe)
        {
            d = 1 - _mps[cx];
            SwitchAndLps(cx, index);
        }
        else
        {
            d = _mps[cx];
            _state[cx] = NextMps[index];
        }

        Renormalize();
        return d;
    }

    private void SwitchAndLps(int cx, int index)
    {
        if (index is 0 or 6 or 14)
        {
            _mps[cx] ^= 1;
        }

        _state[cx] = NextLps[index];
    }

    private void Renormalize()
    {
        do
        {
            if (_ct == 0)
            {
                ByteIn();
            }

            _a <<= 1;
            _c <<= 1;
            _ct--;
        }
        while (_a < 0x8000);
    }

    private void ByteIn()
    {
        if (ByteAt(_pos) == 0xFF)
        {
            if (ByteAt(_pos + 1) > 0x8F)
            {
                _c += 0xFF00;
                _ct = 8;
            }
            else
            {
                _pos++;
                _c += (uint)ByteAt(_pos) << 9;
                _ct = 7;
            }
        }
        else
        {
            _pos++;
            _c += (uint)ByteAt(_pos) << 8;
            _ct = 8;
        }
    }

    private int ByteAt(int i) => i < _end ? _data[i] : 0xFF;
}
