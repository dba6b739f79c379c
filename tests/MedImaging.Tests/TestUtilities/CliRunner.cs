using System.Text.Json.Nodes;
using MedImaging.Cli;

namespace MedImaging.Tests.TestUtilities;

/// <summary>Runs <c>medimg</c> in-process (<see cref="CliApp.Run"/>) and parses its stdout as the contract's JSON object.</summary>
internal static class CliRunner
{
    /// <summary>Exit code, the JSON object printed on stdout (empty when nothing was printed) and stderr.</summary>
    public static (int Code, JsonObject Json, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        string text = stdout.ToString();
        return (code, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : [], stderr.ToString());
    }
}
