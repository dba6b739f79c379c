using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Reads the entropy-coded bits of one JPEG-LS scan (ITU-T T.87 A.1): most significant bit first, and after every
/// 0xFF byte the next byte carries only 7 data bits (its top bit is a stuffed 0). An 0xFF followed by a byte with
/// its top bit set is a marker and ends the data; past it the reader yields zero bits and remembers that it ran
/// dry, which <see cref="ThrowIfOverrun"/> reports. Every read is bounded, so corrupt data cannot hang a decoder.
/// </summary>
internal ref struct JpegLsBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _cache;
    private int _cacheBits;
    private bool _previousWasFF;
    private bool _ended;
    private long _filledBits;
    private long _realBits;

    /// <summary>Starts reading at <paramref name="position"/> (the first byte after a SOS or RST marker).</summary>
    public JpegLsBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>Offset of the first byte not yet loaded: the marker that ended the data once the reader ran dry.</summary>
    public readonly int Position => _position;

    /// <summary>Throws when more bits were consumed than the scan data holds (a truncated or corrupt codestream).</summary>
    public readonly void ThrowIfOverrun()
    {
        if (_ended && _filledBits - _cacheBits > _realBits)
        {
            throw new JpegLsDataException($"the scan data ends at byte {_position} before all samples were decoded");
        }
    }

    /// <summary>Reads <paramref name="count"/> (0..32) bits as an unsigned value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        if (_cacheBits < count)
        {
            Fill();
        }

        int value = (int)(_cache >> (64 - count));
        _cache <<= count;
        _cacheBits -= count;
        return value;
    }

    /// <summary>Reads one bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBit() => ReadBits(1) != 0;

    /// <summary>
    /// Counts 0 bits up to and including the terminating 1 (the unary part of a Golomb code) and returns the number
    /// of zeros; more than <paramref name="maxZeros"/> zeros is corrupt data.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnary(int maxZeros)
    {
        int zeros = 0;
        while (true)
        {
            if (_cacheBits < 32)
            {
                Fill();
            }

            int leading = BitOperations.LeadingZeroCount(_cache);
            if (leading < _cacheBits)
            {
                zeros += leading;
                int consumed = leading + 1;
                _cache = consumed == 64 ? 0 : _cache << consumed;
                _cacheBits -= consumed;
                break;
            }

            zeros += _cacheBits;
            _cache = 0;
            _cacheBits = 0;
            if (zeros > maxZeros)
            {
                break;
            }
        }

        if (zeros > maxZeros)
        {
            ThrowTooManyZeros(maxZeros, _position);
        }

        return zeros;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooManyZeros(int maxZeros, int position) =>
        throw new JpegLsDataException($"a Golomb code has more than {maxZeros} leading zero bits near byte {position}");

    /// <summary>Drops the bits left in the current byte and any prefetched padding (before a restart marker).</summary>
    public void Reset(int position)
    {
        _position = position;
        _cache = 0;
        _cacheBits = 0;
        _previousWasFF = false;
        _ended = false;
        _filledBits = 0;
        _realBits = 0;
    }

    private void Fill()
    {
        while (_cacheBits <= 56)
        {
            if (_ended)
            {
                // Past the data: zero bits, counted so that ThrowIfOverrun can tell.
                _filledBits += 64 - _cacheBits;
                _cacheBits = 64;
                return;
            }

            if (_position >= _data.Length || (_data[_position] == 0xFF && (_position + 1 >= _data.Length || _data[_position + 1] >= 0x80)))
            {
                _ended = true;
                _realBits = _filledBits;
                continue;
            }

            byte value = _data[_position++];
            int bits = _previousWasFF ? 7 : 8;
            _cache |= (ulong)value << (64 - _cacheBits - bits);
            _cacheBits += bits;
            _filledBits += bits;
            _previousWasFF = value == 0xFF;
        }
    }
}

/// <summary>A JPEG-LS codestream problem; <see cref="JpegLsCodec"/> turns it into a <see cref="DicomCodecException"/>.</summary>
internal sealed class JpegLsDataException(string message) : Exception(message);
