using System.Diagnostics;

namespace MedImaging.Cli.Commands;

/// <summary>
/// Passes the slabs of <paramref name="inner"/> on to the file writer, timing only their computation (wall and
/// process CPU time from the end of one slab's writing to the next slab's arrival) and, when asked, showing each slab
/// to <paramref name="observe"/> (statistics, counts) on the way. Writing and observing are not timed, as ITK's
/// harness does not time writing.
/// </summary>
internal sealed class TimedSlabs(VolumeSlabSource inner, Action<Volume>? observe = null)
    : VolumeSlabSource(inner.Geometry, inner.PixelType)
{
    /// <summary>Wall time spent computing slabs, ms.</summary>
    public double Milliseconds { get; private set; }

    /// <summary>Process CPU time (all threads) spent computing slabs, ms.</summary>
    public double CpuMilliseconds { get; private set; }

    public override void ForEachSlab(Action<int, Volume> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        long start = Stopwatch.GetTimestamp();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        inner.ForEachSlab((firstPlane, slab) =>
        {
            Milliseconds += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            CpuMilliseconds += (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            observe?.Invoke(slab);
            consume(firstPlane, slab);
            start = Stopwatch.GetTimestamp();
            cpu = Environment.CpuUsage.TotalTime;
        });
    }
}
