using System.Globalization;
using System.Text;

namespace MedImaging.Clinical;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, as <c>--shard K/N</c>): the cases of a batch whose
/// <see cref="StableHash">FNV-1a 64-bit hash</see> of their path relative to the root (UTF-8, '/' separators,
/// case-sensitive) is ≡ <see cref="Index"/> − 1 (mod <see cref="Count"/>). A case's shard depends on its own
/// path and the count only, so adding or removing cases never moves another case to another shard.
/// </summary>
public readonly record struct BatchShard
{
    /// <summary>The environment variable a Kubernetes Indexed Job manifest sets to its <c>completions</c> (the shard count).</summary>
    public const string KubernetesCountVariable = "MEDIMG_SHARD_COUNT";

    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 ≤ <paramref name="index"/> ≤ <paramref name="count"/>.</exception>
    public BatchShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>The shard, 1 … <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>The number of shards.</summary>
    public int Count { get; }

    /// <summary>This shard's summary file name: <c>batch-K-of-N.json</c>.</summary>
    public string SummaryFileName => string.Create(CultureInfo.InvariantCulture, $"batch-{Index}-of-{Count}.json");

    /// <summary>"K/N".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>True when the case at <paramref name="relativePath"/> (relative to the batch root) belongs to this shard.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="relativePath"/> is null.</exception>
    public bool Contains(string relativePath) => ShardOf(relativePath, Count) == Index;

    /// <summary>The 1-based shard of the case at <paramref name="relativePath"/> among <paramref name="count"/> shards.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="relativePath"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static int ShardOf(string relativePath, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)(StableHash(relativePath) % (ulong)count) + 1;
    }

    /// <summary>FNV-1a 64-bit of the UTF-8 bytes of <paramref name="relativePath"/> with '\' turned into '/' (the same on every platform and .NET version).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="relativePath"/> is null.</exception>
    public static ulong StableHash(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(relativePath.Replace('\\', '/')))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Parses "K/N" (1 ≤ K ≤ N).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not two integers K/N with 1 ≤ K ≤ N (the message quotes the text).</exception>
    public static BatchShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length == 2 && TryInt(parts[0], out int k) && TryInt(parts[1], out int n) && n >= 1 && k >= 1 && k <= n)
        {
            return new BatchShard(k, n);
        }

        throw new FormatException($"shard '{text}': expected K/N with 1 <= K <= N, e.g. 2/8");
    }

    /// <summary>
    /// The shard a job engine assigned to this process, or null when none did. Slurm job arrays:
    /// <c>SLURM_ARRAY_TASK_ID</c> − <c>SLURM_ARRAY_TASK_MIN</c> (0 when unset) + 1 of <c>SLURM_ARRAY_TASK_COUNT</c>
    /// (or <c>SLURM_ARRAY_TASK_MAX</c> − <c>SLURM_ARRAY_TASK_MIN</c> + 1); the array must be contiguous (no step).
    /// Kubernetes Indexed Jobs: <c>JOB_COMPLETION_INDEX</c> + 1 of <see cref="KubernetesCountVariable"/>. Slurm wins when both are set.
    /// </summary>
    /// <param name="variable">Reads an environment variable (null when unset), e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="variable"/> is null.</exception>
    /// <exception cref="FormatException">A variable is not an integer, the count is missing, or the index is out of range (the message names the variables).</exception>
    public static BatchShard? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable("SLURM_ARRAY_TASK_ID") is string slurmId)
        {
            int id = Integer("SLURM_ARRAY_TASK_ID", slurmId);
            int min = variable("SLURM_ARRAY_TASK_MIN") is string minText ? Integer("SLURM_ARRAY_TASK_MIN", minText) : 0;
            if (variable("SLURM_ARRAY_TASK_STEP") is string step && Integer("SLURM_ARRAY_TASK_STEP", step) != 1)
            {
                throw new FormatException($"SLURM_ARRAY_TASK_STEP={step}: a sharded batch needs a contiguous array (--array=0-{{N-1}})");
            }

            int count = variable("SLURM_ARRAY_TASK_COUNT") is string countText ? Integer("SLURM_ARRAY_TASK_COUNT", countText)
                : variable("SLURM_ARRAY_TASK_MAX") is string maxText ? Integer("SLURM_ARRAY_TASK_MAX", maxText) - min + 1
                : throw new FormatException("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is");
            return Checked(id - min + 1, count, $"SLURM_ARRAY_TASK_ID={id} (min {min}, count {count})");
        }

        if (variable("JOB_COMPLETION_INDEX") is string k8sIndex)
        {
            int index = Integer("JOB_COMPLETION_INDEX", k8sIndex);
            string countText = variable(KubernetesCountVariable)
                ?? throw new FormatException($"JOB_COMPLETION_INDEX is set but {KubernetesCountVariable} (the Job's completions) is not");
            int count = Integer(KubernetesCountVariable, countText);
            return Checked(index + 1, count, $"JOB_COMPLETION_INDEX={index} ({KubernetesCountVariable}={count})");
        }

        return null;
    }

    private static BatchShard Checked(int index, int count, string source) =>
        count >= 1 && index >= 1 && index <= count ? new BatchShard(index, count)
            : throw new FormatException($"{source}: shard {index} of {count} is out of range");

    private static int Integer(string name, string text) =>
        TryInt(text, out int value) ? value : throw new FormatException($"{name}='{text}': expected an integer");

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
