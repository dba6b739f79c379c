namespace MedImaging.Dicom.Series;

/// <summary>
/// The files <see cref="DicomSeriesScanner"/> reads: those a DICOMDIR in the folder lists (PS3.10 File-set), else every
/// file of the folder (and sub-folders when recursive).
/// </summary>
internal static class ScanFileList
{
    /// <summary>The files to read, in ordinal order, and what was left out before reading.</summary>
    /// <param name="Files">Files whose headers are to be read.</param>
    /// <param name="Skipped">Files left out with the reason (DICOMDIR entries whose file is missing, an unusable DICOMDIR).</param>
    /// <param name="DicomDirectory">The DICOMDIR whose list was used, or null.</param>
    /// <param name="Warnings">The DICOMDIR reader's warnings.</param>
    public sealed record Selection(string[] Files, IReadOnlyList<SkippedFile> Skipped, string? DicomDirectory, IReadOnlyList<string> Warnings);

    /// <summary>Chooses the files of <paramref name="folder"/>.</summary>
    public static Selection Select(string folder, DicomScanOptions options)
    {
        string? dicomdir = options.UseDicomDirectory ? FindDicomDir(folder) : null;
        var skipped = new List<SkippedFile>();
        if (dicomdir is not null)
        {
            try
            {
                DicomDirectory directory = DicomDirectory.Open(dicomdir);
                if (directory.ReferencedFileRecords.Count == 0)
                {
                    skipped.Add(new SkippedFile(dicomdir, "DICOMDIR lists no files, the folder was scanned instead"));
                    return FolderFiles(folder, options, dicomdir, skipped);
                }

                var files = new List<string>();
                foreach (DicomDirectoryRecord record in directory.ReferencedFileRecords)
                {
                    string listed = record.ReferencedFilePath!;
                    if (Existing(directory.Folder, record.ReferencedFileId) is string found)
                    {
                        files.Add(found);
                    }
                    else
                    {
                        skipped.Add(new SkippedFile(listed, $"listed in DICOMDIR ({record.RecordType} record at byte {record.Offset}) but missing"));
                    }
                }

                return new Selection(Sorted([.. files.Distinct(StringComparer.Ordinal)]), skipped, dicomdir, directory.Warnings);
            }
            catch (Exception ex) when (ex is DicomFormatException or IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(dicomdir, $"DICOMDIR unusable, the folder was scanned instead: {ex.Message}"));
            }
        }

        return FolderFiles(folder, options, dicomdir, skipped);
    }

    private static Selection FolderFiles(string folder, DicomScanOptions options, string? dicomdir, List<SkippedFile> skipped)
    {
        var all = new List<string>();
        Walk(folder, Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), options.Recursive, new HashSet<string>(StringComparer.Ordinal), all, skipped);
        return new Selection(Sorted([.. all.Where(f => !string.Equals(f, dicomdir, StringComparison.Ordinal))]), skipped, null, []);
    }

    /// <summary>
    /// Adds the files of <paramref name="folder"/> (and, when recursive, of its sub-folders) to <paramref name="files"/>.
    /// A folder reached again through a symbolic link (a loop, or a second way in) is not read twice: it is named in
    /// <paramref name="skipped"/>. <paramref name="real"/> is the folder's path with every link resolved.
    /// </summary>
    private static void Walk(string folder, string real, bool recursive, HashSet<string> visited, List<string> files, List<SkippedFile> skipped)
    {
        visited.Add(real);
        files.AddRange(Directory.EnumerateFiles(folder));
        if (!recursive)
        {
            return;
        }

        foreach (string sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            string target = Directory.ResolveLinkTarget(sub, returnFinalTarget: true)?.FullName is string linked
                ? Path.TrimEndingDirectorySeparator(linked)
                : Path.Combine(real, Path.GetFileName(sub));
            if (visited.Contains(target))
            {
                skipped.Add(new SkippedFile(sub, $"a symbolic link to a folder already scanned ('{target}'): not followed again"));
                continue;
            }

            Walk(sub, target, recursive, visited, files, skipped);
        }
    }

    private static string[] Sorted(string[] files)
    {
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The folder's file named DICOMDIR (any case), or null.</summary>
    private static string? FindDicomDir(string folder)
    {
        string exact = Path.Combine(folder, "DICOMDIR");
        return File.Exists(exact)
            ? exact
            : Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(Path.GetFileName(f), "DICOMDIR", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The existing file for a ReferencedFileID: the exact path, else the path matched component by component ignoring
    /// case (File IDs are upper case, but media copied to case-sensitive file systems often are not); null when absent.
    /// </summary>
    private static string? Existing(string root, IReadOnlyList<string> components)
    {
        string exact = Path.Combine([root, .. components]);
        if (File.Exists(exact))
        {
            return exact;
        }

        string current = root;
        for (int i = 0; i < components.Count; i++)
        {
            bool last = i == components.Count - 1;
            IEnumerable<string> entries = last ? Directory.EnumerateFiles(current) : Directory.EnumerateDirectories(current);
            string? match = entries.FirstOrDefault(e => string.Equals(Path.GetFileName(e), components[i], StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return null;
            }

            current = match;
        }

        return current;
    }
}
