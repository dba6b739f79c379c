namespace MedImaging.Tests.TestUtilities;

/// <summary>Headless Chromium (Debian's <c>chromium</c>, installed by .ci/install-scaling-tools.sh): a page's DOM after its scripts ran, and screenshots.</summary>
internal static class Browser
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser, or an NUnit ignore saying why the test cannot run.</summary>
    public static string Require() => Candidates.FirstOrDefault(File.Exists)
        ?? throw new IgnoreException("headless Chromium is not installed (apt-get install chromium; .ci/install-scaling-tools.sh does it as root)");

    /// <summary>The DOM of <paramref name="url"/> once loaded (scripts run).</summary>
    public static string DumpDom(string browser, string url, string profile) => Run(browser, profile, "--dump-dom", url);

    /// <summary>A PNG screenshot of <paramref name="url"/> at <paramref name="width"/>×<paramref name="height"/> CSS pixels.</summary>
    public static void Screenshot(string browser, string url, string png, int width, int height, string profile) =>
        Run(browser, profile, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", url);

    private static string Run(string browser, string profile, params string[] arguments)
    {
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the page is our own file.
        (int code, string stdout, string stderr) = ExternalTool.Run(browser,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}", .. arguments], TimeSpan.FromSeconds(90));
        Assert.That(code, Is.Zero, stderr);
        return stdout;
    }
}
