using System.CommandLine;

namespace MedImaging.Cli.Commands;

/// <summary>Every <c>medimg</c> verb, one class per verb; add a line here when adding a verb.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates the top-level commands in help order.</summary>
    public static IEnumerable<Command> Create() =>
    [
        InfoCommand.Create(),
        ConvertCommand.Create(),
        DemoCommand.Create(),
        DicomCommand.Create(),
    ];
}
