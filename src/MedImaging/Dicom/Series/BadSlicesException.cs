namespace MedImaging.Dicom.Series;

/// <summary>
/// Files of a series found unusable while stacking or decoding it (inside the reader only: <see cref="DicomSeriesReader"/>
/// leaves them out and stacks the rest, or turns the first into a <see cref="DicomFormatException"/> naming it).
/// </summary>
internal sealed class BadSlicesException(IReadOnlyList<SkippedFile> files, Exception? firstCause = null)
    : Exception($"{files.Count} unusable file(s), first '{files[0].Path}': {files[0].Reason}", firstCause)
{
    /// <summary>The unusable files with their reasons, in stacking order.</summary>
    public IReadOnlyList<SkippedFile> Files { get; } = files;

    /// <summary>Throws when any of <paramref name="faults"/> (one per entry of <paramref name="headers"/>) is set.</summary>
    public static void ThrowIfAny(IReadOnlyList<DicomImageHeader> headers, IReadOnlyList<Exception?> faults)
    {
        List<SkippedFile> bad = [];
        Exception? first = null;
        for (int k = 0; k < faults.Count; k++)
        {
            if (faults[k] is Exception ex)
            {
                first ??= ex;
                bad.Add(Of(headers[k].Path, ex));
            }
        }

        if (bad.Count > 0)
        {
            throw new BadSlicesException(bad, first);
        }
    }

    /// <summary>The skipped-file entry of <paramref name="path"/> that failed with <paramref name="ex"/>.</summary>
    public static SkippedFile Of(string path, Exception ex) => new(path, Reason(path, ex)) { Damaged = true };

    /// <summary>True for what a damaged file can throw while it is read (everything but cancellation).</summary>
    public static bool IsFileFault(Exception ex) => ex is not OperationCanceledException;

    /// <summary>
    /// The exception to throw under <see cref="BadFilePolicy.Error"/>: a <see cref="DicomFormatException"/> naming the
    /// file (its offset and tag when the cause gave them) and saying how to read the series without it.
    /// </summary>
    public DicomFormatException ToError()
    {
        const string hint = " (OnBadFile Skip, --on-bad-file skip, leaves the file out)";
        SkippedFile file = Files[0];
        return InnerException is DicomFormatException d && d.FilePath == file.Path
            ? new DicomFormatException(d.FilePath, d.Offset, d.Tag, d.Problem + hint, d)
            : new DicomFormatException(file.Path, -1, null, file.Reason + hint, InnerException);
    }

    /// <summary>The message of <paramref name="ex"/> without a leading "'path'" (the entry names the file already).</summary>
    private static string Reason(string path, Exception ex)
    {
        string message = ex is DicomFormatException d && d.FilePath == path ? d.Message[(path.Length + 2)..].TrimStart(':', ' ') : ex.Message;
        return ex is MedImagingException or IOException or UnauthorizedAccessException ? message : $"{ex.GetType().Name}: {message}";
    }
}
