using System.Globalization;

namespace MedImaging.Cli;

/// <summary>Progress lines on stderr ("operation: message (42 %)"); safe to report from several threads.</summary>
internal sealed class StderrProgress(TextWriter error) : IProgress<ProgressReport>
{
    private readonly Lock _gate = new();

    /// <summary>Writes one line.</summary>
    public void Report(ProgressReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string line = value.Message is null
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Operation} ({value.Fraction:P0})")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Operation}: {value.Message} ({value.Fraction:P0})");
        lock (_gate)
        {
            error.WriteLine(line);
        }
    }
}
