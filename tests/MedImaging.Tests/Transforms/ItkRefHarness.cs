using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Transforms;

/// <summary>
/// Runs the ITK 5.2 reference harness's <c>transform TFM --points ...</c> command (shared/reference/itk/README.md):
/// ITK reads the file and maps the points through its first transform. Tests skip when the harness is absent.
/// </summary>
internal static class ItkRefHarness
{
    /// <summary>The harness executable; skips the test when it has not been built.</summary>
    public static string Require() => TestPaths.RequireShared(Path.Combine("reference", "itk", "build", "itkref"));

    /// <summary>ITK's reading of <paramref name="tfmPath"/>: its class name, parameters and the mapped points (flat x, y, z).</summary>
    public static (string Kind, double[] Parameters, double[] FixedParameters, double[] Points) Transform(string tfmPath, IReadOnlyList<Vec3> points)
    {
        string exe = Require();
        string list = string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:R},{p.Y:R},{p.Z:R}")));
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "transform", tfmPath, "--points", list, "--threads", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"itkref transform {tfmPath} failed: {stdout} {stderr}");
        JsonNode json = JsonNode.Parse(stdout) ?? throw new InvalidOperationException("itkref printed no JSON");
        return (json["kind"]!.GetValue<string>(), Numbers(json["parameters"]), Numbers(json["fixed_parameters"]), Numbers(json["points"]));
    }

    private static double[] Numbers(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
}
