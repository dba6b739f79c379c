using MedImaging.Clinical;

namespace MedImaging.Tests.Clinical;

/// <summary><see cref="BatchShard"/>: the K/N syntax, the hash rule against published FNV-1a vectors, and the job engines' variables.</summary>
[TestFixture]
public sealed class BatchShardTests
{
    // Published FNV-1a 64-bit test vectors (Fowler/Noll/Vo reference test suite, also in IETF draft-eastlake-fnv).
    [TestCase("", 0xcbf29ce484222325UL)]
    [TestCase("a", 0xaf63dc4c8601ec8cUL)]
    [TestCase("foobar", 0x85944171f73967e8UL)]
    public void StableHash_PublishedVectors(string text, ulong expected) =>
        Assert.That(BatchShard.StableHash(text), Is.EqualTo(expected));

    [Test]
    public void StableHash_BackslashesAreSlashes() =>
        Assert.That(BatchShard.StableHash("site\\p01"), Is.EqualTo(BatchShard.StableHash("site/p01")));

    [Test]
    public void Contains_EveryCaseInExactlyOneShard_AndAddingCasesMovesNone()
    {
        string[] cases = [.. Enumerable.Range(0, 500).Select(i => $"patient{i:000}")];
        const int n = 4;
        int[] sizes = new int[n];
        foreach (string c in cases)
        {
            int[] owners = [.. Enumerable.Range(1, n).Where(k => new BatchShard(k, n).Contains(c))];
            Assert.That(owners, Has.Length.EqualTo(1), c);
            Assert.That(owners[0], Is.EqualTo(BatchShard.ShardOf(c, n)));
            sizes[owners[0] - 1]++;
        }

        // 500 cases over 4 shards: a binomial(500, 1/4) count has sd ≈ 9.7; ±40 (4 sd) catches a broken hash, not chance.
        Assert.That(sizes, Is.All.InRange(125 - 40, 125 + 40), string.Join(", ", sizes));
        // A case's shard is a function of its own path and N only: the same case list with more cases appended keeps every shard.
        Assert.That(cases.Select(c => BatchShard.ShardOf(c, n)), Is.EqualTo(cases.Concat(["new1", "new2"]).Take(cases.Length).Select(c => BatchShard.ShardOf(c, n))));
    }

    [TestCase("1/1", 1, 1)]
    [TestCase("2/8", 2, 8)]
    [TestCase(" 8/8 ", 8, 8)]
    public void Parse_Valid(string text, int k, int n)
    {
        BatchShard shard = BatchShard.Parse(text);
        Assert.That((shard.Index, shard.Count, shard.SummaryFileName), Is.EqualTo((k, n, $"batch-{k}-of-{n}.json")));
    }

    [TestCase("0/2")]
    [TestCase("3/2")]
    [TestCase("1/0")]
    [TestCase("-1/2")]
    [TestCase("1")]
    [TestCase("1/2/3")]
    [TestCase("a/b")]
    [TestCase("")]
    public void Parse_Invalid_FormatExceptionQuotesIt(string text) =>
        Assert.That(() => BatchShard.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains($"'{text}'"));

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void FromEnvironment_NoVariables_Null() => Assert.That(BatchShard.FromEnvironment(Env()), Is.Null);

    // sbatch --array=0-3: SLURM_ARRAY_TASK_ID 0..3, MIN 0, MAX 3, COUNT 4 → shards 1..4 of 4.
    [TestCase(0, 1)]
    [TestCase(3, 4)]
    public void FromEnvironment_SlurmCount(int id, int k) =>
        Assert.That(BatchShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", $"{id}"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"))),
            Is.EqualTo(new BatchShard(k, 4)));

    [Test]
    public void FromEnvironment_SlurmMinMaxWithoutCount_ArrayStartingAtOne()
    {
        // sbatch --array=1-5 on a Slurm without SLURM_ARRAY_TASK_COUNT: task 5 is shard 5 of 5.
        Assert.That(BatchShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "5"))),
            Is.EqualTo(new BatchShard(5, 5)));
        Assert.That(BatchShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "5"))),
            Is.EqualTo(new BatchShard(1, 5)));
    }

    [Test]
    public void FromEnvironment_Kubernetes() =>
        Assert.That(BatchShard.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "0"), (BatchShard.KubernetesCountVariable, "3"))), Is.EqualTo(new BatchShard(1, 3)));

    [Test]
    public void FromEnvironment_SlurmWinsOverKubernetes() =>
        Assert.That(BatchShard.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "0"), (BatchShard.KubernetesCountVariable, "3"),
            ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "2"))), Is.EqualTo(new BatchShard(2, 2)));

    [TestCase("SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT")]
    [TestCase("SLURM_ARRAY_TASK_ID=x;SLURM_ARRAY_TASK_COUNT=2", "'x'")]
    [TestCase("SLURM_ARRAY_TASK_ID=2;SLURM_ARRAY_TASK_COUNT=2", "out of range")]
    [TestCase("SLURM_ARRAY_TASK_ID=0;SLURM_ARRAY_TASK_COUNT=4;SLURM_ARRAY_TASK_STEP=2", "contiguous")]
    [TestCase("JOB_COMPLETION_INDEX=0", "MEDIMG_SHARD_COUNT")]
    [TestCase("JOB_COMPLETION_INDEX=3;MEDIMG_SHARD_COUNT=3", "out of range")]
    [TestCase("JOB_COMPLETION_INDEX=0;MEDIMG_SHARD_COUNT=-1", "'-1'")]
    public void FromEnvironment_Invalid_NamesTheProblem(string vars, string expected)
    {
        (string, string)[] pairs = [.. vars.Split(';').Select(v => (v.Split('=')[0], v.Split('=')[1]))];
        Assert.That(() => BatchShard.FromEnvironment(Env(pairs)), Throws.TypeOf<FormatException>().With.Message.Contains(expected));
    }
}
