using System.CommandLine;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg dicom</c>: the parent of the DICOM verbs. Each subcommand is one class with <c>Create()</c>; add a
/// line to <see cref="Subcommands"/> to add one (e.g. <c>dicom scan</c>).
/// </summary>
internal static class DicomCommand
{
    /// <summary>The subcommands in help order.</summary>
    public static IEnumerable<Command> Subcommands() =>
    [
        DicomScanCommand.Create(),
        DicomDumpCommand.Create(),
        DicomHashCommand.Create(),
    ];

    /// <summary>Creates <c>dicom</c> with its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("dicom", "DICOM files: scan a folder for series, dump a dataset, fingerprint decoded pixels.");
        foreach (Command sub in Subcommands())
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
