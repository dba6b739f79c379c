using System.Runtime.ExceptionServices;

namespace MedImaging;

/// <summary>
/// A team of background threads, made when first needed and kept for the process, that runs one block loop at a
/// time for <see cref="Parallelism"/>: the caller's thread works too, and every thread takes the next block from one
/// counter until none is left. It exists for one-shot command lines: the first <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// of a process costs 20–35 ms here (thread pool start and the JIT of its generic machinery) — more than a
/// threshold of a whole CT takes — while a parked team thread starts a loop in microseconds. While a loop runs,
/// other loops (nested in a block, or from another thread) are refused, and <see cref="Parallelism"/> runs them with
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> instead.
/// </summary>
internal static class WorkerTeam
{
    private static readonly Lock Gate = new();
    private static readonly SemaphoreSlim Start = new(0);
    private static readonly ManualResetEventSlim Finished = new(false);
    private static readonly Job Current = new();
    private static int _threads;
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
            EnsureThreads(helpers);
            Current.Reset(blocks, helpers, body, cancellationToken);
            Finished.Reset();
            if (helpers > 0)
            {
                Start.Release(helpers);
            }

            Current.Work();
            if (helpers > 0)
            {
                Finished.Wait(CancellationToken.None); // helpers stop at their next block when cancelled
            }

            Current.ThrowIfFailed();
            return true;
        }
        finally
        {
            Current.Reset(0, 0, null, default);
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void EnsureThreads(int count)
    {
        lock (Gate)
        {
            for (; _threads < count; _threads++)
            {
                new Thread(Loop) { IsBackground = true, Name = "MedImaging worker " + (_threads + 1) }.Start();
            }
        }
    }

    private static void Loop()
    {
        while (true)
        {
            Start.Wait();
            Current.Work();
            if (Current.HelperDone())
            {
                Finished.Set();
            }
        }
    }

    /// <summary>The loop being run: the next block to take, the helpers still working, the first failure.</summary>
    private sealed class Job
    {
        private readonly Lock _failure = new();
        private Action<int>? _body;
        private int _blocks;
        private int _next;
        private int _helpers;
        private CancellationToken _token;
        private ExceptionDispatchInfo? _error;
        private int _errorBlock;

        public void Reset(int blocks, int helpers, Action<int>? body, CancellationToken token)
        {
            (_blocks, _next, _helpers, _token, _body, _error, _errorBlock) = (blocks, 0, helpers, token, body, null, int.MaxValue);
        }

        /// <summary>Takes blocks until none is left, one failed, or the loop was cancelled.</summary>
        public void Work()
        {
            while (Volatile.Read(ref _error) is null)
            {
                int b = Interlocked.Increment(ref _next) - 1;
                if (b >= _blocks)
                {
                    return;
                }

                try
                {
                    _token.ThrowIfCancellationRequested();
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

        /// <summary>Counts a helper out; true for the last one.</summary>
        public bool HelperDone() => Interlocked.Decrement(ref _helpers) == 0;

        public void ThrowIfFailed() => _error?.Throw();
    }
}
