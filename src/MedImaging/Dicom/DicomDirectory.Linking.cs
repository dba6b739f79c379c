using System.Globalization;

namespace MedImaging.Dicom;

/// <content>Building the record hierarchy from the record offsets, refusing offsets that lead nowhere or loop.</content>
public sealed partial class DicomDirectory
{
    /// <summary>
    /// Follows (0004,1200) → (0004,1400) chains and (0004,1420) branches. Each record may be reached once: reaching one
    /// twice means the offsets loop (or two parents share a child), which is refused rather than followed forever.
    /// </summary>
    private sealed class OffsetLinker(string source, DicomDataset top, DicomDirectoryRecord[] records)
    {
        private readonly Dictionary<long, int> _byOffset = IndexByOffset(records);
        private readonly bool[] _reached = new bool[records.Length];

        public List<DicomDirectoryRecord> Link(long first, List<string> warnings)
        {
            // A zero first offset with links elsewhere: the root chain starts at the first item.
            int start = first == 0 ? 0 : Resolve(first, top, DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity);
            List<DicomDirectoryRecord> roots = Chain(start, top, DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity);
            var pending = new Stack<DicomDirectoryRecord>(roots);
            while (pending.Count > 0)
            {
                DicomDirectoryRecord record = pending.Pop();
                long lower = ReadOffset(source, record.Dataset, DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity);
                if (lower == 0)
                {
                    continue;
                }

                int child = Resolve(lower, record.Dataset, DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity);
                foreach (DicomDirectoryRecord c in Chain(child, record.Dataset, DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity))
                {
                    record.AddChild(c);
                    pending.Push(c);
                }
            }

            DicomDirectoryRecord[] orphans = [.. records.Where(r => !_reached[r.Index])];
            DicomDirectoryRecord[] kept = [.. orphans.Where(r => r.ReferencedFilePath is not null)];
            roots.AddRange(kept);
            if (orphans.Length > 0)
            {
                warnings.Add(Format($"{orphans.Length} directory record(s) not reached by the offsets; the {kept.Length} that reference a file are kept as top-level records"));
            }

            return roots;
        }

        /// <summary>The record at <paramref name="start"/> and those its (0004,1400) chain reaches.</summary>
        private List<DicomDirectoryRecord> Chain(int start, DicomDataset pointer, DicomTag pointerTag)
        {
            var chain = new List<DicomDirectoryRecord>();
            int index = start;
            while (true)
            {
                if (_reached[index])
                {
                    throw new DicomFormatException(source, pointer.GetElement(pointerTag)?.Offset ?? -1, pointerTag,
                        Format($"points at the directory record at byte {records[index].Offset}, which was already reached: the record offsets form a loop"));
                }

                _reached[index] = true;
                DicomDirectoryRecord record = records[index];
                chain.Add(record);
                long next = ReadOffset(source, record.Dataset, DicomTag.OffsetOfTheNextDirectoryRecord);
                if (next == 0)
                {
                    return chain;
                }

                (pointer, pointerTag) = (record.Dataset, DicomTag.OffsetOfTheNextDirectoryRecord);
                index = Resolve(next, pointer, pointerTag);
            }
        }

        private int Resolve(long target, DicomDataset pointer, DicomTag tag)
        {
            if (_byOffset.TryGetValue(target, out int index))
            {
                return index;
            }

            string span = records.Length == 0 ? "there are no records" : Format($"records start between bytes {records[0].Offset} and {records[^1].Offset}");
            throw new DicomFormatException(source, pointer.GetElement(tag)?.Offset ?? -1, tag,
                Format($"offset {target} points where no directory record of the Directory Record Sequence starts ({span})"));
        }

        private static Dictionary<long, int> IndexByOffset(DicomDirectoryRecord[] records)
        {
            var map = new Dictionary<long, int>(records.Length);
            foreach (DicomDirectoryRecord r in records)
            {
                if (r.Offset >= 0)
                {
                    map.TryAdd(r.Offset, r.Index);
                }
            }

            return map;
        }

        private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
