using System.Globalization;
using MedImaging.Clinical.Qc;
using MedImaging.Dicom;
using MedImaging.Filters;

namespace MedImaging.Cli.Commands;

/// <summary>
/// The display window of <c>medimg qc</c>: <c>--window</c> as a preset name or W,L; by default the series' own
/// WindowCenter/WindowWidth (first values, median over the files), else for CT the preset of its body part (<see cref="QcWindowPresets.ForCtBodyPart"/>),
/// else the 1st–99th percentile window (MR and other images).
/// </summary>
internal static class QcWindowChoice
{
    /// <summary>Intensity minimum at or below which an image without a DICOM Modality is taken for CT (HU; air is −1000), as the pipeline's Auto modality.</summary>
    private const double CtMinimum = -500;

    /// <summary>The window <paramref name="text"/> names: a preset, or W,L; null when not given.</summary>
    /// <exception cref="UsageException">Neither a preset nor two numbers with a positive width.</exception>
    public static QcWindow? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (QcWindowPresets.ByName.TryGetValue(text.Trim(), out QcWindow preset))
        {
            return preset;
        }

        if (!text.Contains(',', StringComparison.Ordinal))
        {
            throw new UsageException($"--window: '{text}' is neither a preset ({QcWindowPresets.Names}) nor W,L");
        }

        double[] wl = Json.ParseList(text, 2, "--window");
        return wl[0] > 0
            ? new QcWindow(wl[0], wl[1])
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--window: the width ({wl[0]}) must be positive"));
    }

    /// <summary>The default window of <paramref name="image"/> read as <paramref name="input"/>, and where it came from; a null window means the percentile window.</summary>
    public static (QcWindow? Window, string Source) Default(ImageInputs.Input input, Volume image, ExecutionOptions execution)
    {
        DicomDataset? dataset = input.Dicom?.Images[0].Dataset;
        if (input.Dicom is { } dicom && QcWindowPresets.FromDicom(dicom.Images.Select(h => h.Dataset)) is QcWindow own)
        {
            return (own, "dicom WindowCenter/WindowWidth (median over the files)");
        }

        bool ct = input.Dicom is { } series
            ? string.Equals(series.Modality, "CT", StringComparison.OrdinalIgnoreCase)
            : ImageFilters.Statistics(image, execution).Minimum <= CtMinimum;
        if (!ct)
        {
            return (null, "percentiles 1-99");
        }

        (string name, QcWindow window) = QcWindowPresets.ForCtBodyPart(dataset?.GetStringOrDefault(DicomTag.BodyPartExamined, null));
        return (window, $"preset {name} (CT{(dataset is null ? ", intensities" : "")})");
    }
}
