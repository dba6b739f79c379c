namespace MedImaging.Dicom.Codecs;

/// <summary>A JPEG Huffman table (ITU-T T.81 C and F.2.2.3): canonical codes decoded with MAXCODE/VALPTR.</summary>
internal sealed class JpegHuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            _valPtr[length] = k;
            _minCode[length] = code;
            code += n;
            k += n;
            _maxCode[length] = n > 0 ? code - 1 : -1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>Decodes one symbol.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        int code = reader.ReadBit();
        int length = 1;
        while (length <= 16 && code > _maxCode[length])
        {
            code = (code << 1) | reader.ReadBit();
            length++;
        }

        int index = length <= 16 ? _valPtr[length] + code - _minCode[length] : -1;
        return index >= 0 && index < _values.Length ? _values[index] : throw new JpegDataException("invalid Huffman code");
    }
}

/// <summary>The entropy-coded segment's bit reader: removes stuffed zero bytes and stops at markers (then yields zeros, like libjpeg).</summary>
internal ref struct JpegBitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private uint _buffer;
    private int _bits;

    /// <summary>Next unread byte position.</summary>
    public int Position { get; private set; } = position;

    /// <summary>True once a marker was reached.</summary>
    public bool AtMarker { get; private set; }

    public int ReadBit()
    {
        if (_bits == 0)
        {
            Fill();
        }

        _bits--;
        return (int)((_buffer >> _bits) & 1);
    }

    public int ReadBits(int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            value = (value << 1) | ReadBit();
        }

        return value;
    }

    /// <summary>Reads the SSSS extra bits of a difference and extends the sign (T.81 F.2.2.1 EXTEND).</summary>
    public int Receive(int size)
    {
        if (size == 0)
        {
            return 0;
        }

        int value = ReadBits(size);
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    /// <summary>At a restart interval's end: drop remaining bits and step over the RSTn marker.</summary>
    public void Restart()
    {
        _bits = 0;
        AtMarker = false;
        while (Position + 1 < _data.Length && !(_data[Position] == 0xFF && _data[Position + 1] is >= 0xD0 and <= 0xD7))
        {
            Position++;
        }

        Position = Math.Min(Position + 2, _data.Length);
    }

    private void Fill()
    {
        byte next = 0;
        if (!AtMarker && Position < _data.Length)
        {
            byte b = _data[Position];
            if (b == 0xFF)
            {
                byte after = Position + 1 < _data.Length ? _data[Position + 1] : (byte)0xD9;
                if (after == 0x00)
                {
                    next = 0xFF;
                    Position += 2;
                }
                else
                {
                    AtMarker = true;
                }
            }
            else
            {
                next = b;
                Position++;
            }
        }

        _buffer = next;
        _bits = 8;
    }
}

/// <summary>A corrupt or unsupported JPEG codestream (wrapped into <see cref="DicomCodecException"/> by the codec).</summary>
internal sealed class JpegDataException(string message) : Exception(message);
