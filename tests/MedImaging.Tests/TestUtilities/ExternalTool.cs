using System.Diagnostics;

namespace MedImaging.Tests.TestUtilities;

/// <summary>Runs an outside reference program (ITK harness, nibabel) and captures its output.</summary>
internal static class ExternalTool
{
    /// <summary>The ITK harness binary, or skips the test when it has not been built.</summary>
    public static string RequireItkRef() => TestPaths.RequireShared(Path.Combine("reference", "itk", "build", "itkref"));

    /// <summary>Debian's python3 with nibabel, or skips the test when either is missing.</summary>
    public static string RequireNibabelPython() => RequirePython("nibabel, numpy");

    /// <summary>Debian's python3 with pydicom, or skips the test when either is missing.</summary>
    public static string RequirePydicomPython() => RequirePython("pydicom");

    /// <summary>Debian's dcm2niix, or skips the test when it is not installed.</summary>
    public static string RequireDcm2niix()
    {
        const string tool = "/usr/bin/dcm2niix";
        if (!File.Exists(tool))
        {
            Assert.Ignore($"{tool} is not present");
        }

        return tool;
    }

    private static string RequirePython(string modules)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || Run(python, ["-c", $"import {modules}"]).ExitCode != 0)
        {
            Assert.Ignore($"{python} with {modules} is not present");
        }

        return python;
    }

    /// <summary>Runs <paramref name="program"/> to completion; returns its exit code, stdout and stderr.</summary>
    /// <param name="program">The executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Its working folder; null = ours.</param>
    /// <param name="environment">Variables to set (a null value removes the variable) on top of ours.</param>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run(program, arguments, Timeout.InfiniteTimeSpan, workingDirectory, environment);

    /// <summary>Runs <paramref name="program"/> to completion; fails the test (killing it) when it takes longer than <paramref name="timeout"/>.</summary>
    /// <param name="program">The executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="workingDirectory">Its working folder; null = ours.</param>
    /// <param name="environment">Variables to set (a null value removes the variable) on top of ours.</param>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {timeout}: {stdout.Result}{stderr.Result}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
