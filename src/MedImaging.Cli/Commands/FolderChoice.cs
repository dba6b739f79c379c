using System.CommandLine;
using MedImaging.Dicom.Series;

namespace MedImaging.Cli.Commands;

/// <summary>
/// Which series of a DICOM folder IN to read (<c>--series</c>), whether to scan its sub-folders (<c>--recursive</c>) and
/// what to do with a file that cannot be used (<c>--on-bad-file</c>).
/// </summary>
/// <param name="Series">Scan key, SeriesInstanceUID, SeriesNumber or SeriesDescription pattern; null for the largest series.</param>
/// <param name="Recursive">Also scan sub-folders.</param>
/// <param name="OnBadFile">Skip a damaged file (named) or fail naming it.</param>
internal sealed record FolderChoice(string? Series, bool Recursive, BadFilePolicy OnBadFile = BadFilePolicy.Skip)
{
    /// <summary>The largest series of the folder's own files, damaged files skipped.</summary>
    public static FolderChoice None { get; } = new(null, false);
}

/// <summary>The <c>--series</c>, <c>--recursive</c> and <c>--on-bad-file</c> options of a verb whose IN may be a DICOM folder.</summary>
internal sealed class FolderOptions
{
    /// <summary>The help text of <c>--series</c>.</summary>
    public const string SeriesDescription = "DICOM folder: read this series — its scan key or SeriesInstanceUID, its SeriesNumber, or a SeriesDescription pattern (case-insensitive, * and ? wildcards, else a substring); default: the series with the most images (medimg dicom scan lists them).";

    /// <summary>The help text of <c>--recursive</c>.</summary>
    public const string RecursiveDescription = "DICOM folder: also scan sub-folders (as dicom scan --recursive); default: the folder's own files, or those its DICOMDIR lists.";

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public FolderOptions(Command command)
    {
        command.Options.Add(Series);
        command.Options.Add(Recursive);
        command.Options.Add(OnBadFile);
    }

    /// <summary><c>--series</c>.</summary>
    public Option<string?> Series { get; } = new("--series") { Description = SeriesDescription };

    /// <summary><c>--recursive</c>.</summary>
    public Option<bool> Recursive { get; } = new("--recursive") { Description = RecursiveDescription };

    /// <summary><c>--on-bad-file skip|error</c>.</summary>
    public Option<string> OnBadFile { get; } = OnBadFileOption();

    /// <summary>The values given.</summary>
    public FolderChoice Get(ParseResult parse) => new(parse.GetValue(Series), parse.GetValue(Recursive), ParseOnBadFile(parse.GetValue(OnBadFile)!));

    /// <summary>A new <c>--on-bad-file skip|error</c> option (also for verbs that take no --series).</summary>
    public static Option<string> OnBadFileOption()
    {
        var option = new Option<string>("--on-bad-file")
        {
            Description = "DICOM folder: a file that cannot be used (damaged, truncated, out of line with the others): skip (default; it is named "
                + "in skipped[] and on stderr, and its slice is treated as missing) or error (exit 1 naming it).",
            DefaultValueFactory = _ => "skip",
        };
        option.AcceptOnlyFromAmong("skip", "error");
        return option;
    }

    /// <summary>The policy named by <c>--on-bad-file</c>.</summary>
    public static BadFilePolicy ParseOnBadFile(string name) => name == "error" ? BadFilePolicy.Error : BadFilePolicy.Skip;
}
