using System.Globalization;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// The size and seed of a mutation session. The default run is small and fixed (CI runs it twice); a long local
/// session sets <c>MEDIMG_FUZZ_ITERATIONS</c> (random mutations per kind, multiplied) and <c>MEDIMG_FUZZ_SEED</c>.
/// </summary>
internal static class FuzzSettings
{
    /// <summary>Multiplier of the random mutations per input (1 unless MEDIMG_FUZZ_ITERATIONS says otherwise).</summary>
    public static int Iterations { get; } = ReadPositive("MEDIMG_FUZZ_ITERATIONS", 1);

    /// <summary>The base seed; each format adds its own constant so formats do not share a random stream.</summary>
    public static int Seed { get; } = ReadPositive("MEDIMG_FUZZ_SEED", 20261126);

    /// <summary>MEDIMG_FUZZ_VERBOSE=1 lists every accepted mutation (to see what a reader tolerates).</summary>
    public static bool Verbose { get; } = Environment.GetEnvironmentVariable("MEDIMG_FUZZ_VERBOSE") == "1";

    /// <summary>
    /// Longest a single read may take before it counts as a hang. Every valid input here decodes in well under 50 ms;
    /// 10 s leaves room for a loaded CI machine running with DOTNET_EnableHWIntrinsic=0.
    /// </summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The number of random mutations of each kind for one input: <paramref name="perIteration"/> × <see cref="Iterations"/>.</summary>
    public static int Random(int perIteration) => perIteration * Iterations;

    private static int ReadPositive(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
