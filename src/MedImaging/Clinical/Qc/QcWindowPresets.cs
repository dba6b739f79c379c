using System.Globalization;
using MedImaging.Dicom;

namespace MedImaging.Clinical.Qc;

/// <summary>
/// Named CT display windows (HU) and the default window of a DICOM series. Values are the typical ones Radiopaedia's
/// "Windowing (CT)" article lists (https://radiopaedia.org/articles/windowing-ct): brain W80 L40; subdural W130–300
/// L50–100 (here the middle, W200 L75); stroke W40 L40 (the article also gives W8 L32; W40 L40 is the setting of
/// Turner &amp; Holdsworth, Br J Radiol 2011;84:1061, doi:10.1259/bjr/99730184); lung W1500 L−600; mediastinum W350 L50;
/// abdomen soft tissue W400 L50; liver W150 L30; bone W1800 L400.
/// </summary>
public static class QcWindowPresets
{
    /// <summary>The presets by name (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, QcWindow> ByName { get; } = new Dictionary<string, QcWindow>(StringComparer.OrdinalIgnoreCase)
    {
        ["brain"] = new(80, 40),
        ["subdural"] = new(200, 75),
        ["stroke"] = new(40, 40),
        ["abdomen"] = new(400, 50),
        ["liver"] = new(150, 30),
        ["lung"] = new(1500, -600),
        ["mediastinum"] = new(350, 50),
        ["bone"] = new(1800, 400),
    };

    /// <summary>
    /// The window a DICOM image asks to be shown with: the first WindowCenter (0028,1050) and WindowWidth (0028,1051)
    /// values (they apply to values after the modality rescale, i.e. HU for CT, as the volume holds them); null when
    /// absent or the width is not positive.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    public static QcWindow? FromDicom(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.TryGetDoubles(DicomTag.WindowCenter, out double[]? centers)
            && dataset.TryGetDoubles(DicomTag.WindowWidth, out double[]? widths)
            && widths[0] > 0 && double.IsFinite(widths[0]) && double.IsFinite(centers[0])
            ? new QcWindow(widths[0], centers[0])
            : null;
    }

    /// <summary>
    /// The window of a series: the median of its images' <see cref="FromDicom(DicomDataset)"/> widths and centres. MR
    /// scanners window each slice on its own content, and a slice at the edge of the anatomy may carry W9 L4 where the
    /// middle ones carry W1289 L625; CT series carry one window. Null when no image has one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="datasets"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="datasets"/> holds a null dataset.</exception>
    public static QcWindow? FromDicom(IEnumerable<DicomDataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        QcWindow[] windows = [.. datasets.Select(d => FromDicom(d ?? throw new ArgumentException("a dataset is null", nameof(datasets))))
            .OfType<QcWindow>()];
        return windows.Length == 0
            ? null
            : new QcWindow(Median(windows.Select(w => w.Width)), Median(windows.Select(w => w.Level)));
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>
    /// The CT preset for a DICOM BodyPartExamined (0018,0015) value: brain for HEAD, BRAIN, SKULL; mediastinum for
    /// CHEST, THORAX, LUNG; abdomen (soft tissue) otherwise, also when unknown.
    /// </summary>
    /// <returns>The preset's name and window.</returns>
    public static (string Name, QcWindow Window) ForCtBodyPart(string? bodyPart)
    {
        string part = (bodyPart ?? string.Empty).Trim().ToUpperInvariant();
        string name = part switch
        {
            "HEAD" or "BRAIN" or "SKULL" or "HEADNECK" => "brain",
            "CHEST" or "THORAX" or "LUNG" => "mediastinum",
            _ => "abdomen",
        };
        return (name, ByName[name]);
    }

    /// <summary>The names, for messages: "brain, subdural, …".</summary>
    public static string Names => string.Join(", ", ByName.Keys);

    /// <summary>"W80 L40" of a window, for messages.</summary>
    public static string Describe(QcWindow window) => string.Create(CultureInfo.InvariantCulture, $"W{window.Width:0.##} L{window.Level:0.##}");
}
