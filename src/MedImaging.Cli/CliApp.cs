using System.CommandLine;
using MedImaging.Cli.Commands;

namespace MedImaging.Cli;

/// <summary>Builds the <c>medimg</c> command tree and runs it with the exit-code contract of docs/CLI.md.</summary>
internal static class CliApp
{
    /// <summary>--threads N: maximum worker threads (default: all cores).</summary>
    public static readonly Option<int> Threads = new("--threads")
    {
        Description = "Maximum worker threads (default: all cores). Results are identical for any value.",
        Recursive = true,
        DefaultValueFactory = _ => -1,
    };

    /// <summary>--quiet: no progress or warnings on stderr.</summary>
    public static readonly Option<bool> Quiet = new("--quiet")
    {
        Description = "Print no progress or warnings on stderr.",
        Recursive = true,
    };

    /// <summary>Runs the command line; returns 0 on success, 1 on bad input, 2 on a usage error.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        RootCommand root = BuildRoot();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"usage error: {error.Message}");
            }

            stderr.WriteLine("run 'medimg --help' for the commands and options");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The top-level help text: what medimg is, a few first commands, and how folders are read.</summary>
    internal const string RootDescription = """
        medimg: medical imaging from DICOM to numbers, JSON on stdout (see docs/CLI.md).

        Examples:
          medimg demo out/                         a synthetic CT series through the pipeline, checked
          medimg dicom scan EXPORT --recursive     the series of a nested export (PACS/CD trees)
          medimg info DICOM_DIR                    geometry and statistics of a folder's largest series
          medimg convert DICOM_DIR ct.nii.gz       one series to NIfTI (--series picks one of several)
          medimg convert DICOM_DIR out/            every series to out/<number>_<description>.nii.gz + .json
          medimg qc DICOM_DIR qc.png               axial, coronal, sagittal PNGs at the series' own window
          medimg pipeline DICOM_DIR out/           the clinical pipeline: masks, statistics, out/report.json

        IN may be an image file (.nii, .nii.gz, .mha, .nrrd, ...), one DICOM file, or a DICOM folder. A folder is read
        from its own files (or the files its DICOMDIR lists); add --recursive to read sub-folders too, and --series
        (key, SeriesNumber or description pattern) to pick one series. Exit codes: 0 ok, 1 bad input, 2 usage.
        """;

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand(RootDescription);
        root.Options.Add(Threads);
        root.Options.Add(Quiet);
        foreach (Command command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}

/// <summary>The process exit codes of the CLI contract.</summary>
internal static class ExitCodes
{
    /// <summary>Success: one JSON object was printed on stdout.</summary>
    public const int Success = 0;

    /// <summary>Bad or unreadable input: one <c>error:</c> line on stderr.</summary>
    public const int BadInput = 1;

    /// <summary>Usage error: unknown command or option, missing argument.</summary>
    public const int Usage = 2;
}
