using System.Buffers.Binary;
using System.Globalization;

namespace MedImaging.Dicom;

/// <summary>
/// Parses a dataset from a byte buffer (span-based, no copies: element values are slices of the buffer). Every
/// length is checked against the bytes left before it is trusted.
/// </summary>
internal sealed partial class DicomParser
{
    private const uint Undefined = 0xFFFFFFFF;
    private const ushort ItemGroup = 0xFFFE;
    private const ushort ItemElement = 0xE000;
    private const ushort ItemDelimitation = 0xE00D;
    private const ushort SequenceDelimitation = 0xE0DD;

    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly string _source;
    private readonly bool _partial;
    private readonly long _fileLength;
    private readonly DicomReadOptions _options;
    private bool _explicitVR;
    private bool _bigEndian;
    private int _pos;

    /// <summary>Creates a parser over <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The bytes (the whole file, or its first part when <paramref name="fileLength"/> is larger).</param>
    /// <param name="source">The file name for messages.</param>
    /// <param name="fileLength">The whole file's length; when larger than the buffer, running out asks for more data.</param>
    /// <param name="options">Read options.</param>
    public DicomParser(ReadOnlyMemory<byte> buffer, string source, long fileLength, DicomReadOptions options)
    {
        _buffer = buffer;
        _source = source;
        _fileLength = fileLength;
        _partial = fileLength > buffer.Length;
        _options = options;
    }

    /// <summary>Offset of the top-level pixel data element's tag when the parse stopped before it, else -1.</summary>
    public long StoppedAtPixelData { get; private set; } = -1;

    /// <summary>Current position.</summary>
    public int Position
    {
        get => _pos;
        set => _pos = value;
    }

    /// <summary>Sets the encoding of what follows.</summary>
    public void SetEncoding(bool explicitVR, bool bigEndian)
    {
        _explicitVR = explicitVR;
        _bigEndian = bigEndian;
    }

    /// <summary>Parses top-level elements until the end of the buffer (or the pixel data when asked to stop there).</summary>
    public DicomDataset ParseTopLevel(DicomDataset into, Func<DicomTag, bool>? stopBefore = null)
    {
        ReadElements(into, _buffer.Length, 0, untilItemDelimiter: false, stopBefore, topLevel: true);
        return into;
    }

    /// <summary>Thrown internally when a header-only read ran past the bytes loaded so far.</summary>
    public sealed class NeedMoreDataException : Exception
    {
    }

    private ReadOnlySpan<byte> Span => _buffer.Span;

    private void ReadElements(DicomDataset into, int end, int depth, bool untilItemDelimiter, Func<DicomTag, bool>? stopBefore, bool topLevel)
    {
        List<DicomTag>? outer = _ambiguousImplicit;
        _ambiguousImplicit = null;
        try
        {
            ReadElementsOf(into, end, depth, untilItemDelimiter, stopBefore, topLevel);
            if (_ambiguousImplicit is { } ambiguous)
            {
                ResolveAmbiguousVRs(into, ambiguous);
            }
        }
        finally
        {
            _ambiguousImplicit = outer;
        }
    }

    private void ReadElementsOf(DicomDataset into, int end, int depth, bool untilItemDelimiter, Func<DicomTag, bool>? stopBefore, bool topLevel)
    {
        while (_pos < end)
        {
            if (end - _pos < 8)
            {
                // In a partial (header-only) buffer the bytes left may be the start of the next element: load more
                // before taking them for trailing zero padding.
                NeedOr(8);
                if (topLevel && Span[_pos..end].IndexOfAnyExcept((byte)0) < 0)
                {
                    _pos = end;
                    return;
                }

                throw Fail(_pos, null, $"only {end - _pos} bytes left where an element header (8 bytes) was expected");
            }

            int start = _pos;
            DicomTag tag = ReadTag();
            if (tag.Group == ItemGroup)
            {
                if (tag.Element == ItemDelimitation && untilItemDelimiter)
                {
                    _pos += 8;
                    return;
                }

                if (tag.Element is SequenceDelimitation or ItemDelimitation)
                {
                    // A stray delimiter (an item delimiter in a defined-length item, a sequence delimiter at top
                    // level) is written by some tools; it carries nothing, so step over it.
                    _pos += 8;
                    continue;
                }

                if (tag.Element == ItemElement && topLevel && ReadUInt32(_pos + 4) is uint stray && stray != Undefined && stray <= (uint)(end - _pos - 8))
                {
                    // A stray item of defined length among top-level elements (seen in ultrasound files): keep its
                    // bytes as an element, as pydicom and DCMTK do, and carry on.
                    _pos += 8;
                    into.AddOrReplace(new DicomElement(tag, DicomVR.UN, _buffer.Slice(_pos, (int)stray), _bigEndian, _pos));
                    _pos += (int)stray;
                    continue;
                }

                throw Fail(start, tag, "unexpected item tag inside a dataset");
            }

            if (stopBefore is not null && stopBefore(tag))
            {
                _pos = start;
                StoppedAtPixelData = start;
                return;
            }

            into.AddOrReplace(ReadElement(tag, start, end, depth));
        }

        if (topLevel)
        {
            // The last element ended exactly where a partial (header-only) buffer ends: the file goes on.
            NeedOr(1);
        }

        if (untilItemDelimiter && _pos >= end)
        {
            NeedOr(1);
            throw Fail(_pos, null, "an item of undefined length has no item delimitation (FFFE,E00D) before the data ends");
        }
    }

    private DicomElement ReadElement(DicomTag tag, int start, int end, int depth)
    {
        (DicomVR vr, uint length) = ReadVRAndLength(tag, start, end);
        int valueStart = _pos;
        if (length == Undefined)
        {
            if (tag == DicomTag.PixelData && vr is DicomVR.OB or DicomVR.OW or DicomVR.UN)
            {
                return new DicomElement(tag, vr, ReadFragments(tag, end), valueStart);
            }

            // SQ, UN or an implicit-VR private tag with undefined length: a sequence (UN ones in implicit VR LE, PS3.5 6.2.2).
            bool savedExplicit = _explicitVR;
            bool savedBig = _bigEndian;
            if (vr == DicomVR.UN)
            {
                SetEncoding(false, false);
            }

            IReadOnlyList<DicomDataset> items = ReadItems(tag, end, end, depth, undefinedLength: true);
            SetEncoding(savedExplicit, savedBig);
            return new DicomElement(tag, items, valueStart);
        }

        CheckLength(tag, start, length, end);
        int valueEnd = _pos + (int)length;
        if (vr == DicomVR.SQ)
        {
            IReadOnlyList<DicomDataset> items = ReadItems(tag, valueEnd, end, depth, undefinedLength: false);
            _pos = valueEnd;
            return new DicomElement(tag, items, valueStart);
        }

        _pos = valueEnd;
        return new DicomElement(tag, vr, _buffer.Slice(valueStart, (int)length), _bigEndian, valueStart);
    }

    private (DicomVR Vr, uint Length) ReadVRAndLength(DicomTag tag, int start, int end)
    {
        if (_explicitVR)
        {
            DicomVR? vr = DicomVRs.FromCode(Span[_pos + 4], Span[_pos + 5]);
            if (vr is DicomVR explicitVr)
            {
                if (DicomVRs.HasLongLength(explicitVr))
                {
                    if (end - _pos < 12)
                    {
                        NeedOr(12);
                        throw Fail(start, tag, "element header is cut short (12 bytes expected)");
                    }

                    uint longLength = ReadUInt32(_pos + 8);
                    _pos += 12;
                    return (explicitVr, longLength);
                }

                uint shortLength = ReadUInt16(_pos + 6);
                _pos += 8;
                return (explicitVr, shortLength);
            }

            if (Span[_pos + 4] is >= (byte)'A' and <= (byte)'Z' && Span[_pos + 5] is >= (byte)'A' and <= (byte)'Z')
            {
                // Two letters that are no VR (e.g. "ZZ"): PS3.5 7.1.2 says treat like UN, whose length is 32-bit
                // after a 2-byte reserved field; writers of such files use the short form, so prefer whichever fits.
                uint shortLength = ReadUInt16(_pos + 6);
                _pos += 8;
                return (DicomVR.UN, shortLength);
            }
        }

        // Implicit VR (or an explicit-VR file that switches to implicit VR here): VR from the dictionary.
        uint length = ReadUInt32(_pos + 4);
        _pos += 8;
        return (ImplicitVR(tag, length), length);
    }

    private DicomVR ImplicitVR(DicomTag tag, uint length)
    {
        if (tag.IsPrivate)
        {
            return tag.Element is >= 0x0010 and <= 0x00FF ? DicomVR.LO : length == Undefined ? DicomVR.SQ : DicomVR.UN;
        }

        NoteIfAmbiguous(tag);
        DicomVR vr = DicomDictionary.GetVR(tag);
        return tag == DicomTag.PixelData && length != Undefined ? DicomVR.OW : vr;
    }

    private void CheckLength(DicomTag tag, int headerStart, uint length, int end)
    {
        if (length > (uint)(end - _pos))
        {
            NeedOr(length);
            throw Fail(headerStart, tag, string.Create(CultureInfo.InvariantCulture,
                $"value length {length} exceeds the {end - _pos:N0} bytes remaining (file truncated or length field corrupt)"));
        }
    }

    /// <summary>In a partial (header-only) buffer, running out means "load more" rather than "corrupt".</summary>
    private void NeedOr(uint needed)
    {
        if (_partial && _pos + (long)needed > _buffer.Length && _buffer.Length < _fileLength)
        {
            throw new NeedMoreDataException();
        }
    }

    private DicomFormatException Fail(int offset, DicomTag? tag, string problem) => new(_source, offset, tag, problem);

    private DicomTag ReadTag() => new(ReadUInt16(_pos), ReadUInt16(_pos + 2));

    private ushort ReadUInt16(int at) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Span[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(Span[at..]);

    private uint ReadUInt32(int at) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(Span[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(Span[at..]);
}
