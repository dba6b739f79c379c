namespace MedImaging.Tests.TestUtilities;

/// <summary>
/// Locates test inputs: <c>testdata/</c> in this repository (always present) and the optional shared reference
/// material beside the clone (<c>../shared/corpus</c>, <c>../shared/reference/data/generated</c>). Tests that need the
/// shared material call <see cref="RequireShared"/>, which skips them cleanly when it is absent.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding MedImaging.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Path of a file under <c>testdata/</c>.</summary>
    public static string TestData(string relative) => Path.Combine(RepositoryRoot, "testdata", relative);

    /// <summary>
    /// The shared folder: <c>MEDIMG_SHARED</c> when set, else <c>../shared</c> beside the repository root.
    /// </summary>
    public static string SharedRoot =>
        Environment.GetEnvironmentVariable("MEDIMG_SHARED") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>
    /// The generated reference inputs (<c>shared/reference/data/generated</c>, made by make_inputs.sh), or
    /// <c>MEDIMG_GENERATED</c> when set.
    /// </summary>
    public static string GeneratedRoot =>
        Environment.GetEnvironmentVariable("MEDIMG_GENERATED") is { Length: > 0 } env
            ? env
            : Path.Combine(SharedRoot, "reference", "data", "generated");

    /// <summary>Path of a file or folder under the shared folder; skips the test when it does not exist.</summary>
    public static string RequireShared(string relative) => Require(Path.Combine(SharedRoot, relative), "shared material (real DICOM corpus, ITK harness: ../shared beside the clone or MEDIMG_SHARED, see README) not present");

    /// <summary>Path of a generated reference input; skips the test when it has not been generated.</summary>
    public static string RequireGenerated(string relative) =>
        Require(Path.Combine(GeneratedRoot, relative), "generated reference data (bash ../shared/reference/data/make_inputs.sh, or MEDIMG_GENERATED; .ci/run does it) not present");

    /// <summary>A new empty temporary folder, deleted by the caller or left to the OS.</summary>
    public static string NewTempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "medimg-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Require(string path, string what)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Ignore($"{what}: {path}");
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedImaging.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MedImaging.sln not found above {AppContext.BaseDirectory}");
    }
}
