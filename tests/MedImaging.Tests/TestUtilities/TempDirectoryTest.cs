namespace MedImaging.Tests.TestUtilities;

/// <summary>Base for fixtures that write files: a fresh temporary folder per test, deleted afterwards.</summary>
public abstract class TempDirectoryTest
{
    /// <summary>The current test's folder.</summary>
    protected string TempDir { get; private set; } = "";

    [SetUp]
    public void CreateTempDirectory() => TempDir = TestPaths.NewTempDirectory();

    [TearDown]
    public void DeleteTempDirectory() => Directory.Delete(TempDir, recursive: true);
}
