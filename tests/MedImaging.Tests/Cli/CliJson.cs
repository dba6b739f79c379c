using System.Text.Json.Nodes;
using MedImaging.Cli;

namespace MedImaging.Tests.Cli;

/// <summary>Runs <c>medimg</c> in-process (<see cref="CliApp.Run"/>) and parses its stdout JSON.</summary>
internal static class CliJson
{
    /// <summary>The exit code, the stdout JSON object (empty when nothing was printed) and stderr.</summary>
    public static (int Code, JsonObject Json, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        string text = stdout.ToString();
        return (code, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : [], stderr.ToString());
    }
}
