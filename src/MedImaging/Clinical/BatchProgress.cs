using System.Diagnostics;
using System.Globalization;

namespace MedImaging.Clinical;

/// <summary>
/// The progress of a batch: after each case "done/total cases, F failed, ETA …" (the ETA from the mean wall time
/// of the cases run so far, resumed ones left out, divided among the parallel cases as they actually ran), and each
/// running case's steps. Safe to call from the parallel cases.
/// </summary>
internal sealed class BatchProgress(int total, IProgress<ProgressReport>? sink)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private int _done;
    private int _ran;
    private int _failed;

    /// <summary>The progress a case's pipeline reports to: its steps, as <see cref="BatchRunner.StepProgress"/>; null without a sink.</summary>
    public IProgress<ProgressReport>? ForCase(string name) => sink is null ? null
        : new Progress(step => sink.Report(new ProgressReport(BatchRunner.StepProgress, step.Fraction, $"{Counts()}; {name}: {step.Operation}")));

    /// <summary>Counts a finished case and reports the batch's progress.</summary>
    public void Finished(BatchCaseResult result)
    {
        string message;
        double fraction;
        lock (_gate)
        {
            _done++;
            _ran += result.Status == BatchCaseResult.Skipped ? 0 : 1;
            _failed += result.Status == BatchCaseResult.Failed ? 1 : 0;
            fraction = (double)_done / total;
            message = $"{Counts()}{Eta()}; {result.Name} {result.Status}";
        }

        sink?.Report(new ProgressReport(BatchRunner.CaseProgress, fraction, message));
    }

    private string Counts() => string.Create(CultureInfo.InvariantCulture, $"{Volatile.Read(ref _done)}/{total} cases, {Volatile.Read(ref _failed)} failed");

    private string Eta()
    {
        int left = total - _done;
        if (_ran == 0 || left == 0)
        {
            return "";
        }

        // Elapsed wall time per case run so far: parallel cases already show in it.
        double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds / _ran * left;
        return ", ETA " + FormatDuration(seconds);
    }

    /// <summary>"42 s", "3 min 20 s", "2 h 05 min".</summary>
    internal static string FormatDuration(double seconds)
    {
        long s = (long)Math.Ceiling(Math.Max(0, seconds));
        return s < 60 ? string.Create(CultureInfo.InvariantCulture, $"{s} s")
            : s < 3600 ? string.Create(CultureInfo.InvariantCulture, $"{s / 60} min {s % 60:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{s / 3600} h {s / 60 % 60:00} min");
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (System.Progress posts to a synchronization context).</summary>
    private sealed class Progress(Action<ProgressReport> report) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => report(value);
    }
}
