namespace MedImaging.Dicom;

/// <summary>
/// One directory record of a DICOMDIR (PS3.3 F.3.2.2): an item of the Directory Record Sequence (0004,1220) with its
/// type (PATIENT, STUDY, SERIES, IMAGE, ...), the file it references, if any, and the records one level below it.
/// </summary>
public sealed class DicomDirectoryRecord
{
    private readonly List<DicomDirectoryRecord> _children = [];

    internal DicomDirectoryRecord(DicomDataset dataset, int index, string recordType, IReadOnlyList<string> referencedFileId, string? referencedFilePath, bool isInUse)
    {
        Dataset = dataset;
        Index = index;
        RecordType = recordType;
        ReferencedFileId = referencedFileId;
        ReferencedFilePath = referencedFilePath;
        IsInUse = isInUse;
    }

    /// <summary>The record's elements (e.g. PatientID, StudyInstanceUID, SeriesInstanceUID, ReferencedSOPInstanceUIDInFile).</summary>
    public DicomDataset Dataset { get; }

    /// <summary>Position of the record in the Directory Record Sequence (0-based).</summary>
    public int Index { get; }

    /// <summary>Byte offset of the record's item tag in the DICOMDIR file, the value other records' offsets point at.</summary>
    public long Offset => Dataset.ItemOffset;

    /// <summary>DirectoryRecordType (0004,1430), e.g. "PATIENT", "STUDY", "SERIES", "IMAGE"; empty when absent.</summary>
    public string RecordType { get; }

    /// <summary>ReferencedFileID (0004,1500): the path components of the referenced file, relative to the DICOMDIR's
    /// folder; empty when the record references no file.</summary>
    public IReadOnlyList<string> ReferencedFileId { get; }

    /// <summary>The referenced file's full path (inside the DICOMDIR's folder), or null when the record references none.</summary>
    public string? ReferencedFilePath { get; }

    /// <summary>False when RecordInUseFlag (0004,1410) is 0000H (an inactive record, PS3.3 F.3.2.2); its file is not listed.</summary>
    public bool IsInUse { get; }

    /// <summary>The records of the level below (e.g. a STUDY's SERIES records), in directory order.</summary>
    public IReadOnlyList<DicomDirectoryRecord> Children => _children;

    internal void AddChild(DicomDirectoryRecord child) => _children.Add(child);

    /// <inheritdoc/>
    public override string ToString() => ReferencedFileId.Count == 0 ? RecordType : $"{RecordType} {string.Join('/', ReferencedFileId)}";
}
