using System.Text.Json;
using MedImaging.Clinical;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary><see cref="BatchRunner"/> shards and <see cref="BatchMerge"/>: merged shards equal one run; reruns change nothing; gaps are reported.</summary>
[TestFixture]
public sealed class BatchMergeTests : TempDirectoryTest
{
    private static readonly BatchOptions NoQc = new() { Pipeline = new PipelineOptions { QcPictures = false } };

    private string Root => Path.Combine(TempDir, "root");

    private BatchSummary Shard(string output, int k, int n) => BatchRunner.Run(Root, output, NoQc with { Shard = new BatchShard(k, n) });

    [Test]
    public void TwoShardsMerged_EqualOneRun_AndRerunShardChangesNothing()
    {
        BatchTestRoot.Make(Root, 3);
        string single = Path.Combine(TempDir, "single"), sharded = Path.Combine(TempDir, "sharded");
        BatchSummary one = BatchRunner.Run(Root, single, NoQc);
        BatchSummary first = Shard(sharded, 1, 2);
        BatchSummary second = Shard(sharded, 2, 2);

        // The shards partition the cases by the hash rule, and each lists the whole batch.
        Assert.That(first.Cases.Select(c => c.Name).Concat(second.Cases.Select(c => c.Name)).Order(), Is.EqualTo(one.Cases.Select(c => c.Name).Order()));
        Assert.That(first.Cases.Concat(second.Cases).Select(c => (c.Path, BatchShard.ShardOf(c.Path, 2))),
            Is.EqualTo(first.Cases.Select(c => (c.Path, 1)).Concat(second.Cases.Select(c => (c.Path, 2)))));
        Assert.That(first.AllCases, Is.EqualTo(one.Cases.Select(c => c.Name)));
        Assert.That(File.Exists(Path.Combine(sharded, "batch-1-of-2.json")) && File.Exists(Path.Combine(sharded, "batch-2-of-2.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(sharded, BatchRunner.SummaryFileName)), Is.False, "a shard writes only its own summary");

        BatchSummary merged = BatchMerge.Merge(sharded);

        Assert.That(merged.Merge!.MissingShards, Is.Empty);
        Assert.That(merged.Merge.MissingCases, Is.Empty);
        Assert.That(merged.Merge.DuplicatedCases, Is.Empty);
        string expected = BatchTestRoot.WithoutTimings(one);
        Assert.That(BatchTestRoot.WithoutTimings(merged), Is.EqualTo(expected));
        Assert.That(BatchTestRoot.ReportNumbers(sharded, merged), Is.EqualTo(BatchTestRoot.ReportNumbers(single, one)));
        using (JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(sharded, BatchRunner.SummaryFileName))))
        {
            Assert.That(written.RootElement.GetProperty("merge").GetProperty("shards").GetArrayLength(), Is.EqualTo(2));
        }

        Assert.That(File.Exists(Path.Combine(sharded, "index.html")) && File.Exists(Path.Combine(sharded, "results.csv")), Is.True);

        // A retried shard (preempted node): the same cases, statuses, numbers and files.
        string[] filesBefore = Files(sharded);
        Dictionary<string, string> numbersBefore = BatchTestRoot.ReportNumbers(sharded, merged);
        byte[] maskBefore = File.ReadAllBytes(Path.Combine(sharded, "case01", "mask_body.nii.gz"));
        Shard(sharded, BatchShard.ShardOf("case01.nii.gz", 2), 2);
        BatchSummary again = BatchMerge.Merge(sharded);

        Assert.That(BatchTestRoot.WithoutTimings(again), Is.EqualTo(expected));
        Assert.That(Files(sharded), Is.EqualTo(filesBefore));
        Assert.That(BatchTestRoot.ReportNumbers(sharded, again), Is.EqualTo(numbersBefore));
        Assert.That(File.ReadAllBytes(Path.Combine(sharded, "case01", "mask_body.nii.gz")), Is.EqualTo(maskBefore));
    }

    [Test]
    public void Merge_MissingShard_ReportedWithItsCases()
    {
        BatchTestRoot.Make(Root, 3);
        string output = Path.Combine(TempDir, "out");
        BatchSummary only = Shard(output, 1, 2);
        string[] expectedMissing = [.. only.AllCases!.Except(only.Cases.Select(c => c.Name))];
        Assume.That(expectedMissing, Is.Not.Empty, "the hash rule put every case into shard 1; the test needs one in shard 2");

        BatchSummary merged = BatchMerge.Merge(output);

        Assert.That(merged.Status, Is.EqualTo(BatchSummary.IncompleteStatus));
        Assert.That(merged.Merge!.MissingShards, Is.EqualTo(new[] { 2 }));
        Assert.That(merged.Merge.MissingCases, Is.EqualTo(expectedMissing));
        Assert.That(merged.Cases.Select(c => c.Name), Is.EqualTo(only.Cases.Select(c => c.Name)));
    }

    [Test]
    public void Merge_CaseInTwoShards_ReportedAsDuplicated()
    {
        BatchTestRoot.Make(Root, 2);
        string output = Path.Combine(TempDir, "out");
        BatchSummary first = BatchRunner.Run(Root, output, NoQc with { Shard = new BatchShard(1, 1) });
        // A stale summary of another shard that ran the same cases (e.g. copied by hand): every case is twice.
        File.WriteAllText(Path.Combine(output, "batch-1-of-2.json"), JsonSerializer.Serialize(first with { Shard = new BatchShardInfo(1, 2, BatchShardInfo.CurrentRule) }, ClinicalJsonContext.Default.BatchSummary));
        File.WriteAllText(Path.Combine(output, "batch-2-of-2.json"), JsonSerializer.Serialize(first with { Shard = new BatchShardInfo(2, 2, BatchShardInfo.CurrentRule) }, ClinicalJsonContext.Default.BatchSummary));
        File.Delete(Path.Combine(output, "batch-1-of-1.json"));

        BatchSummary merged = BatchMerge.Merge(output);

        Assert.That(merged.Merge!.DuplicatedCases, Is.EqualTo(first.Cases.Select(c => c.Name)));
        Assert.That(merged.Cases, Has.Count.EqualTo(first.Cases.Count));
    }

    [Test]
    public void Merge_DifferentShardCounts_RefusedNamingThem()
    {
        BatchTestRoot.Make(Root, 1);
        string output = Path.Combine(TempDir, "out");
        Shard(output, 1, 2);
        Shard(output, 1, 3);

        Assert.That(() => BatchMerge.Merge(output), Throws.TypeOf<MedImagingException>().With.Message.Contains("different shard counts (2, 3)"));
    }

    [Test]
    public void Merge_NoShardSummary_Refused()
    {
        Directory.CreateDirectory(Path.Combine(TempDir, "empty"));
        Assert.That(() => BatchMerge.Merge(Path.Combine(TempDir, "empty")), Throws.TypeOf<MedImagingException>().With.Message.Contains("no shard summary"));
    }

    [Test]
    public void Merge_CorruptShardSummary_NamesTheFile()
    {
        string output = Path.Combine(TempDir, "out");
        Directory.CreateDirectory(output);
        string file = Path.Combine(output, "batch-1-of-1.json");
        File.WriteAllText(file, "{\"cases\": [");
        Assert.That(() => BatchMerge.Merge(output), Throws.TypeOf<MedImagingException>().With.Message.Contains(file));
    }

    private static string[] Files(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];
}
