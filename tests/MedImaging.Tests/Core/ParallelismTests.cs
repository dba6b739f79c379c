using System.Runtime.CompilerServices;

namespace MedImaging.Tests.Core;

/// <summary>
/// <see cref="Parallelism"/> on the <see cref="WorkerTeam"/>: every block once, the block-ordered reduction for any
/// thread count, the lowest failing block's own exception (never an <see cref="AggregateException"/>), cancellation,
/// and loops nested in a block or started from several threads at once (they run on <see cref="Parallel"/>).
/// </summary>
[TestFixture]
public sealed class ParallelismTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void For_RunsEveryBlockOnce(int threads)
    {
        var hits = new int[1000];
        Parallelism.For(1000, 7, new ExecutionOptions { MaxDegreeOfParallelism = threads }, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                Interlocked.Increment(ref hits[i]);
            }
        });

        Assert.That(hits, Is.All.EqualTo(1));
    }

    [Test]
    public void Reduce_SameBitsForAnyThreadCount()
    {
        // Floating-point sums depend on their order: block order makes them identical for 1, 2 and 3 threads.
        double Sum(int threads) => Parallelism.Reduce(100_000, 1000, new ExecutionOptions { MaxDegreeOfParallelism = threads },
            (start, end) =>
            {
                double s = 0;
                for (long i = start; i < end; i++)
                {
                    s += 1.0 / (i + 1);
                }

                return s;
            }, (a, b) => a + b, 0.0);

        Assert.That(Sum(2), Is.EqualTo(Sum(1)));
        Assert.That(Sum(3), Is.EqualTo(Sum(1)));
    }

    [Test]
    public void For_FailingBlocks_ThrowTheLowestBlocksOwnException()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Parallelism.For(64, 1, new ExecutionOptions { MaxDegreeOfParallelism = 2 },
            (start, _) =>
            {
                Thread.Sleep(1);
                if (start is 3 or 40)
                {
                    throw new InvalidOperationException($"block {start}");
                }
            }));

        // Blocks are taken in order, so block 3 fails before block 40 is reached by either thread.
        Assert.That(ex!.Message, Is.EqualTo("block 3"));
        Assert.DoesNotThrow(() => Parallelism.For(4, 1, new ExecutionOptions { MaxDegreeOfParallelism = 2 }, (_, _) => { }),
            "the team is free again after a failure");
    }

    [Test]
    public void For_Cancelled_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        int ran = 0;
        Assert.Throws<OperationCanceledException>(() => Parallelism.For(1000, 1,
            new ExecutionOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancel.Token }, (_, _) =>
            {
                if (Interlocked.Increment(ref ran) == 10)
                {
                    cancel.Cancel();
                }
            }));
        Assert.That(ran, Is.LessThan(1000), "blocks after the cancellation are not started");
    }

    [TestCase(2)]
    [TestCase(3)]
    public void ManyShortLoops_WithHelpersArrivingLate_RunEveryBlockOnce(int threads)
    {
        // Thousands of loops of a few blocks: helpers often arrive after the caller has taken every block (they must
        // then leave without running anything), or are still spinning from the loop before; KeepAwake between some.
        var options = new ExecutionOptions { MaxDegreeOfParallelism = threads };
        for (int loop = 0; loop < 5000; loop++)
        {
            int blocks = 1 + loop % 4;
            var hits = new int[blocks];
            Parallelism.For(blocks, 1, options, (start, end) =>
            {
                for (int b = start; b < end; b++)
                {
                    Interlocked.Increment(ref hits[b]);
                }
            });
            if (loop % 100 == 0)
            {
                WorkerTeam.KeepAwake(TimeSpan.FromMilliseconds(1));
            }

            Assert.That(hits, Is.All.EqualTo(1), $"loop {loop}");
        }
    }

    [Test]
    public void For_DoesNotKeepTheBodyAlive()
    {
        // A parked helper still refers to the last loop it saw: that loop must not hold the caller's data.
        WeakReference data = RunLoopOverData();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(data.IsAlive, Is.False);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RunLoopOverData()
    {
        var data = new double[1000];
        Parallelism.For(data.Length, 10, new ExecutionOptions { MaxDegreeOfParallelism = 2 }, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                data[i] = i;
            }
        });
        return new WeakReference(data);
    }

    [Test]
    public void NestedAndConcurrentLoops_AllComplete()
    {
        var options = new ExecutionOptions { MaxDegreeOfParallelism = 2 };
        var hits = new int[4 * 8 * 50];
        // Four callers at once, each running a loop whose blocks run loops of their own: one gets the team, the
        // others and every nested loop run on Parallel.For; nothing waits on the busy team.
        Parallel.For(0, 4, caller => Parallelism.For(8, 1, options, (outer, _) =>
            Parallelism.For(50, 5, options, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    Interlocked.Increment(ref hits[(caller * 8 + outer) * 50 + i]);
                }
            })));

        Assert.That(hits, Is.All.EqualTo(1));
    }
}
