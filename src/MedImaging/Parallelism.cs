namespace MedImaging;

/// <summary>
/// Deterministic parallel loops: work is cut into blocks whose boundaries depend only on the problem size, never
/// on the thread count, and reductions are combined in block order, so results are bit-identical for any
/// <see cref="ExecutionOptions.MaxDegreeOfParallelism"/>. Loops run on the <see cref="WorkerTeam"/> (no thread
/// pool start-up in a one-shot process), or on <see cref="Parallel"/> when the team is busy.
/// </summary>
internal static class Parallelism
{
    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) in blocks of <paramref name="blockSize"/>.</summary>
    public static void For(int count, int blockSize, ExecutionOptions? options, Action<int, int> body)
    {
        options ??= ExecutionOptions.Default;
        if (count <= 0)
        {
            return;
        }

        blockSize = Math.Max(1, blockSize);
        int blocks = (count + blockSize - 1) / blockSize;
        if (blocks == 1 || options.EffectiveDegreeOfParallelism == 1)
        {
            for (int b = 0; b < blocks; b++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                body(b * blockSize, Math.Min(count, (b + 1) * blockSize));
            }

            return;
        }

        int helpers = Math.Min(options.EffectiveDegreeOfParallelism, blocks) - 1;
        if (WorkerTeam.TryRun(blocks, helpers, b => body(b * blockSize, Math.Min(count, (b + 1) * blockSize)), options.CancellationToken))
        {
            return;
        }

        // The team is busy (a loop nested in a block, or another thread's loop): the runtime's parallel loop.
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.EffectiveDegreeOfParallelism,
            CancellationToken = options.CancellationToken,
        };
        try
        {
            Parallel.For(0, blocks, parallel, b => body(b * blockSize, Math.Min(count, (b + 1) * blockSize)));
        }
        catch (AggregateException ex)
        {
            // Callers and the CLI see the exception a sequential loop would throw (a block's own), never the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.Flatten().InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// Computes one partial result per block with <paramref name="block"/>(start, end), then folds them in block
    /// order with <paramref name="combine"/>.
    /// </summary>
    public static TAccumulate Reduce<TAccumulate>(long count, long blockSize, ExecutionOptions? options,
        Func<long, long, TAccumulate> block, Func<TAccumulate, TAccumulate, TAccumulate> combine, TAccumulate seed)
    {
        if (count <= 0)
        {
            return seed;
        }

        blockSize = Math.Max(1, blockSize);
        int blocks = checked((int)((count + blockSize - 1) / blockSize));
        var partials = new TAccumulate[blocks];
        For(blocks, 1, options, (first, last) =>
        {
            for (int b = first; b < last; b++)
            {
                long start = b * blockSize;
                partials[b] = block(start, Math.Min(count, start + blockSize));
            }
        });
        TAccumulate result = seed;
        foreach (TAccumulate p in partials)
        {
            result = combine(result, p);
        }

        return result;
    }
}
