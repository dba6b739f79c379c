using System.Globalization;
using System.Text;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// Runs reads of mutated inputs and collects what went wrong: a read must either succeed with a result the check
/// accepts, or throw one of the documented exception types whose message names the file; anything else (another
/// exception type, a hang, an allocation far beyond the input, a wrong-but-accepted result) is a failure.
/// </summary>
internal sealed class HostileRead(string format, IReadOnlyList<Type> documented)
{
    private readonly List<string> _failures = [];

    /// <summary>Inputs read so far.</summary>
    public int Cases { get; private set; }

    /// <summary>Inputs that read successfully (the rest were rejected with a documented exception, or failed).</summary>
    public int Accepted { get; private set; }

    /// <summary>
    /// Reads one input. <paramref name="read"/> returns null when the result is consistent, else what is wrong with it;
    /// <paramref name="fileName"/> must appear in an exception's message (null: not read from a file);
    /// <paramref name="allocationLimit"/> bounds the bytes the read may allocate on its thread.
    /// </summary>
    public void Check(string name, string? fileName, long allocationLimit, Func<string?> read)
    {
        Cases++;
        Exception? thrown = null;
        string? inconsistency = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                inconsistency = read();
            }
            catch (Exception ex)
            {
                thrown = ex;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 16 << 20)
        { IsBackground = true };
        thread.Start();
        if (!thread.Join(FuzzSettings.Timeout))
        {
            Fail(name, $"still running after {FuzzSettings.Timeout.TotalSeconds} s (a hang)");
            return;
        }

        if (allocated > allocationLimit)
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"allocated {allocated:N0} bytes, limit {allocationLimit:N0} ({thrown?.GetType().Name ?? "no exception"})"));
        }

        if (thrown is null)
        {
            Accepted++;
            if (FuzzSettings.Verbose)
            {
                TestContext.Out.WriteLine($"{format}: accepted [{name}]");
            }

            if (inconsistency is not null)
            {
                Fail(name, "accepted with an inconsistent result: " + inconsistency);
            }

            return;
        }

        if (!documented.Any(t => t.IsInstanceOfType(thrown)))
        {
            Fail(name, $"{thrown.GetType().Name}: {thrown.Message}\n{thrown.StackTrace}");
        }
        else if (fileName is not null && !thrown.Message.Contains(fileName, StringComparison.Ordinal))
        {
            Fail(name, $"{thrown.GetType().Name} does not name the file '{fileName}': {thrown.Message}");
        }
    }

    /// <summary>Fails the test with every collected failure (the first 25 in full), and reports the counts.</summary>
    public void AssertNoFailures()
    {
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format}: {Cases} mutated inputs, {Accepted} accepted, {Cases - Accepted} rejected, {_failures.Count} failures"));
        if (_failures.Count == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{format}: {_failures.Count} of {Cases} mutated inputs failed:");
        foreach (string failure in _failures.Take(25))
        {
            report.AppendLine(failure);
        }

        Assert.Fail(report.ToString());
    }

    private void Fail(string name, string problem) => _failures.Add($"[{name}] {problem}");
}
