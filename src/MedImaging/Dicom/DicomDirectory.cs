using System.Globalization;

namespace MedImaging.Dicom;

/// <summary>
/// A DICOMDIR (PS3.10 §8, Basic Directory IOD of PS3.3 Annex F): the records of its Directory Record Sequence
/// (0004,1220) arranged as the PATIENT → STUDY → SERIES → IMAGE (or other leaf) hierarchy, and the files the records
/// reference, as full paths under the DICOMDIR's folder. The hierarchy follows the record offsets — (0004,1200) the
/// first root record, (0004,1400) the next record of the same level, (0004,1420) the first record of the level below —
/// whatever the order of the items; a DICOMDIR whose offsets are all absent or zero is read in sequence order, each
/// record placed under the nearest preceding record of a higher level (PATIENT, STUDY, SERIES, then the rest), so a
/// missing PATIENT level is fine either way. Any transfer syntax the parser reads is accepted (the standard asks for
/// explicit VR little endian; implicit VR and big-endian DICOMDIRs exist).
/// </summary>
public sealed partial class DicomDirectory
{
    private DicomDirectory(string path, string folder, string? fileSetId, IReadOnlyList<DicomDirectoryRecord> records, IReadOnlyList<DicomDirectoryRecord> roots, bool linked, IReadOnlyList<string> warnings)
    {
        Path = path;
        Folder = folder;
        FileSetId = fileSetId;
        Records = records;
        RootRecords = roots;
        IsLinkedByOffsets = linked;
        Warnings = warnings;
        ReferencedFileRecords = ListReferencedFiles(roots);
    }

    /// <summary>The DICOMDIR file.</summary>
    public string Path { get; }

    /// <summary>The File-set's root folder (the DICOMDIR's folder): referenced file IDs are relative to it.</summary>
    public string Folder { get; }

    /// <summary>FileSetID (0004,1130), or null.</summary>
    public string? FileSetId { get; }

    /// <summary>Every record, in the order of the Directory Record Sequence.</summary>
    public IReadOnlyList<DicomDirectoryRecord> Records { get; }

    /// <summary>The top-level records (usually PATIENT), in directory order; records that reference a file but that
    /// no offset reaches are appended here (as pydicom's FileSet keeps such orphans).</summary>
    public IReadOnlyList<DicomDirectoryRecord> RootRecords { get; }

    /// <summary>True when the hierarchy came from the record offsets, false when from the sequence order.</summary>
    public bool IsLinkedByOffsets { get; }

    /// <summary>Anything read leniently: sequence-order fallback, orphaned records.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The in-use records that reference a file, depth first in directory order (each patient's studies, each study's
    /// series, each series' images), each file once.
    /// </summary>
    public IReadOnlyList<DicomDirectoryRecord> ReferencedFileRecords { get; }

    /// <summary>The referenced files' full paths, in <see cref="ReferencedFileRecords"/> order.</summary>
    public IEnumerable<string> ReferencedFiles => ReferencedFileRecords.Select(r => r.ReferencedFilePath!);

    /// <summary>Reads the DICOMDIR at <paramref name="path"/>; referenced files are resolved against its folder.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DicomFormatException">The file is not a DICOMDIR, is corrupt, an offset points where no record
    /// starts, the offsets form a loop, or a ReferencedFileID leaves the folder; the message names file, tag and offset.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DicomDirectory Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = System.IO.Path.GetFullPath(path);
        return FromFile(DicomFile.Open(full), System.IO.Path.GetDirectoryName(full)!);
    }

    /// <summary>Reads the directory of an opened DICOMDIR whose File-set root is <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> or <paramref name="folder"/> is null.</exception>
    /// <exception cref="DicomFormatException">As <see cref="Open"/>.</exception>
    public static DicomDirectory FromFile(DicomFile file, string folder)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(folder);
        DicomDataset ds = file.Dataset;
        if (!ds.TryGetSequence(DicomTag.DirectoryRecordSequence, out IReadOnlyList<DicomDataset>? items))
        {
            throw new DicomFormatException(file.Source, -1, DicomTag.DirectoryRecordSequence, "not a DICOMDIR: the Directory Record Sequence is missing");
        }

        string root = System.IO.Path.GetFullPath(folder);
        var records = new DicomDirectoryRecord[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            records[i] = ReadRecord(file.Source, items[i], i, root);
        }

        var warnings = new List<string>();
        long first = ReadOffset(file.Source, ds, DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity);
        bool anyLink = records.Any(r => ReadOffset(file.Source, r.Dataset, DicomTag.OffsetOfTheNextDirectoryRecord) != 0
            || ReadOffset(file.Source, r.Dataset, DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity) != 0);
        IReadOnlyList<DicomDirectoryRecord> roots;
        bool linked = records.Length > 0 && (first != 0 || anyLink);
        if (!linked)
        {
            roots = LinkBySequenceOrder(records);
            if (records.Length > 0)
            {
                warnings.Add("no directory record offsets: hierarchy taken from the sequence order and record types");
            }
        }
        else
        {
            roots = new OffsetLinker(file.Source, ds, records).Link(first, warnings);
        }

        return new DicomDirectory(file.Source, root, ds.GetStringOrDefault(DicomTag.FileSetID), records, roots, linked, warnings);
    }

    private static DicomDirectoryRecord ReadRecord(string source, DicomDataset item, int index, string root)
    {
        string type = (item.GetStringOrDefault(DicomTag.DirectoryRecordType) ?? string.Empty).Trim();
        string[] components = item.Contains(DicomTag.ReferencedFileID)
            ? [.. item.GetStrings(DicomTag.ReferencedFileID).Select(c => c.Trim()).Where(c => c.Length > 0)]
            : [];
        string? path = components.Length == 0 ? null : ResolveFileId(source, item, components, root);
        bool inUse = !item.TryGetDouble(DicomTag.RecordInUseFlag, out double flag) || flag != 0;
        return new DicomDirectoryRecord(item, index, type, components, path, inUse);
    }

    /// <summary>The full path of a ReferencedFileID, refusing components that could leave the File-set's folder.</summary>
    private static string ResolveFileId(string source, DicomDataset item, string[] components, string root)
    {
        long offset = item.GetElement(DicomTag.ReferencedFileID)?.Offset ?? -1;
        foreach (string c in components)
        {
            if (c is "." or ".." || c.IndexOfAny(['/', '\\', ':', '\0']) >= 0)
            {
                throw new DicomFormatException(source, offset, DicomTag.ReferencedFileID,
                    $"ReferencedFileID '{string.Join('\\', components)}' has the component '{c}', which could leave the DICOMDIR's folder");
            }
        }

        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine([root, .. components]));
        string prefix = System.IO.Path.EndsInDirectorySeparator(root) ? root : root + System.IO.Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal)
            ? path
            : throw new DicomFormatException(source, offset, DicomTag.ReferencedFileID, $"ReferencedFileID '{string.Join('\\', components)}' resolves outside the DICOMDIR's folder");
    }

    /// <summary>An offset element's value (UL); 0 when absent or empty.</summary>
    private static long ReadOffset(string source, DicomDataset dataset, DicomTag tag)
    {
        if (!dataset.Contains(tag))
        {
            return 0;
        }

        double[] values = dataset.GetDoubles(tag);
        if (values.Length == 0)
        {
            return 0;
        }

        return values[0] is >= 0 and <= uint.MaxValue && values[0] == Math.Floor(values[0])
            ? (long)values[0]
            : throw new DicomFormatException(source, dataset.GetElement(tag)!.Offset, tag, string.Create(CultureInfo.InvariantCulture, $"offset {values[0]} is not a byte position"));
    }

    /// <summary>Sequence-order fallback: each record goes under the nearest preceding record of a higher level.</summary>
    private static List<DicomDirectoryRecord> LinkBySequenceOrder(DicomDirectoryRecord[] records)
    {
        var roots = new List<DicomDirectoryRecord>();
        var open = new Stack<DicomDirectoryRecord>();
        foreach (DicomDirectoryRecord record in records)
        {
            int level = Level(record.RecordType);
            while (open.Count > 0 && Level(open.Peek().RecordType) >= level)
            {
                open.Pop();
            }

            if (open.Count == 0)
            {
                roots.Add(record);
            }
            else
            {
                open.Peek().AddChild(record);
            }

            open.Push(record);
        }

        return roots;
    }

    private static int Level(string recordType) => recordType switch
    {
        "PATIENT" => 0,
        "STUDY" => 1,
        "SERIES" => 2,
        _ => 3,
    };

    private static List<DicomDirectoryRecord> ListReferencedFiles(IReadOnlyList<DicomDirectoryRecord> roots)
    {
        var files = new List<DicomDirectoryRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<DicomDirectoryRecord>(roots.Reverse());
        while (pending.Count > 0)
        {
            DicomDirectoryRecord record = pending.Pop();
            if (record.IsInUse && record.ReferencedFilePath is string path && seen.Add(path))
            {
                files.Add(record);
            }

            for (int i = record.Children.Count - 1; i >= 0; i--)
            {
                pending.Push(record.Children[i]);
            }
        }

        return files;
    }
}
