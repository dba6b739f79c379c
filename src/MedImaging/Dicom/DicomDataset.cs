namespace MedImaging.Dicom;

/// <summary>
/// A DICOM dataset: elements kept in ascending tag order, with typed accessors (<c>GetString</c>, <c>GetDoubles</c>,
/// <c>GetInt32s</c>, <c>TryGet…</c>) that decode values on demand, honouring the VR, the byte order and the
/// Specific Character Set (inherited by sequence items). Not thread-safe for writers; concurrent reads are fine.
/// </summary>
public sealed partial class DicomDataset
{
    private readonly List<DicomElement> _elements = [];
    private DicomCharacterSet? _characterSet;

    /// <summary>Creates an empty dataset.</summary>
    /// <param name="source">The file it came from, used in error messages.</param>
    public DicomDataset(string source = "dataset")
    {
        Source = source;
    }

    /// <summary>The file (or buffer description) the dataset was read from, named in error messages.</summary>
    public string Source { get; }

    /// <summary>The enclosing dataset for a sequence item (its character set is inherited), else null.</summary>
    public DicomDataset? Parent { get; internal set; }

    /// <summary>
    /// For a sequence item read from a file, the byte offset of its item tag (FFFE,E000) in the file (in the inflated
    /// stream for deflated files), the position DICOMDIR record offsets (0004,1400)/(0004,1420) point at; else -1.
    /// </summary>
    public long ItemOffset { get; internal set; } = -1;

    /// <summary>The elements in ascending tag order.</summary>
    public IReadOnlyList<DicomElement> Elements => _elements;

    /// <summary>The number of elements.</summary>
    public int Count => _elements.Count;

    /// <summary>
    /// The character set text values are decoded with: this dataset's Specific Character Set (0008,0005), else the
    /// enclosing dataset's, else the default repertoire.
    /// </summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is null)
            {
                DicomElement? element = GetElement(DicomTag.SpecificCharacterSet);
                _characterSet = element is not null
                    ? DicomCharacterSet.FromTerms(DicomCharacterSet.Default.DecodeStrings(element.RawValue.Span, DicomVR.CS))
                    : Parent?.CharacterSet ?? DicomCharacterSet.Default;
            }

            return _characterSet;
        }
    }

    /// <summary>True when the dataset holds the tag.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>The element with this tag, or null.</summary>
    public DicomElement? GetElement(DicomTag tag)
    {
        int index = IndexOf(tag);
        return index >= 0 ? _elements[index] : null;
    }

    /// <summary>Adds an element, replacing one with the same tag; keeps tag order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="element"/> is null.</exception>
    public void AddOrReplace(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Tag == DicomTag.SpecificCharacterSet)
        {
            _characterSet = null;
        }

        SetParent(element);
        if (_elements.Count == 0 || _elements[^1].Tag < element.Tag)
        {
            _elements.Add(element);
            return;
        }

        int index = IndexOf(element.Tag);
        if (index >= 0)
        {
            _elements[index] = element;
        }
        else
        {
            _elements.Insert(~index, element);
        }
    }

    /// <summary>Removes the element with this tag; returns false when there was none.</summary>
    public bool Remove(DicomTag tag)
    {
        int index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        _elements.RemoveAt(index);
        if (tag == DicomTag.SpecificCharacterSet)
        {
            _characterSet = null;
        }

        return true;
    }

    /// <summary>Creates the exception for a missing or unreadable element of this dataset.</summary>
    internal DicomFormatException Error(DicomTag tag, string problem, long offset = -1) => new(Source, offset, tag, problem);

    private void SetParent(DicomElement element)
    {
        if (element.Items is { } items)
        {
            foreach (DicomDataset item in items)
            {
                item.Parent = this;
            }
        }
    }

    private int IndexOf(DicomTag tag)
    {
        int lo = 0;
        int hi = _elements.Count - 1;
        uint key = tag.Value;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint value = _elements[mid].Tag.Value;
            if (value == key)
            {
                return mid;
            }

            if (value < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
