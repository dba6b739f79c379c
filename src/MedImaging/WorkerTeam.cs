using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MedImaging;

/// <summary>
/// A team of background threads, made when first needed and kept for the process, that runs one block loop at a
/// time for <see cref="Parallelism"/>: the caller's thread works too, and every thread takes the next block from one
/// counter until none is left. It exists for one-shot command lines: the first <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// of a process costs 20–35 ms here (thread pool start and the JIT of its generic machinery) — more than a
/// threshold of a whole CT takes — while a team thread starts a loop in microseconds. While a loop runs, other loops
/// (nested in a block, or from another thread) are refused, and <see cref="Parallelism"/> runs them with
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> instead.
/// </summary>
/// <remarks>
/// Waking a parked thread is slow on the virtual machines here: once a virtual CPU has been idle for about a
/// millisecond the hypervisor halts it, and the next wake-up takes 0.05–1.8 ms (median 0.3–0.6 ms), during which
/// the caller's thread runs the loop alone. So helpers spin for <see cref="SpinAfterLoop"/> after each loop before
/// they park, the caller spins while the last blocks finish, and a caller that knows the next loop is coming (the
/// slab writer, between two slabs) keeps them spinning with <see cref="KeepAwake"/>.
/// </remarks>
internal static class WorkerTeam
{
    /// <summary>How long a helper spins for the next loop before it parks.</summary>
    public static readonly TimeSpan SpinAfterLoop = TimeSpan.FromMilliseconds(2);

    private static readonly long SpinAfterLoopTicks = (long)(SpinAfterLoop.TotalSeconds * Stopwatch.Frequency);
    private static readonly Lock Gate = new();
    private static readonly object Parking = new();
    private static Job? _current;
    private static long _awakeUntil;
    private static int _threads;
    private static int _parked;
    private static int _busy;

    /// <summary>
    /// Runs <paramref name="body"/>(b) for every block b in [0, <paramref name="blocks"/>) on the caller and
    /// <paramref name="helpers"/> team threads; false (nothing run) when the team is already running a loop.
    /// Rethrows the exception of the lowest failing block (no <see cref="AggregateException"/>); stops taking blocks
    /// once one has failed or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static bool TryRun(int blocks, int helpers, Action<int> body, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            var job = new Job(blocks, helpers, body, cancellationToken);
            if (helpers > 0)
            {
                EnsureThreads(helpers);
                Interlocked.Exchange(ref _current, job);
                WakeParked();
            }

            job.Work();
            job.WaitForHelpers();
            job.ThrowIfFailed();
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Keeps the team's threads spinning (not parked) for <paramref name="duration"/> from now, so that a loop
    /// started within it begins on every thread at once. For a caller between two loops of one job (a slab written
    /// while the next one is to be computed); it costs the idle threads' CPU time, never the caller's.
    /// </summary>
    public static void KeepAwake(TimeSpan duration)
    {
        if (Volatile.Read(ref _threads) == 0)
        {
            return;
        }

        Interlocked.Exchange(ref _awakeUntil, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        WakeParked();
    }

    /// <summary>Wakes parked helpers; the caller has just published a job or a deadline with a full fence.</summary>
    private static void WakeParked()
    {
        // A helper counts itself in _parked (a full fence) before its last look at _current and _awakeUntil, and the
        // caller published with a full fence before this read: one of the two sees the other's write.
        if (Volatile.Read(ref _parked) > 0)
        {
            lock (Parking)
            {
                Monitor.PulseAll(Parking);
            }
        }
    }

    /// <summary>
    /// One step of a spin-wait: pause instructions, and every 16th step the rest of the time slice to any other
    /// runnable thread on this CPU (batch cases running side by side lose nothing to a spinning helper).
    /// </summary>
    private static void Spin(ref int spins)
    {
        if (++spins % 16 == 0)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(20);
        }
    }

    private static void EnsureThreads(int count)
    {
        lock (Gate)
        {
            for (; _threads < count; _threads++)
            {
                Job? seen = Volatile.Read(ref _current);
                new Thread(() => Loop(seen)) { IsBackground = true, Name = "MedImaging worker " + (_threads + 1) }.Start();
            }
        }
    }

    private static void Loop(Job? seen)
    {
        while (true)
        {
            seen = NextJob(seen);
            seen.Help();
        }
    }

    /// <summary>Waits for a job other than <paramref name="seen"/>: spinning for a while, then parked.</summary>
    private static Job NextJob(Job? seen)
    {
        long spinUntil = Stopwatch.GetTimestamp() + SpinAfterLoopTicks;
        int spins = 0;
        while (true)
        {
            Job? job = Volatile.Read(ref _current);
            if (job is not null && job != seen)
            {
                return job;
            }

            if (Stopwatch.GetTimestamp() < Math.Max(spinUntil, Volatile.Read(ref _awakeUntil)))
            {
                Spin(ref spins);
                continue;
            }

            lock (Parking)
            {
                Interlocked.Increment(ref _parked);
                job = Volatile.Read(ref _current);
                if ((job is null || job == seen) && Stopwatch.GetTimestamp() >= Volatile.Read(ref _awakeUntil))
                {
                    Monitor.Wait(Parking);
                }

                Interlocked.Decrement(ref _parked);
            }

            spinUntil = Stopwatch.GetTimestamp() + SpinAfterLoopTicks;
        }
    }

    /// <summary>
    /// One loop: the next block to take, the threads working on it, the first failure. A helper that arrives after
    /// every block was taken (or one failed) leaves without running anything; the caller waits only for the
    /// helpers still inside a block.
    /// </summary>
    private sealed class Job(int blocks, int helpers, Action<int> body, CancellationToken token)
    {
        private readonly Lock _failure = new();
        private readonly object _idle = new();
        private Action<int>? _body = body;
        private int _next;
        private int _slots = helpers;
        private int _working;
        private ExceptionDispatchInfo? _error;
        private int _errorBlock = int.MaxValue;

        /// <summary>A helper's part: join if a helper slot is left, take blocks, and wake the caller when last out.</summary>
        public void Help()
        {
            if (Interlocked.Decrement(ref _slots) < 0)
            {
                return;
            }

            Interlocked.Increment(ref _working);
            Work();
            if (Interlocked.Decrement(ref _working) == 0)
            {
                lock (_idle)
                {
                    Monitor.PulseAll(_idle);
                }
            }
        }

        /// <summary>Takes blocks until none is left, one failed, or the loop was cancelled.</summary>
        public void Work()
        {
            while (Volatile.Read(ref _error) is null)
            {
                int b = Interlocked.Increment(ref _next) - 1;
                if (b >= blocks)
                {
                    return;
                }

                try
                {
                    token.ThrowIfCancellationRequested();
                    _body!(b);
                }
                catch (Exception ex)
                {
                    lock (_failure)
                    {
                        if (b < _errorBlock)
                        {
                            (_errorBlock, _error) = (b, ExceptionDispatchInfo.Capture(ex));
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The caller, done taking blocks: waits for the helpers inside a block (spinning first, as for the helpers),
        /// then drops the body so that the job a parked helper still refers to holds no caller data.
        /// </summary>
        public void WaitForHelpers()
        {
            // Full fence: the caller's last block counter increment or failure is visible to any helper that joins
            // from now on (it then takes no block), and any helper that joined before is counted in _working.
            Interlocked.MemoryBarrier();
            long spinUntil = Stopwatch.GetTimestamp() + SpinAfterLoopTicks;
            int spins = 0;
            while (Volatile.Read(ref _working) != 0 && Stopwatch.GetTimestamp() < spinUntil)
            {
                Spin(ref spins);
            }

            lock (_idle)
            {
                while (Volatile.Read(ref _working) != 0)
                {
                    Monitor.Wait(_idle);
                }
            }

            _body = null;
        }

        public void ThrowIfFailed() => _error?.Throw();
    }
}
