using System.Text.RegularExpressions;
using MedImaging.Clinical;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Deploy;

/// <summary>
/// deploy/: the single-node Slurm cluster test (deploy/slurm/test-local-cluster.sh: job array of shards, dependent
/// merge, compared with one unsharded run) and the Kubernetes manifests parsed by kubectl (deploy/kubernetes/test-manifests.sh).
/// </summary>
[TestFixture]
public sealed partial class DeployScriptTests
{
    private const int Skip = 77;

    private static string Deploy(string relative) => Path.Combine(TestPaths.RepositoryRoot, "deploy", relative);

    [Test]
    [NonParallelizable]
    public void Slurm_ShardedArrayAndMerge_EqualOneProcess()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.Ignore("the Slurm cluster test runs once, in the SIMD pass of .ci/run (medimg's numbers are checked scalar by the in-process shard tests)");
        }

        string medimg = "dotnet " + Path.Combine(AppContext.BaseDirectory, "medimg.dll");
        string result = Path.Combine(TestPaths.NewTempDirectory(), "result.txt");
        (int code, string output) = Bash(TimeSpan.FromMinutes(10), Deploy("slurm/test-local-cluster.sh"), medimg, result);
        string last = output.TrimEnd().Split('\n')[^1];
        if (code == Skip)
        {
            Assert.Ignore(last);
        }

        Assert.That(code, Is.Zero, output);
        Assert.That(last, Does.StartWith("PASS: 9 cases (8 ok, 1 failed) equal to one run"));
        TestContext.Out.WriteLine(last);
    }

    [Test]
    public void Kubernetes_ManifestsParse_IndexedJobWithTheShardCount()
    {
        (int code, string output) = Bash(TimeSpan.FromMinutes(2), Deploy("kubernetes/test-manifests.sh"));
        if (code == Skip)
        {
            Assert.Ignore(output.Trim());
        }

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("completionMode: Indexed"));
        int completions = int.Parse(CompletionsRegex().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Match count = CountRegex().Match(output);
        Assert.That(count.Success, Is.True, $"the batch Job sets {BatchShard.KubernetesCountVariable}");
        Assert.That(count.Groups[1].Value, Is.EqualTo(BatchShard.KubernetesCountVariable));
        Assert.That(int.Parse(count.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(completions), "completions = the shard count");
        Assert.That(output, Does.Contain("- merge"), "the merge Job");
        Assert.That(output, Does.Contain("kind: PersistentVolumeClaim"));
        Assert.That(output, Does.Contain("runAsNonRoot: true"));
    }

    private static (int Code, string Output) Bash(TimeSpan timeout, params string[] arguments)
    {
        (int code, string stdout, string stderr) = ExternalTool.Run("bash", arguments, timeout);
        return (code, stdout + stderr);
    }

    [GeneratedRegex(@"completions: (\d+)")]
    private static partial Regex CompletionsRegex();

    [GeneratedRegex(@"- name: (MEDIMG_SHARD_COUNT)\s+value: ""(\d+)""")]
    private static partial Regex CountRegex();
}
