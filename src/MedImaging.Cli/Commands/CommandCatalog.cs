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
        WindowCommand.Create(),
        ThresholdCommand.Create(),
        DemoCommand.Create(),
        ResampleCommand.Create(),
        OrientCommand.Create(),
        OtsuCommand.Create(),
        MorphCommand.Create(),
        ComponentsCommand.Create(),
        FillHolesCommand.Create(),
        StatsCommand.Create(),
        OverlapCommand.Create(),
        DicomCommand.Create(),
        N4Command.Create(),
        RegisterCommand.Create(),
        QcCommand.Create(),
        PipelineCommand.Create(),
        BatchCommand.Create(),
    ];
}
