namespace MedImaging;

/// <summary>
/// How a long operation runs: how many threads, how to cancel it, where to report progress, how much memory
/// it may allocate. Passed in, never global. Results do not depend on <see cref="MaxDegreeOfParallelism"/>.
/// </summary>
public sealed record ExecutionOptions
{
    /// <summary>Defaults: all cores, no cancellation, no progress.</summary>
    public static ExecutionOptions Default { get; } = new();

    /// <summary>Maximum threads used; −1 (default) means all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checked between work blocks and iterations.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives progress reports, or null.</summary>
    public IProgress<ProgressReport>? Progress { get; init; }

    /// <summary>Largest single output an operation may allocate, bytes (default 16 GiB); checked before allocating.</summary>
    public long MemoryBudgetBytes { get; init; } = 16L << 30;

    /// <summary>The degree of parallelism to use: <see cref="MaxDegreeOfParallelism"/>, or the core count when −1.</summary>
    public int EffectiveDegreeOfParallelism => MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>Throws <see cref="MedImagingException"/> when <paramref name="bytes"/> exceeds <see cref="MemoryBudgetBytes"/>.</summary>
    /// <exception cref="MedImagingException"><paramref name="bytes"/> is negative (an overflowed size) or over the budget.</exception>
    public void EnsureWithinBudget(long bytes, string what)
    {
        if (bytes < 0 || bytes > MemoryBudgetBytes)
        {
            throw new MedImagingException($"{what} needs {bytes} bytes, over the memory budget of {MemoryBudgetBytes} bytes (ExecutionOptions.MemoryBudgetBytes)");
        }
    }
}

/// <summary>A progress report from a long operation.</summary>
/// <param name="Operation">What is running, e.g. "N4 level 2".</param>
/// <param name="Fraction">Completed fraction, 0 to 1.</param>
/// <param name="Message">Optional detail, e.g. the current metric value.</param>
public sealed record ProgressReport(string Operation, double Fraction, string? Message = null);
