using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NUnit.Framework.Interfaces;

[assembly: MedImaging.Tests.TestUtilities.SkipSummary]

namespace MedImaging.Tests.TestUtilities;

/// <summary>
/// Counts the tests skipped (<c>Assert.Ignore</c>: shared material, generated data or a Debian package absent) by
/// reason; <see cref="SkipSummaryReport"/>, the last fixture to run, prints one line per reason, <c>skipped N: reason</c>,
/// most frequent first, so that <c>dotnet test</c> says why tests were skipped. The file or folder a reason names is
/// left out of the grouping key (<c>shared material not present: /x/y</c> groups as <c>shared material not present</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed partial class SkipSummaryAttribute : Attribute, ITestAction
{
    private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

    /// <summary>The grouping key of a skip without a message.</summary>
    public const string NoReason = "(no reason given)";

    /// <inheritdoc/>
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc/>
    public void BeforeTest(ITest test)
    {
    }

    /// <inheritdoc/>
    public void AfterTest(ITest test)
    {
        TestContext.ResultAdapter result = TestContext.CurrentContext.Result;
        if (result.Outcome.Status == TestStatus.Skipped)
        {
            Counts.AddOrUpdate(result.Message is { Length: > 0 } message ? Reason(message) : NoReason, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The summary lines so far, <c>skipped N: reason</c>, most frequent first.</summary>
    public static IReadOnlyList<string> Lines() =>
        [.. Counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"skipped {p.Value}: {p.Key}")];

    /// <summary>The reasons counted so far.</summary>
    public static IReadOnlyCollection<string> Reasons => [.. Counts.Keys];

    /// <summary>The grouping key of a skip message: the message without a trailing path.</summary>
    public static string Reason(string message) => TrailingPath().Replace(message.Trim(), string.Empty);

    [GeneratedRegex(@":\s+(?:/|[A-Za-z]:\\)\S*$")]
    private static partial Regex TrailingPath();
}
