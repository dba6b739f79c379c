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

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("medimg: medical imaging from DICOM to numbers, JSON on stdout (see docs/CLI.md).");
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
