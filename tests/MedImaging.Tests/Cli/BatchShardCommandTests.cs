using System.Text.Json.Nodes;
using MedImaging.Cli;
using MedImaging.Cli.Commands;
using MedImaging.Clinical;
using MedImaging.Tests.Clinical;
using MedImaging.Tests.TestUtilities;
using static MedImaging.Tests.Cli.CliJson;

namespace MedImaging.Tests.Cli;

/// <summary><c>batch --shard</c>, <c>batch merge</c> and the batch's progress lines through <see cref="CliApp.Run"/>.</summary>
[TestFixture]
public sealed class BatchShardCommandTests : TempDirectoryTest
{
    [Test]
    public void ShardsThenMerge_ExitZero_MissingShardExitOneNamingIt()
    {
        string root = BatchTestRoot.Make(Path.Combine(TempDir, "root"), 2);
        string output = Path.Combine(TempDir, "out");

        (int c1, JsonObject s1, string e1) = Run("batch", root, output, "--shard", "1/2", "--no-qc");
        Assert.That((c1, s1["shard"]!.GetValue<string>(), s1["summary"]!.GetValue<string>()), Is.EqualTo((0, "1/2", Path.Combine(output, "batch-1-of-2.json"))), e1);

        (int partial, _, string partialErr) = Run("batch", "merge", output);
        Assert.That(partial, Is.EqualTo(1));
        Assert.That(partialErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1).And.All.StartWith("error: ").And.All.Contain("missing shards [2] of 2"));

        (int c2, _, string e2) = Run("batch", root, output, "--shard", "2/2", "--no-qc", "--quiet");
        Assert.That(c2, Is.Zero, e2);
        (int merged, JsonObject json, string err) = Run("batch", "merge", output);

        Assert.That(merged, Is.Zero, err);
        Assert.That((json["cases"]!.GetValue<int>(), json["ok"]!.GetValue<int>(), json["failed"]!.GetValue<int>(), json["shards"]!.GetValue<int>()), Is.EqualTo((3, 2, 1, 2)));
        Assert.That(File.Exists(Path.Combine(output, "index.html")), Is.True);
    }

    [TestCase("0/2")]
    [TestCase("2")]
    public void Shard_Malformed_UsageError(string shard)
    {
        (int code, _, string stderr) = Run("batch", TempDir, Path.Combine(TempDir, "out"), "--shard", shard);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("usage error: --shard"));
    }

    [Test]
    public void ResolveShard_OptionWinsOverEnvironment_EnvironmentErrorIsBadInput()
    {
        Func<string, string?> slurm = name => name switch { "SLURM_ARRAY_TASK_ID" => "1", "SLURM_ARRAY_TASK_COUNT" => "3", _ => null };
        Assert.That(BatchCommand.ResolveShard(null, slurm), Is.EqualTo(new BatchShard(2, 3)));
        Assert.That(BatchCommand.ResolveShard("1/4", slurm), Is.EqualTo(new BatchShard(1, 4)));
        Assert.That(BatchCommand.ResolveShard(null, _ => null), Is.Null);
        Assert.That(() => BatchCommand.ResolveShard(null, name => name == "JOB_COMPLETION_INDEX" ? "0" : null),
            Throws.TypeOf<MedImagingException>().With.Message.Contains(BatchShard.KubernetesCountVariable));
    }

    [Test]
    public void Merge_NothingToMerge_ExitOne()
    {
        (int code, _, string stderr) = Run("batch", "merge", TempDir);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain("no shard summary"));
    }

    [Test]
    public void Progress_Redirected_PlainLinePerCaseWithCountsFailuresAndEta()
    {
        string root = BatchTestRoot.Make(Path.Combine(TempDir, "root"), 2);

        (int code, _, string stderr) = Run("batch", root, Path.Combine(TempDir, "out"), "--no-qc");

        Assert.That(code, Is.Zero, stderr);
        string[] lines = [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("batch: ", StringComparison.Ordinal))];
        Assert.That(lines, Has.Length.GreaterThanOrEqualTo(3), stderr);
        Assert.That(stderr, Does.Not.Contain("\r"), "no live line when redirected");
        Assert.That(lines.Where(l => l.Contains("/3 cases", StringComparison.Ordinal)).Select(l => l[7..l.IndexOf('/', StringComparison.Ordinal)]),
            Is.SupersetOf(new[] { "1", "2", "3" }));
        Assert.That(stderr, Does.Contain("3/3 cases, 1 failed"));
        Assert.That(stderr, Does.Match(@"1/3 cases, [01] failed, ETA \d+ s"));
    }

    [Test]
    public void ProgressLine_Live_RewritesOneLineAndEndsIt()
    {
        using var error = new StringWriter();
        var line = new BatchProgressLine(error, live: true);
        line.Report(new ProgressReport(BatchRunner.StepProgress, 0.5, "0/2 cases, 0 failed; a: pipeline: resample"));
        line.Report(new ProgressReport(BatchRunner.CaseProgress, 0.5, "1/2 cases, 0 failed, ETA 3 s; a ok"));
        line.Report(new ProgressReport(BatchRunner.CaseProgress, 1, "2/2 cases, 1 failed; b failed"));

        string text = error.ToString();
        Assert.That(text.Count(c => c == '\r'), Is.EqualTo(3));
        Assert.That(text.Count(c => c == '\n'), Is.EqualTo(1), "one line, ended at the last case");
        Assert.That(text, Does.EndWith(Environment.NewLine));
        Assert.That(text.TrimEnd(), Does.EndWith("\rbatch: 2/2 cases, 1 failed; b failed (100 %)"), "the shorter last text blanks the longer one before it");
    }
}
