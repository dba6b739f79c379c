using System.Buffers.Binary;

namespace MedImaging.IO;

/// <summary>
/// Writes PNG chunks (length, type, data, CRC-32 of type and data; ISO/IEC 15948 §5.3) to a stream, and, as a
/// <see cref="Stream"/>, collects the zlib data stream into IDAT chunks of at most a given payload length.
/// </summary>
internal sealed class PngChunkStream : Stream
{
    /// <summary>The largest chunk data length PNG allows (2³¹ − 1 bytes).</summary>
    public const int MaxChunkLength = int.MaxValue;

    private static readonly byte[] Idat = "IDAT"u8.ToArray();
    private readonly Stream _destination;
    private readonly byte[] _buffer;
    private int _filled;

    /// <summary>Chunks go to <paramref name="destination"/>; IDAT payloads are at most <paramref name="maxIdatLength"/> bytes.</summary>
    public PngChunkStream(Stream destination, int maxIdatLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIdatLength, 1);
        _destination = destination;
        _buffer = new byte[maxIdatLength];
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes one chunk: 4-byte big-endian length, the 4-letter type, the data, the CRC-32 of type and data.</summary>
    /// <exception cref="ArgumentException">The type is not four ASCII letters.</exception>
    public void WriteChunk(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        if (type.Length != 4 || !IsAsciiLetters(type))
        {
            throw new ArgumentException("a PNG chunk type is four ASCII letters", nameof(type));
        }

        // A span's length is below 2³¹ already; the check states the PNG limit where the length is written.
        if ((uint)data.Length > MaxChunkLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "a PNG chunk holds at most 2^31 - 1 bytes");
        }

        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        _destination.Write(word);
        _destination.Write(type);
        _destination.Write(data);
        uint crc = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        _destination.Write(word);
    }

    /// <summary>Writes the bytes still collected as a last IDAT chunk (nothing when none are).</summary>
    public void FlushIdat()
    {
        if (_filled > 0)
        {
            WriteChunk(Idat, _buffer.AsSpan(0, _filled));
            _filled = 0;
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length)
            {
                FlushIdat();
            }
        }
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Does nothing: IDAT chunks are cut at full length or by <see cref="FlushIdat"/>, never by a zlib flush.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    private static bool IsAsciiLetters(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
