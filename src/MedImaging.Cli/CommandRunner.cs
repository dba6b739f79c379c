using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MedImaging.Cli;

/// <summary>
/// Runs one verb's body with the CLI contract: the JSON object it returns goes to stdout; a bad-input exception
/// becomes one <c>error:</c> line on stderr and exit code 1; nothing prints a stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Attaches <paramref name="body"/> as the command's action.</summary>
    public static void SetBody(Command command, Func<CliContext, JsonObject> body)
    {
        command.SetAction((parse) => Execute(parse, body));
    }

    private static int Execute(ParseResult parse, Func<CliContext, JsonObject> body)
    {
        TextWriter stdout = parse.InvocationConfiguration.Output;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        var context = new CliContext(parse, stderr);
        try
        {
            JsonObject result = body(context);
            stdout.WriteLine(Json.ToIndentedString(result));
            return ExitCodes.Success;
        }
        catch (Exception ex) when (IsBadInput(Unwrapped(ex)))
        {
            if (ex is PartialResultException partial)
            {
                stdout.WriteLine(Json.ToIndentedString(partial.Partial));
            }

            stderr.WriteLine($"error: {OneLine(Unwrapped(ex).Message)}");
            return ExitCodes.BadInput;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"usage error: {OneLine(ex.Message)}");
            return ExitCodes.Usage;
        }
    }

    private static bool IsBadInput(Exception ex) => ex is MedImagingException or IOException or UnauthorizedAccessException
        or InvalidDataException or ArgumentException or NotSupportedException or OperationCanceledException or InvalidCastException;

    /// <summary>The first exception inside (nested) AggregateExceptions from parallel loops, else <paramref name="ex"/>.</summary>
    private static Exception Unwrapped(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        return ex;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

/// <summary>What a verb body gets: parsed values, global options, stderr for warnings, a stopwatch for <c>ms</c>.</summary>
internal sealed class CliContext(ParseResult parse, TextWriter stderr)
{
    /// <summary>The parse result, for reading the verb's own options.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>Execution options from --threads.</summary>
    public ExecutionOptions Execution { get; } = new() { MaxDegreeOfParallelism = parse.GetValue(CliApp.Threads) };

    /// <summary>stderr of this run, for progress lines (print nothing there when <see cref="Quiet"/>).</summary>
    public TextWriter Error => stderr;

    /// <summary>True with --quiet.</summary>
    public bool Quiet { get; } = parse.GetValue(CliApp.Quiet);

    /// <summary>Progress lines on stderr, or null with --quiet.</summary>
    public IProgress<ProgressReport>? Progress => Quiet ? null : new StderrProgress(stderr);

    /// <summary>
    /// A batch's progress on stderr (<see cref="BatchProgressLine"/>): a live line when stderr is the console and a
    /// terminal, plain lines otherwise; null with --quiet.
    /// </summary>
    public IProgress<ProgressReport>? BatchProgress =>
        Quiet ? null : new BatchProgressLine(stderr, ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Writes a warning line to stderr unless --quiet.</summary>
    public void Warn(string message)
    {
        if (!Quiet)
        {
            stderr.WriteLine($"warning: {message}");
        }
    }

    /// <summary>Writes an informational line (<c>note: …</c>) to stderr unless --quiet: nothing is wrong, but the user may want to know.</summary>
    public void Note(string message)
    {
        if (!Quiet)
        {
            stderr.WriteLine($"note: {message}");
        }
    }

    /// <summary>Writes <paramref name="remark"/> as a note when <see cref="Notes.IsInformational"/>, else as a warning.</summary>
    public void Remark(string remark)
    {
        if (Notes.IsInformational(remark))
        {
            Note(remark);
        }
        else
        {
            Warn(remark);
        }
    }

    /// <summary>Runs <paramref name="core"/> and returns its result with the wall time in milliseconds.</summary>
    public static (T Result, double Milliseconds) Time<T>(Func<T> core)
    {
        ArgumentNullException.ThrowIfNull(core);
        long start = Stopwatch.GetTimestamp();
        T result = core();
        return (result, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}

/// <summary>
/// Bad input after which part of the result is still worth printing (a damaged file's elements before the damage):
/// the partial JSON goes to stdout, the error to stderr, exit 1.
/// </summary>
internal sealed class PartialResultException(JsonObject partial, MedImagingException cause) : MedImagingException(cause.Message, cause)
{
    /// <summary>What was read before the error, with <c>complete: false</c> and <c>error</c>.</summary>
    public JsonObject Partial { get; } = partial;
}

/// <summary>A usage problem found after parsing (e.g. two mutually exclusive options): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
