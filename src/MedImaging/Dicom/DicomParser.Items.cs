namespace MedImaging.Dicom;

/// <content>Sequence items and encapsulated pixel data fragments.</content>
internal sealed partial class DicomParser
{
    private List<DicomDataset> ReadItems(DicomTag sequenceTag, int valueEnd, int end, int depth, bool undefinedLength)
    {
        if (depth + 1 > _options.MaxSequenceDepth)
        {
            throw Fail(_pos, sequenceTag, $"sequences nested deeper than {_options.MaxSequenceDepth} levels");
        }

        var items = new List<DicomDataset>();
        int limit = undefinedLength ? end : valueEnd;
        while (undefinedLength || _pos < valueEnd)
        {
            if (limit - _pos < 8)
            {
                NeedOr(8);
                throw Fail(_pos, sequenceTag, undefinedLength
                    ? "sequence of undefined length has no sequence delimitation (FFFE,E0DD) before the data ends"
                    : $"{limit - _pos} bytes left in the sequence where an item header (8 bytes) was expected");
            }

            int start = _pos;
            DicomTag tag = ReadTag();
            uint length = ReadUInt32(_pos + 4);
            _pos += 8;
            if (tag.Group == ItemGroup && tag.Element == SequenceDelimitation)
            {
                break;
            }

            if (tag.Group != ItemGroup || tag.Element != ItemElement)
            {
                throw Fail(start, sequenceTag, $"expected an item (FFFE,E000) in the sequence, found {tag}");
            }

            var item = new DicomDataset(_source) { ItemOffset = start };
            if (length == Undefined)
            {
                ReadElements(item, limit, depth + 1, untilItemDelimiter: true, stopBefore: null, topLevel: false);
            }
            else
            {
                if (!undefinedLength && length > (uint)(limit - _pos))
                {
                    // An item longer than the rest of its defined-length sequence (DICOMDIRs edited without fixing the
                    // item length, e.g. pydicom's DICOMDIR-nooffset) ends where the sequence ends, as DCMTK and pydicom
                    // read it; its elements are still checked against that end.
                    length = (uint)(limit - _pos);
                }

                CheckLength(sequenceTag, start, length, limit);
                int itemEnd = _pos + (int)length;
                ReadElements(item, itemEnd, depth + 1, untilItemDelimiter: false, stopBefore: null, topLevel: false);
                _pos = itemEnd;
            }

            items.Add(item);
        }

        return items;
    }

    private DicomFragments ReadFragments(DicomTag tag, int end)
    {
        var fragments = new List<ReadOnlyMemory<byte>>();
        ReadOnlyMemory<byte> offsetTable = default;
        bool first = true;
        while (true)
        {
            if (end - _pos < 8)
            {
                NeedOr(8);
                throw Fail(_pos, tag, "encapsulated pixel data ends without a sequence delimitation (FFFE,E0DD)");
            }

            int start = _pos;
            DicomTag itemTag = ReadTag();
            uint length = ReadUInt32(_pos + 4);
            _pos += 8;
            if (itemTag.Group == ItemGroup && itemTag.Element == SequenceDelimitation)
            {
                return new DicomFragments(offsetTable, fragments);
            }

            if (itemTag.Group != ItemGroup || itemTag.Element != ItemElement || length == Undefined)
            {
                throw Fail(start, tag, $"expected a fragment item (FFFE,E000) of defined length, found {itemTag} with length 0x{length:X}");
            }

            CheckLength(tag, start, length, end);
            ReadOnlyMemory<byte> data = _buffer.Slice(_pos, (int)length);
            _pos += (int)length;
            if (first)
            {
                offsetTable = data;
                first = false;
            }
            else
            {
                fragments.Add(data);
            }
        }
    }
}
