using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Reads a DICOM image series into a volume in LPS with values after rescale (HU for CT): slices sorted along their
/// normal (<see cref="StackAnalyzer"/>), spacing from positions (never SliceThickness), origin = the first slice's
/// ImagePositionPatient, direction from ImageOrientationPatient and the normal; repeated positions become a 4-D
/// <see cref="VolumeSeries"/>; irregular stacks handled by <see cref="DicomSeriesReadOptions.Irregular"/>.
/// </summary>
public static partial class DicomSeriesReader
{
    /// <summary>
    /// Reads the series of <paramref name="folder"/> with the most images (the folder's single series, in the usual
    /// case; the others are named in the report's warnings). <paramref name="scanOptions"/> choose sub-folders and
    /// DICOMDIR use (default: the folder's own files, or the files its DICOMDIR lists).
    /// </summary>
    /// <exception cref="SeriesInconsistentException">The folder holds no DICOM image.</exception>
    public static DicomSeriesReadResult Read(string folder, DicomSeriesReadOptions? options = null, ExecutionOptions? execution = null, DicomScanOptions? scanOptions = null) =>
        ReadLargest(DicomSeriesScanner.Scan(folder, scanOptions, execution), folder, options, execution).Result;

    /// <summary>
    /// Reads the series of <paramref name="scan"/> with the most images, as <see cref="Read(string, DicomSeriesReadOptions?, ExecutionOptions?, DicomScanOptions?)"/>
    /// does, and returns which series that was (its UID, number, description and modality).
    /// </summary>
    /// <param name="scan">The scan of <paramref name="folder"/>.</param>
    /// <param name="folder">The scanned folder, named in the exception when the scan found no series.</param>
    /// <param name="options">Irregular-stack policy; null for defaults.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="SeriesInconsistentException">The scan holds no DICOM image series.</exception>
    public static (DicomSeriesReadResult Result, DicomSeriesInfo Series) ReadLargest(DicomScanResult scan, string folder,
        DicomSeriesReadOptions? options = null, ExecutionOptions? execution = null) => ReadSelected(scan, folder, null, options, execution);

    /// <summary>
    /// Reads the series of <paramref name="scan"/> that <paramref name="selector"/> names (key, SeriesInstanceUID,
    /// SeriesNumber or SeriesDescription pattern, see <see cref="DicomSeriesSelection.Select"/>), or the largest when it is
    /// null; then the report's warnings name the other series, not read.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="scan"/> is null.</exception>
    /// <exception cref="SeriesInconsistentException">The scan holds no series, or the selector names none or several.</exception>
    /// <exception cref="DicomFormatException">The scan skipped a damaged file, or a file of the series is unusable, and
    /// <see cref="DicomSeriesReadOptions.OnBadFile"/> is Error.</exception>
    public static (DicomSeriesReadResult Result, DicomSeriesInfo Series) ReadSelected(DicomScanResult scan, string folder, string? selector,
        DicomSeriesReadOptions? options = null, ExecutionOptions? execution = null)
    {
        options ??= new DicomSeriesReadOptions();
        (DicomSeriesInfo chosen, IReadOnlyList<DicomSeriesInfo> allOthers) = DicomSeriesSelection.Select(scan, folder, selector);
        if (options.OnBadFile == BadFilePolicy.Error && scan.Skipped.FirstOrDefault(s => s.Damaged) is SkippedFile damaged)
        {
            throw new BadSlicesException([damaged]).ToError();
        }

        DicomSeriesReadResult result = Read(chosen, options, execution);
        string[] others = [.. allOthers.Where(s => s.SeriesInstanceUid != chosen.SeriesInstanceUid).Select(OtherSeries)];
        SkippedFile[] splitOff = [.. SplitFrom(chosen, scan.Series)];
        IReadOnlyList<string> warnings = others.Length == 0 || selector is not null
            ? result.Report.Warnings
            : [.. result.Report.Warnings, $"{OtherSeriesNote}: {string.Join(", ", others)}"];
        return (result with { Report = result.Report with { Warnings = warnings, Skipped = [.. scan.Skipped, .. splitOff, .. result.Report.Skipped] } }, chosen);
    }

    /// <summary>The start of the report warning that names the series a folder read did not read.</summary>
    public const string OtherSeriesNote = "the folder holds other series, not read";

    /// <summary>"'KEY' (N images)", with the files named when there are at most 3 (a stray file, not a series of its own).</summary>
    private static string OtherSeries(DicomSeriesInfo s)
    {
        string[] files = [.. s.Images.Select(h => h.Path).Distinct(StringComparer.Ordinal)];
        return files.Length <= 3 ? $"'{s.Key}' ({s.Images.Count} images: {string.Join(", ", files.Select(f => $"'{f}'"))})" : $"'{s.Key}' ({s.Images.Count} images)";
    }

    /// <summary>
    /// The files of the series that share <paramref name="chosen"/>'s SeriesInstanceUID but were split from it (another
    /// size, orientation, pixel format, no position, …): to the user they are files of the series left out. They are
    /// not <see cref="SkippedFile.Damaged"/>: a split may be the series' own design (localizers, echoes).
    /// </summary>
    private static IEnumerable<SkippedFile> SplitFrom(DicomSeriesInfo chosen, IReadOnlyList<DicomSeriesInfo> all) =>
        all.Where(s => s != chosen && s.SeriesInstanceUid == chosen.SeriesInstanceUid)
            .SelectMany(s => s.Images.Select(h => h.Path).Distinct(StringComparer.Ordinal).Select(path => new SkippedFile(path,
                $"split from the series read ('{chosen.Key}') into '{s.Key}', not read: {string.Join("; ", s.SplitReasons.Except(chosen.SplitReasons))}")));

    /// <summary>
    /// Reads one series found by <see cref="DicomSeriesScanner"/>. With <see cref="IrregularStackPolicy.Split"/> this
    /// returns the first run only; <see cref="ReadAll"/> returns every run.
    /// </summary>
    /// <exception cref="SeriesInconsistentException">The slices cannot be stacked (see the message), or no file is usable.</exception>
    /// <exception cref="DicomFormatException">A file is unusable and <see cref="DicomSeriesReadOptions.OnBadFile"/> is Error.</exception>
    public static DicomSeriesReadResult Read(DicomSeriesInfo series, DicomSeriesReadOptions? options = null, ExecutionOptions? execution = null) =>
        ReadAll(series, options, execution)[0];

    /// <summary>
    /// Reads one series found by <see cref="DicomSeriesScanner"/> into one result, or one result per run of regular
    /// slices when the stack is irregular and the policy is <see cref="IrregularStackPolicy.Split"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="SeriesInconsistentException">The slices cannot be stacked (see the message), or a Siemens mosaic's
    /// slice count does not tile it. Siemens mosaics (ImageType MOSAIC) are de-mosaicked into 3-D (see <see cref="SiemensMosaic"/>).</exception>
    /// <exception cref="DicomFormatException">A file is unusable and <see cref="DicomSeriesReadOptions.OnBadFile"/> is Error
    /// (multi-frame and mosaic files are always read whole: a corrupt one throws).</exception>
    /// <exception cref="DicomCodecException">A multi-frame or mosaic file's transfer syntax cannot be decoded.</exception>
    public static IReadOnlyList<DicomSeriesReadResult> ReadAll(DicomSeriesInfo series, DicomSeriesReadOptions? options = null, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new DicomSeriesReadOptions();
        if (series.Images.Any(SiemensMosaic.IsMosaic))
        {
            // A mosaic tiles many slices in one image: it is de-mosaicked, never stacked as one slice.
            return [ReadMosaics(series, options, execution)];
        }

        if (series.Images.Any(h => h.NumberOfFrames > 1))
        {
            return DicomMultiFrameReader.ReadAll(series, options, execution);
        }

        // A file found unusable at any stage is left out (or, with OnBadFile Error, named in the exception) and the
        // stack is laid out again without it: every pass removes at least one file, so this ends.
        var excluded = new List<SkippedFile>();
        DicomImageHeader[] images = StackingOrder(series);
        while (true)
        {
            try
            {
                IReadOnlyList<DicomSeriesReadResult> results = ReadStack(series, images, options, execution);
                return [.. results.Select(r => r with { Report = r.Report with { Skipped = [.. excluded, .. r.Report.Skipped] } })];
            }
            catch (BadSlicesException bad)
            {
                if (options.OnBadFile == BadFilePolicy.Error)
                {
                    throw bad.ToError();
                }

                excluded.AddRange(bad.Files);
                var gone = new HashSet<string>(bad.Files.Select(f => f.Path), StringComparer.Ordinal);
                images = [.. images.Where(h => !gone.Contains(h.Path))];
                if (images.Length == 0)
                {
                    throw new SeriesInconsistentException(series.Key,
                        $"no usable file: {excluded.Count} file(s) left out, e.g. '{excluded[0].Path}': {excluded[0].Reason}");
                }
            }
        }
    }

    /// <summary>
    /// One pass over the slices still in: lays out the stack, keeps one file per position (the others go into the
    /// reports' <see cref="SeriesReport.Skipped"/>) and decodes it.
    /// </summary>
    /// <exception cref="BadSlicesException">Files found unusable in this pass.</exception>
    private static IReadOnlyList<DicomSeriesReadResult> ReadStack(DicomSeriesInfo series, DicomImageHeader[] images, DicomSeriesReadOptions options,
        ExecutionOptions? execution)
    {
        var warnings = new List<string>();
        warnings.AddRange(SeriesFindings.Of(images));
        if (images.Any(h => h.Plane is null))
        {
            return [ReadWithoutPositions(series, images, warnings, execution)];
        }

        SliceFaults.ThrowIfNotParallel(images);
        StackLayout layout = Analyze(images, options);
        List<SkippedFile> copies = [];
        if ((layout.Irregularities & StackIrregularity.DuplicatePositions) != 0)
        {
            // Unequal repeats are no 4-D series: one file per position, chosen and named, then the layout without the others.
            images = DuplicateSlices.KeepOnePerPosition(series.Key, images, options, copies, warnings);
            layout = Analyze(images, options);
            layout = layout with { Irregularities = layout.Irregularities | StackIrregularity.DuplicatePositions };
        }

        warnings.AddRange(layout.Findings);
        bool regular = (layout.Irregularities & ~StackIrregularity.DuplicatePositions) == StackIrregularity.None;
        IReadOnlyList<DicomSeriesReadResult> results = regular || options.Irregular == IrregularStackPolicy.Warn
            ? [ReadRegular(series, images, layout, warnings, execution, regular)]
            : options.Irregular == IrregularStackPolicy.Split
                ? ReadRuns(series, images, layout, options, execution)
                : [ReadIrregular(series, images, layout, options, warnings, execution)];
        return [.. results.Select(r => r with { Report = r.Report with { Skipped = copies } })];
    }

    private static StackLayout Analyze(DicomImageHeader[] images, DicomSeriesReadOptions options) =>
        StackAnalyzer.Analyze([.. images.Select(h => h.Plane!)], options.PositionTolerance, [.. images.Select(h => h.Path)]);

    /// <summary>
    /// The geometry a series would have if its slices were stacked as they are (headers only, no pixels): null when
    /// the images are multi-frame, Siemens mosaics (see <see cref="SiemensMosaic.FromHeader"/>), lack positions or
    /// are not parallel (a series not split by orientation as <see cref="DicomSeriesScanner"/> splits; reading it
    /// names the slices out of line). <paramref name="layout"/> tells whether the stack is regular.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static VolumeGeometry? EstimateGeometry(DicomSeriesInfo series, out StackLayout? layout)
    {
        ArgumentNullException.ThrowIfNull(series);
        layout = null;
        DicomImageHeader[] images = StackingOrder(series);
        if (images.Any(h => h.Plane is null || h.NumberOfFrames > 1 || SiemensMosaic.IsMosaic(h))
            || SliceFaults.ParallelGroups(images).Count > 1)
        {
            return null;
        }

        layout = StackAnalyzer.Analyze([.. images.Select(h => h.Plane!)]);
        return StackGeometry(images[layout.Volumes[0][0]].Plane!, layout);
    }

    private static DicomImageHeader[] StackingOrder(DicomSeriesInfo series) => [.. series.Images
        .OrderBy(h => h.TemporalPositionIdentifier ?? 0)
        .ThenBy(h => h.InstanceNumber ?? 0)
        .ThenBy(h => h.Path, StringComparer.Ordinal)
        .ThenBy(h => h.FrameOrder)];

    private static VolumeGeometry StackGeometry(SlicePlane first, StackLayout layout) => new(
        new Size3(first.Columns, first.Rows, layout.Volumes[0].Count),
        new Vec3(first.ColumnSpacing, first.RowSpacing, layout.SliceSpacing),
        first.Position,
        Mat3.FromColumns(first.RowDirection, first.ColumnDirection, layout.Normal));

    private static DicomSeriesReadResult ReadRegular(DicomSeriesInfo series, DicomImageHeader[] images, StackLayout layout, List<string> warnings,
        ExecutionOptions? execution, bool regular)
    {
        if (!regular)
        {
            warnings.Add("irregular stack returned as if regular (policy Warn): some slices do not sit where the volume's geometry puts them");
        }

        VolumeGeometry geometry = StackGeometry(images[layout.Volumes[0][0]].Plane!, layout);
        return Assemble(series, images, layout.Volumes, geometry, layout.Irregularities, warnings, execution);
    }

    private static DicomSeriesReadResult ReadWithoutPositions(DicomSeriesInfo series, DicomImageHeader[] images, List<string> warnings, ExecutionOptions? execution)
    {
        warnings.Add("ImagePositionPatient/ImageOrientationPatient missing: slices stacked by InstanceNumber with 1 mm spacing and identity direction");
        DicomImageHeader first = images[0];
        double rowSpacing = 1, columnSpacing = 1;
        if (first.Dataset.TryGetDoubles(DicomTag.PixelSpacing, out double[]? ps) && ps.Length >= 2 && ps[0] > 0 && ps[1] > 0)
        {
            (rowSpacing, columnSpacing) = (ps[0], ps[1]);
        }

        var geometry = new VolumeGeometry(new Size3(first.Columns, first.Rows, images.Length), new Vec3(columnSpacing, rowSpacing, 1), Vec3.Zero);
        return Assemble(series, images, [[.. Enumerable.Range(0, images.Length)]], geometry, StackIrregularity.None, warnings, execution);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
