using System.CommandLine;

namespace MedImaging.Cli.Commands;

/// <summary>Which series of a DICOM folder IN to read (<c>--series</c>) and whether to scan its sub-folders (<c>--recursive</c>).</summary>
/// <param name="Series">Scan key, SeriesInstanceUID, SeriesNumber or SeriesDescription pattern; null for the largest series.</param>
/// <param name="Recursive">Also scan sub-folders.</param>
internal sealed record FolderChoice(string? Series, bool Recursive)
{
    /// <summary>The largest series of the folder's own files.</summary>
    public static FolderChoice None { get; } = new(null, false);
}

/// <summary>The <c>--series</c> and <c>--recursive</c> options of a verb whose IN may be a DICOM folder.</summary>
internal sealed class FolderOptions
{
    /// <summary>The help text of <c>--series</c>.</summary>
    public const string SeriesDescription = "DICOM folder: read this series — its scan key or SeriesInstanceUID, its SeriesNumber, or a SeriesDescription pattern (case-insensitive, * and ? wildcards, else a substring); default: the series with the most images (medimg dicom scan lists them).";

    /// <summary>The help text of <c>--recursive</c>.</summary>
    public const string RecursiveDescription = "DICOM folder: also scan sub-folders (as dicom scan --recursive); default: the folder's own files, or those its DICOMDIR lists.";

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public FolderOptions(Command command)
    {
        command.Options.Add(Series);
        command.Options.Add(Recursive);
    }

    /// <summary><c>--series</c>.</summary>
    public Option<string?> Series { get; } = new("--series") { Description = SeriesDescription };

    /// <summary><c>--recursive</c>.</summary>
    public Option<bool> Recursive { get; } = new("--recursive") { Description = RecursiveDescription };

    /// <summary>The values given.</summary>
    public FolderChoice Get(ParseResult parse) => new(parse.GetValue(Series), parse.GetValue(Recursive));
}
