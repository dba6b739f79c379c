using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Zz.Reporting;

/// <summary>
/// Prints why tests were skipped, one line per reason (<see cref="SkipSummaryAttribute"/>), as the output of the run's
/// last test: the suite runs its fixtures one after another in name order, and the <c>Zz</c> namespace sorts after
/// every other namespace of this assembly. <c>dotnet test</c> shows a passing test's output at its default verbosity.
/// </summary>
[TestFixture]
public sealed class SkipSummaryReport
{
    /// <summary>Every skipped test said why, and the reasons are printed.</summary>
    [Test]
    [Order(int.MaxValue)]
    public void EverySkipSaysWhy()
    {
        foreach (string line in SkipSummaryAttribute.Lines())
        {
            TestContext.Out.WriteLine(line);
        }

        Assert.That(SkipSummaryAttribute.Reasons, Does.Not.Contain(SkipSummaryAttribute.NoReason), "a skip must say what is missing and how to get it");
    }
}
