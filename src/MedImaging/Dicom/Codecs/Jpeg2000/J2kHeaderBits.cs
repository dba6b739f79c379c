namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Bit reader for packet headers (T.800 B.10.1): most significant bit first; a byte after 0xFF carries only seven
/// bits (its stuffed top bit is skipped). Reading past the tile data is a corrupt codestream.
/// </summary>
internal sealed class J2kHeaderBits(byte[] data, int end)
{
    private int _pos;
    private int _byte;
    private int _bits;

    public int Position => _pos;

    public void Start(int position)
    {
        _pos = position;
        _byte = 0;
        _bits = 0;
    }

    public int Bit()
    {
        if (_bits == 0)
        {
            if (_pos >= end)
            {
                throw new InvalidDataException($"packet header runs past the end of the tile data at offset {_pos}");
            }

            bool afterFf = _byte == 0xFF;
            _byte = data[_pos++];
            _bits = afterFf ? 7 : 8;
        }

        _bits--;
        return (_byte >> _bits) & 1;
    }

    public int Bits(int count)
    {
        int v = 0;
        for (int i = 0; i < count; i++)
        {
            v = (v << 1) | Bit();
        }

        return v;
    }

    /// <summary>Ends the header: the rest of the current byte is padding, and a final 0xFF is followed by a stuffed byte.</summary>
    public int Finish()
    {
        if (_byte == 0xFF)
        {
            _pos++;
        }

        _bits = 0;
        _byte = 0;
        return _pos;
    }
}

/// <summary>A tag tree (T.800 B.10.2): a quad-tree of minima over a grid of code-blocks, decoded lazily.</summary>
internal sealed class J2kTagTree
{
    private readonly int[] _value;
    private readonly int[] _low;
    private readonly int[] _offset;
    private readonly int[] _width;

    public J2kTagTree(int width, int height)
    {
        var offsets = new List<int>();
        var widths = new List<int>();
        int total = 0;
        int w = Math.Max(width, 1), h = Math.Max(height, 1);
        while (true)
        {
            offsets.Add(total);
            widths.Add(w);
            total += w * h;
            if (w == 1 && h == 1)
            {
                break;
            }

            w = (w + 1) >> 1;
            h = (h + 1) >> 1;
        }

        _offset = [.. offsets];
        _width = [.. widths];
        _value = new int[total];
        _low = new int[total];
        Array.Fill(_value, int.MaxValue);
    }

    /// <summary>Reads bits until the leaf's value is known to be below <paramref name="threshold"/> or not; true when below.</summary>
    public bool Decode(J2kHeaderBits bits, int x, int y, int threshold)
    {
        int low = 0;
        for (int level = _offset.Length - 1; level >= 0; level--)
        {
            int node = _offset[level] + ((y >> level) * _width[level]) + (x >> level);
            if (low > _low[node])
            {
                _low[node] = low;
            }
            else
            {
                low = _low[node];
            }

            while (low < threshold && low < _value[node])
            {
                if (bits.Bit() != 0)
                {
                    _value[node] = low;
                }
                else
                {
                    low++;
                }
            }

            _low[node] = low;
        }

        return _value[_offset[0] + (y * _width[0]) + x] < threshold;
    }

    /// <summary>Decodes the leaf's full value (used for zero bit-planes).</summary>
    public int DecodeValue(J2kHeaderBits bits, int x, int y)
    {
        int threshold = 1;
        while (!Decode(bits, x, y, threshold))
        {
            if (++threshold > 74)
            {
                throw new InvalidDataException("a tag-tree value exceeds the 74 bit-planes JPEG 2000 allows");
            }
        }

        return _value[_offset[0] + (y * _width[0]) + x];
    }
}
