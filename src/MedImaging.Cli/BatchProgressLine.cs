using System.Diagnostics;
using System.Globalization;
using MedImaging.Clinical;

namespace MedImaging.Cli;

/// <summary>
/// A batch's progress on stderr. On a terminal (<paramref name="live"/>): one line rewritten in place with the cases
/// done/total, failures, ETA and the running case's step, ended when the last case finishes. Redirected: a plain line
/// per finished case, and a running case's step line only when nothing was printed for <see cref="QuietInterval"/>
/// (so long cases show they are alive while a log of thousands of short cases stays one line per case).
/// </summary>
internal sealed class BatchProgressLine(TextWriter error, bool live) : IProgress<ProgressReport>
{
    /// <summary>How long a redirected log stays silent before a step line is printed.</summary>
    public static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private long _lastLine = Stopwatch.GetTimestamp();
    private int _liveLength;

    /// <summary>Writes or rewrites the line.</summary>
    public void Report(ProgressReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool step = value.Operation == BatchRunner.StepProgress;
        string line = string.Create(CultureInfo.InvariantCulture, $"batch: {value.Message} ({value.Fraction:P0})");
        lock (_gate)
        {
            if (live)
            {
                int width = Math.Max(20, TerminalWidth() - 1);
                string shown = line.Length > width ? line[..width] : line;
                error.Write("\r" + shown.PadRight(_liveLength));
                _liveLength = shown.Length;
                if (!step && value.Fraction >= 1)
                {
                    error.WriteLine();
                    _liveLength = 0;
                }

                error.Flush();
            }
            else if (!step || Stopwatch.GetElapsedTime(_lastLine) >= QuietInterval)
            {
                error.WriteLine(line);
                _lastLine = Stopwatch.GetTimestamp();
            }
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
