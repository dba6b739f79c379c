using BenchmarkDotNet.Attributes;

namespace MedImaging.Benchmarks.Filters;

/// <summary>Base of the benchmarks measured with one thread and with two (the machine's cores).</summary>
[MemoryDiagnoser]
public abstract class ThreadedBenchmark
{
    /// <summary>Degree of parallelism of the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The execution options for <see cref="Threads"/>.</summary>
    protected ExecutionOptions Execution => new() { MaxDegreeOfParallelism = Threads };
}
