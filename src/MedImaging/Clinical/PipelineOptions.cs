using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedImaging.Resampling;

namespace MedImaging.Clinical;

/// <summary>Which branch of the pipeline runs.</summary>
public enum ClinicalModality
{
    /// <summary>Decide from the DICOM Modality (CT, MR), else from the intensities (minimum ≤ −500: CT, else MR).</summary>
    Auto,

    /// <summary>Computed tomography: values in Hounsfield units.</summary>
    CT,

    /// <summary>Magnetic resonance: arbitrary positive intensities.</summary>
    MR,
}

/// <summary>
/// Configuration of <see cref="ClinicalPipeline"/>, JSON-loadable (snake_case names, e.g. <c>{"ct": {"spacing": [1, 1, 1]}}</c>;
/// unknown names are refused; a missing field or JSON null keeps the default). Immutable: change a copy with
/// <c>with</c>. The JSON is read through the constructor, whose parameters carry the defaults, because
/// System.Text.Json's source generator would replace the defaults of init-only properties missing from the JSON
/// (dotnet/runtime#84484). Defaults follow the SimpleITK cookbook: isotropic 1 mm B-spline resampling of CT with
/// −1024 HU outside, body = largest component of ≥ −500 HU with holes filled, N4 as SimpleITK's example for MR.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>Options with the given settings; every parameter left out (or null) keeps its default.</summary>
    /// <param name="modality">See <see cref="Modality"/>.</param>
    /// <param name="ct">See <see cref="Ct"/>; null: the CT defaults.</param>
    /// <param name="mr">See <see cref="Mr"/>; null: the MR defaults.</param>
    /// <param name="labelNames">See <see cref="LabelNames"/>; null: none.</param>
    /// <param name="writeImage">See <see cref="WriteImage"/>.</param>
    /// <param name="writeMasks">See <see cref="WriteMasks"/>.</param>
    /// <param name="qcPictures">See <see cref="QcPictures"/>.</param>
    /// <param name="series">See <see cref="Series"/>.</param>
    /// <param name="recursive">See <see cref="Recursive"/>.</param>
    /// <param name="outputExtension">See <see cref="OutputExtension"/>; null: <c>.nii.gz</c>.</param>
    /// <param name="steps">See <see cref="Steps"/>.</param>
    /// <param name="outputs">See <see cref="Outputs"/>.</param>
    [JsonConstructor]
    public PipelineOptions(ClinicalModality modality = ClinicalModality.Auto, CtPipelineOptions? ct = null, MrPipelineOptions? mr = null,
        IReadOnlyDictionary<int, string>? labelNames = null, bool writeImage = true, bool writeMasks = true, bool qcPictures = true,
        string? series = null, bool recursive = false, string? outputExtension = null, IReadOnlyList<PipelineStepOptions>? steps = null,
        IReadOnlyDictionary<string, string>? outputs = null)
    {
        Modality = modality;
        Ct = ct ?? new CtPipelineOptions();
        Mr = mr ?? new MrPipelineOptions();
        LabelNames = labelNames ?? new Dictionary<int, string>();
        WriteImage = writeImage;
        WriteMasks = writeMasks;
        QcPictures = qcPictures;
        Series = series;
        Recursive = recursive;
        OutputExtension = outputExtension ?? ".nii.gz";
        Steps = steps;
        Outputs = outputs;
    }

    /// <summary>CT, MR, or Auto (default): from the DICOM Modality, else from the intensity range.</summary>
    public ClinicalModality Modality { get; init; }

    /// <summary>The CT branch.</summary>
    public CtPipelineOptions Ct { get; init; }

    /// <summary>The MR branch.</summary>
    public MrPipelineOptions Mr { get; init; }

    /// <summary>Names of the label values of the label image, e.g. {1: "liver", 2: "lesion"}; others are called "label N".</summary>
    public IReadOnlyDictionary<int, string> LabelNames { get; init; }

    /// <summary>Write the working image (resampled CT, corrected MR) into the output folder (default true).</summary>
    public bool WriteImage { get; init; }

    /// <summary>Write every mask and the resampled label image into the output folder (default true).</summary>
    public bool WriteMasks { get; init; }

    /// <summary>
    /// Run the <c>qc_pictures</c> step: axial, coronal and sagittal PNGs of the working image with the overlay
    /// (default true). When false the step is absent from the report's <c>steps[]</c> and <c>qc[]</c> is empty.
    /// </summary>
    public bool QcPictures { get; init; }

    /// <summary>
    /// DICOM folder input: the series to read — its scan key or SeriesInstanceUID, SeriesNumber, or a SeriesDescription
    /// pattern (<see cref="Dicom.Series.DicomSeriesSelection.Select"/>); null (default): the series with the most images.
    /// </summary>
    public string? Series { get; init; }

    /// <summary>DICOM folder input: also scan its sub-folders (default false: the folder's own files, or its DICOMDIR's).</summary>
    public bool Recursive { get; init; }

    /// <summary>Extension of the images written: <c>.nii.gz</c> (default), <c>.nii</c>, <c>.mha</c> or <c>.nrrd</c>.</summary>
    public string OutputExtension { get; init; }

    /// <summary>
    /// The chain of steps, in order (<see cref="PipelineStepOptions"/>); null (default) runs the modality's default
    /// chain built from <see cref="Ct"/> or <see cref="Mr"/> (which are then the only place those settings are
    /// read). Statistics of every mask, writing and QC pictures follow the chain.
    /// </summary>
    public IReadOnlyList<PipelineStepOptions>? Steps { get; init; }

    /// <summary>
    /// File names of the files written, by key: "image" (the working image), "labels", a mask's name, or a register
    /// step's "transform" (.tfm), "registered" (an image) and "checkerboard" (.png), e.g.
    /// {"image": "ct_isotropic.nii.gz", "liver": "liver_mask.nii.gz"}; an image's format follows the name's extension.
    /// Images not named here are written as image/mask_NAME/labels/registered with <see cref="OutputExtension"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid: an undefined modality, a null object, an unknown output extension, a
    /// step or an output name at fault (the message names the setting; the parameter name is the property:
    /// <see cref="Steps"/> or <see cref="Outputs"/> for those).</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Modality))
        {
            throw new ArgumentException($"modality {Modality} is not auto, CT or MR", nameof(Modality));
        }

        // JSON null keeps the defaults (constructor); a C# caller can still give null through `with`.
        RequireObject(Ct, "ct", nameof(Ct));
        RequireObject(Mr, "mr", nameof(Mr));
        RequireObject(LabelNames, "label_names", nameof(LabelNames));
        Ct.Validate();
        Mr.Validate();
        if (!IsOutputExtension(OutputExtension))
        {
            throw new ArgumentException($"output_extension '{OutputExtension}' is not .nii.gz, .nii, .mha or .nrrd", nameof(OutputExtension));
        }

        ValidateSteps();
        ValidateOutputs();
    }

    private static bool IsOutputExtension(string extension) => extension is ".nii.gz" or ".nii" or ".mha" or ".nrrd";

    /// <summary>Every step valid, and every mask a step reads made by an earlier step; "image" and "labels" are not mask names.</summary>
    private void ValidateSteps()
    {
        if (Steps is null)
        {
            return;
        }

        var made = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Steps.Count; i++)
        {
            PipelineStepOptions step = Steps[i] ?? throw new ArgumentException($"steps[{i}] must be an object, not null", nameof(Steps));
            try
            {
                step.Validate(i);
            }
            catch (ArgumentException ex) when (ex.ParamName is null)
            {
                throw new ArgumentException(ex.Message, nameof(Steps), ex);
            }

            if (step.Mask is not string mask)
            {
                continue;
            }

            if (mask is WriteImagesStep.ImageKey or StatisticsStep.LabelsKey or RegistrationStep.TransformKey or RegistrationStep.RegisteredKey
                or RegistrationStep.CheckerboardKey)
            {
                throw new ArgumentException($"steps[{i}]: '{mask}' names an output file, not a mask", nameof(Steps));
            }

            bool makes = step.Step is PipelineStepKind.Threshold or PipelineStepKind.OtsuThreshold;
            if (!makes && !made.Contains(mask) || step.Within is string within && !made.Contains(within))
            {
                throw new ArgumentException($"steps[{i}] ({step.ReportName}): mask '{(made.Contains(mask) ? step.Within : mask)}' is not made by an earlier step", nameof(Steps));
            }

            made.Add(mask);
        }
    }

    /// <summary>Output file names are plain names (no folder) with a known extension, one file per image.</summary>
    private void ValidateOutputs()
    {
        if (Outputs is null)
        {
            return;
        }

        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string file) in Outputs)
        {
            bool plain = !string.IsNullOrWhiteSpace(file) && Path.GetFileName(file) == file && file is not ("." or "..");
            string extension = file?.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase) == true ? ".nii.gz" : Path.GetExtension(file ?? "").ToLowerInvariant();
            (bool known, string expected) = key switch
            {
                RegistrationStep.TransformKey => (extension == ".tfm", ".tfm"),
                RegistrationStep.CheckerboardKey => (extension == ".png", ".png"),
                _ => (IsOutputExtension(extension), ".nii.gz, .nii, .mha or .nrrd"),
            };
            if (!plain || !known)
            {
                throw new ArgumentException($"outputs.{key}: '{file}' must be a file name without a folder, ending in {expected}", nameof(Outputs));
            }

            if (!files.Add(file!) || file == ClinicalPipeline.ReportFileName)
            {
                throw new ArgumentException($"outputs.{key}: '{file}' is used twice", nameof(Outputs));
            }
        }
    }

    private static void RequireObject(object? value, string jsonName, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentException($"{jsonName} must be an object, not null", parameter);
        }
    }

    /// <summary>Reads options from a JSON file (missing fields keep their defaults) and validates them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="MedImagingException">The file is not valid JSON for these options (the message names the file, line and JSON path).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineOptions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses options from JSON text and validates them; <paramref name="source"/> names the text in errors.</summary>
    /// <exception cref="MedImagingException">The text is not valid JSON for these options, or a value is invalid.</exception>
    public static PipelineOptions Parse(string json, string source = "pipeline options")
    {
        PipelineOptions? options;
        try
        {
            options = JsonSerializer.Deserialize(json, ClinicalJsonContext.Default.PipelineOptions);
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is long line ? string.Create(CultureInfo.InvariantCulture, $" line {line + 1}") : "";
            throw new MedImagingException($"'{source}':{where} at '{ex.Path}': {ex.Message}", ex);
        }

        if (options is null)
        {
            throw new MedImagingException($"'{source}': the JSON is null, expected an object");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new MedImagingException($"'{source}': {ex.MessageWithoutParameter()}", ex);
        }

        return options;
    }

    /// <summary>The options as indented JSON (every field, defaults included).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ClinicalJsonContext.Readable.PipelineOptions);
}

/// <summary>The CT branch of <see cref="PipelineOptions"/> (intensities in HU). Immutable; JSON through the constructor.</summary>
public sealed record CtPipelineOptions
{
    /// <summary>CT settings; every parameter left out (or null) keeps its default.</summary>
    /// <param name="resample">See <see cref="Resample"/>.</param>
    /// <param name="spacing">See <see cref="Spacing"/>; null: 1, 1, 1 mm.</param>
    /// <param name="interpolator">See <see cref="Interpolator"/>.</param>
    /// <param name="defaultPixelValue">See <see cref="DefaultPixelValue"/>.</param>
    /// <param name="bodyMask">See <see cref="BodyMask"/>.</param>
    /// <param name="bodyThreshold">See <see cref="BodyThreshold"/>.</param>
    /// <param name="boneMask">See <see cref="BoneMask"/>.</param>
    /// <param name="boneThreshold">See <see cref="BoneThreshold"/>.</param>
    [JsonConstructor]
    public CtPipelineOptions(bool resample = true, IReadOnlyList<double>? spacing = null, InterpolatorType interpolator = InterpolatorType.BSpline3,
        double defaultPixelValue = -1024, bool bodyMask = true, double bodyThreshold = -500, bool boneMask = false, double boneThreshold = 300)
    {
        Resample = resample;
        Spacing = spacing ?? [1.0, 1.0, 1.0];
        Interpolator = interpolator;
        DefaultPixelValue = defaultPixelValue;
        BodyMask = bodyMask;
        BodyThreshold = bodyThreshold;
        BoneMask = boneMask;
        BoneThreshold = boneThreshold;
    }

    /// <summary>Resample to <see cref="Spacing"/> (default true; the SimpleITK cookbook's isotropic resampling).</summary>
    public bool Resample { get; init; }

    /// <summary>Output spacing (x, y, z), mm (default 1, 1, 1).</summary>
    public IReadOnlyList<double> Spacing { get; init; }

    /// <summary>Interpolator of the CT resampling (default cubic B-spline, <see cref="InterpolatorType.BSpline3"/>).</summary>
    public InterpolatorType Interpolator { get; init; }

    /// <summary>Value of resampled voxels outside the input, HU (default −1024, air).</summary>
    public double DefaultPixelValue { get; init; }

    /// <summary>Compute the body mask (default true).</summary>
    public bool BodyMask { get; init; }

    /// <summary>Body mask: voxels ≥ this, HU (default −500, midway between air and soft tissue), then the largest 6-connected component, then hole filling.</summary>
    public double BodyThreshold { get; init; }

    /// <summary>Compute the bone mask (default false).</summary>
    public bool BoneMask { get; init; }

    /// <summary>Bone mask: voxels ≥ this inside the body mask, HU (default 300).</summary>
    public double BoneThreshold { get; init; }

    internal Vec3 SpacingVector => new(Spacing[0], Spacing[1], Spacing[2]);

    internal void Validate()
    {
        if (Spacing is null || Spacing.Count != 3 || Spacing.Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException("ct.spacing must be three finite numbers > 0 (mm)", nameof(Spacing));
        }

        if (!Enum.IsDefined(Interpolator))
        {
            throw new ArgumentException($"ct.interpolator {Interpolator} is unknown", nameof(Interpolator));
        }

        if (!double.IsFinite(DefaultPixelValue) || !double.IsFinite(BodyThreshold) || !double.IsFinite(BoneThreshold))
        {
            throw new ArgumentException("ct.default_pixel_value, ct.body_threshold and ct.bone_threshold must be finite (HU)");
        }
    }
}

/// <summary>The MR branch of <see cref="PipelineOptions"/>: N4 as SimpleITK's <c>N4BiasFieldCorrection.py</c> example, then an Otsu foreground.</summary>
public sealed record MrPipelineOptions
{
    /// <summary>MR settings; every parameter left out (or null) keeps its default.</summary>
    /// <param name="biasCorrection">See <see cref="BiasCorrection"/>.</param>
    /// <param name="shrinkFactor">See <see cref="ShrinkFactor"/>.</param>
    /// <param name="maximumNumberOfIterations">See <see cref="MaximumNumberOfIterations"/>; null: 50, 50, 50, 50.</param>
    /// <param name="convergenceThreshold">See <see cref="ConvergenceThreshold"/>.</param>
    /// <param name="otsuNumberOfHistogramBins">See <see cref="OtsuNumberOfHistogramBins"/>.</param>
    /// <param name="foregroundMask">See <see cref="ForegroundMask"/>.</param>
    [JsonConstructor]
    public MrPipelineOptions(bool biasCorrection = true, int shrinkFactor = 4, IReadOnlyList<int>? maximumNumberOfIterations = null,
        double convergenceThreshold = 0.001, int otsuNumberOfHistogramBins = DefaultOtsuBins, bool foregroundMask = true)
    {
        BiasCorrection = biasCorrection;
        ShrinkFactor = shrinkFactor;
        MaximumNumberOfIterations = maximumNumberOfIterations ?? [50, 50, 50, 50];
        ConvergenceThreshold = convergenceThreshold;
        OtsuNumberOfHistogramBins = otsuNumberOfHistogramBins;
        ForegroundMask = foregroundMask;
    }

    /// <summary>Run N4 bias field correction (default true).</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>N4 shrink factor on every axis (default 4).</summary>
    public int ShrinkFactor { get; init; }

    /// <summary>N4 maximum iterations per fitting level (SimpleITK's default 50, 50, 50, 50).</summary>
    public IReadOnlyList<int> MaximumNumberOfIterations { get; init; }

    /// <summary>N4 convergence threshold (default 0.001).</summary>
    public double ConvergenceThreshold { get; init; }

    /// <summary>Histogram bins of the Otsu masks (N4's fitting mask and the foreground; the example's 200).</summary>
    public int OtsuNumberOfHistogramBins { get; init; }

    /// <summary>The Otsu histogram bins of SimpleITK's N4 example.</summary>
    internal const int DefaultOtsuBins = 200;

    /// <summary>Compute the Otsu foreground mask of the (corrected) image (default true).</summary>
    public bool ForegroundMask { get; init; }

    internal void Validate()
    {
        if (ShrinkFactor < 1)
        {
            throw new ArgumentException($"mr.shrink_factor must be ≥ 1; got {ShrinkFactor}", nameof(ShrinkFactor));
        }

        if (OtsuNumberOfHistogramBins < 2)
        {
            throw new ArgumentException($"mr.otsu_number_of_histogram_bins must be ≥ 2; got {OtsuNumberOfHistogramBins}", nameof(OtsuNumberOfHistogramBins));
        }

        try
        {
            N4().N4.Validate();
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            // N4Options names its C# properties; the config's reader knows the snake_case JSON names.
            string name = "mr." + JsonNamingPolicy.SnakeCaseLower.ConvertName(ex.ParamName);
            throw new ArgumentException($"{name}: {ex.MessageWithoutParameter()}", ex.ParamName, ex);
        }
    }

    internal BiasCorrection.N4PipelineOptions N4() => new()
    {
        ShrinkFactor = ShrinkFactor,
        OtsuNumberOfHistogramBins = OtsuNumberOfHistogramBins,
        N4 = new BiasCorrection.N4Options
        {
            MaximumNumberOfIterations = MaximumNumberOfIterations ?? [],
            ConvergenceThreshold = ConvergenceThreshold,
        },
    };
}
