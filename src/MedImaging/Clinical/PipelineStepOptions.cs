using System.Text.Json.Serialization;
using MedImaging.Filters;
using MedImaging.Registration;
using MedImaging.Resampling;

namespace MedImaging.Clinical;

/// <summary>What one configured pipeline step does (JSON: snake_case, e.g. <c>"binary_closing"</c>).</summary>
public enum PipelineStepKind
{
    /// <summary>Resample the working image to <see cref="PipelineStepOptions.Spacing"/> (SimpleITK cookbook: same origin and direction).</summary>
    [JsonStringEnumMemberName("resample")]
    Resample,

    /// <summary>
    /// <c>BinaryThreshold</c>: the mask <see cref="PipelineStepOptions.Mask"/> = working-image voxels in
    /// [<see cref="PipelineStepOptions.Lower"/>, <see cref="PipelineStepOptions.Upper"/>] (inside
    /// <see cref="PipelineStepOptions.Within"/> when given).
    /// </summary>
    [JsonStringEnumMemberName("threshold")]
    Threshold,

    /// <summary><c>OtsuThreshold(image, 0, 1, bins)</c>: the mask = voxels above the Otsu threshold.</summary>
    [JsonStringEnumMemberName("otsu_threshold")]
    OtsuThreshold,

    /// <summary><c>BinaryMorphologicalClosing</c> of the mask (SafeBorder on; never removes foreground).</summary>
    [JsonStringEnumMemberName("binary_closing")]
    BinaryClosing,

    /// <summary><c>BinaryMorphologicalOpening</c> of the mask.</summary>
    [JsonStringEnumMemberName("binary_opening")]
    BinaryOpening,

    /// <summary><c>BinaryDilate</c> of the mask.</summary>
    [JsonStringEnumMemberName("binary_dilate")]
    BinaryDilate,

    /// <summary><c>BinaryErode</c> of the mask (outside the image counts as foreground, ITK's default).</summary>
    [JsonStringEnumMemberName("binary_erode")]
    BinaryErode,

    /// <summary>Keep the <see cref="PipelineStepOptions.Components"/> largest 6-connected components of the mask.</summary>
    [JsonStringEnumMemberName("keep_largest_components")]
    KeepLargestComponents,

    /// <summary><c>BinaryFillhole</c> of the mask (6-connected background not reaching the border becomes foreground).</summary>
    [JsonStringEnumMemberName("fill_holes")]
    FillHoles,

    /// <summary>N4 bias field correction of the working image as SimpleITK's example (Otsu mask, shrink); the image becomes float32.</summary>
    [JsonStringEnumMemberName("n4")]
    N4,

    /// <summary>
    /// Rigid (Euler3D) registration of the working image to <see cref="PipelineStepOptions.Reference"/> as SimpleITK's
    /// registration example (GEOMETRY-centred start, Mattes MI, multi-resolution 4, 2, 1): writes the transform
    /// (<c>registration.tfm</c>), the working image on the reference's grid (<c>registered</c>) and a checkerboard QC
    /// picture (<c>qc_checkerboard.png</c>). The working image itself is not changed.
    /// </summary>
    [JsonStringEnumMemberName("register")]
    Register,
}

/// <summary>
/// One step of the configured chain (<see cref="PipelineOptions.Steps"/>). Which fields apply depends on
/// <see cref="Step"/>; a field that does not apply is refused, and a field left out takes the default named in its
/// documentation. Masks are named; a step that changes a mask changes it in place (the name stays).
/// </summary>
public sealed record PipelineStepOptions
{
    /// <summary>What the step does.</summary>
    public PipelineStepKind Step { get; init; }

    /// <summary>
    /// The step's name in the report (default: the step kind, e.g. "binary_closing"). Consecutive steps with the
    /// same name are reported as one entry (times added, parameters merged), as the default chain's <c>body_mask</c>.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The mask the step makes (threshold, otsu_threshold) or changes (morphology, components, holes).</summary>
    public string? Mask { get; init; }

    /// <summary>threshold: keep only voxels inside this earlier mask (e.g. bone inside the body).</summary>
    public string? Within { get; init; }

    /// <summary>threshold: lowest value inside, in the image's unit (HU for CT; default −∞).</summary>
    public double? Lower { get; init; }

    /// <summary>threshold: highest value inside (default +∞).</summary>
    public double? Upper { get; init; }

    /// <summary>Morphology: ball (or box) radius in voxels on every axis, as SimpleITK's <c>kernelRadius</c>.</summary>
    public int? Radius { get; init; }

    /// <summary>Morphology: exact Euclidean ball radius in mm (spacing-aware), instead of <see cref="Radius"/>.</summary>
    public double? RadiusMm { get; init; }

    /// <summary>Morphology with <see cref="Radius"/>: kernel shape (default ball, ITK's <c>BinaryBallStructuringElement</c>).</summary>
    public KernelType? Kernel { get; init; }

    /// <summary>keep_largest_components: how many components to keep (default 1).</summary>
    public int? Components { get; init; }

    /// <summary>resample: output spacing (x, y, z), mm (required).</summary>
    public IReadOnlyList<double>? Spacing { get; init; }

    /// <summary>resample: interpolator (default cubic B-spline).</summary>
    public InterpolatorType? Interpolator { get; init; }

    /// <summary>
    /// resample to an integer type: how interpolated values become integers (default round to nearest;
    /// <c>TruncateLikeItk</c> truncates toward zero as ITK's and SimpleITK's <c>Resample</c>).
    /// </summary>
    public IntegerConversion? IntegerConversion { get; init; }

    /// <summary>resample and register: value outside the input (default −1024, air in HU; register on MR: 0).</summary>
    public double? DefaultPixelValue { get; init; }

    /// <summary>
    /// otsu_threshold and n4: Otsu histogram bins (default 200, SimpleITK's N4 example); register: Mattes mutual
    /// information bins (default 50).
    /// </summary>
    public int? Bins { get; init; }

    /// <summary>register: the fixed (reference) image, an image file, DICOM file or DICOM folder (its largest series); a
    /// relative path is taken from the current folder (required).</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// register: the optimizer (default <c>RegularStepGradientDescent</c>, our default; the seed script's is
    /// <c>GradientDescent</c> with <see cref="LearningRate"/> 0.1). <c>Exhaustive</c> needs a grid and is refused.
    /// </summary>
    public RegistrationOptimizer? Optimizer { get; init; }

    /// <summary>register: the optimizer's learning rate (default 1, as <see cref="RegistrationOptions.LearningRate"/>).</summary>
    public double? LearningRate { get; init; }

    /// <summary>register: maximum optimizer iterations per resolution level (default 100).</summary>
    public int? NumberOfIterations { get; init; }

    /// <summary>n4: shrink factor on every axis (default 4).</summary>
    public int? ShrinkFactor { get; init; }

    /// <summary>n4: maximum iterations per fitting level (default 50, 50, 50, 50).</summary>
    public IReadOnlyList<int>? MaximumNumberOfIterations { get; init; }

    /// <summary>n4: convergence threshold (default 0.001).</summary>
    public double? ConvergenceThreshold { get; init; }

    /// <summary>The report name: <see cref="Name"/>, else the step kind in snake_case.</summary>
    public string ReportName => Name ?? KindName(Step);

    /// <summary>The JSON name of a step kind (as its <see cref="JsonStringEnumMemberNameAttribute"/>).</summary>
    public static string KindName(PipelineStepKind kind) => kind switch
    {
        PipelineStepKind.Resample => "resample",
        PipelineStepKind.Threshold => "threshold",
        PipelineStepKind.OtsuThreshold => "otsu_threshold",
        PipelineStepKind.BinaryClosing => "binary_closing",
        PipelineStepKind.BinaryOpening => "binary_opening",
        PipelineStepKind.BinaryDilate => "binary_dilate",
        PipelineStepKind.BinaryErode => "binary_erode",
        PipelineStepKind.KeepLargestComponents => "keep_largest_components",
        PipelineStepKind.FillHoles => "fill_holes",
        PipelineStepKind.N4 => "n4",
        PipelineStepKind.Register => "register",
        _ => kind.ToString(),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming step <paramref name="index"/>'s first invalid or inapplicable field.</summary>
    internal void Validate(int index)
    {
        string where = $"steps[{index}] ({(Enum.IsDefined(Step) ? KindName(Step) : Step.ToString())})";
        if (!Enum.IsDefined(Step))
        {
            throw new ArgumentException($"{where}: unknown step");
        }

        (string Field, bool Given)[] fields =
        [
            ("mask", Mask is not null), ("within", Within is not null), ("lower", Lower is not null), ("upper", Upper is not null),
            ("radius", Radius is not null), ("radius_mm", RadiusMm is not null), ("kernel", Kernel is not null),
            ("components", Components is not null), ("spacing", Spacing is not null), ("interpolator", Interpolator is not null),
            ("integer_conversion", IntegerConversion is not null),
            ("default_pixel_value", DefaultPixelValue is not null), ("bins", Bins is not null), ("shrink_factor", ShrinkFactor is not null),
            ("maximum_number_of_iterations", MaximumNumberOfIterations is not null), ("convergence_threshold", ConvergenceThreshold is not null),
            ("reference", Reference is not null), ("optimizer", Optimizer is not null), ("learning_rate", LearningRate is not null),
            ("number_of_iterations", NumberOfIterations is not null),
        ];
        string[] allowed = Allowed(Step);
        foreach ((string field, bool given) in fields)
        {
            if (given && !allowed.Contains(field))
            {
                throw new ArgumentException($"{where}: '{field}' does not apply to this step");
            }
        }

        if (allowed.Contains("mask") && string.IsNullOrWhiteSpace(Mask))
        {
            throw new ArgumentException($"{where}: 'mask' (the mask's name) is required");
        }

        ValidateValues(where);
    }

    private void ValidateValues(string where)
    {
        switch (Step)
        {
            case PipelineStepKind.Resample when Spacing is null || Spacing.Count != 3 || Spacing.Any(s => !(s > 0) || !double.IsFinite(s)):
                throw new ArgumentException($"{where}: 'spacing' must be three finite numbers > 0 (mm)");
            case PipelineStepKind.Resample when Interpolator is InterpolatorType i && !Enum.IsDefined(i)
                || IntegerConversion is Resampling.IntegerConversion c && !Enum.IsDefined(c):
                throw new ArgumentException($"{where}: unknown interpolator or integer_conversion");
            case PipelineStepKind.Threshold when Lower is null && Upper is null:
                throw new ArgumentException($"{where}: give 'lower', 'upper' or both");
            case PipelineStepKind.Threshold when Lower is double l && Upper is double u && !(l <= u):
                throw new ArgumentException($"{where}: 'lower' must be ≤ 'upper'");
            case PipelineStepKind.BinaryClosing or PipelineStepKind.BinaryOpening or PipelineStepKind.BinaryDilate or PipelineStepKind.BinaryErode
                when (Radius is null) == (RadiusMm is null):
                throw new ArgumentException($"{where}: give either 'radius' (voxels) or 'radius_mm'");
            case PipelineStepKind.BinaryClosing or PipelineStepKind.BinaryOpening or PipelineStepKind.BinaryDilate or PipelineStepKind.BinaryErode
                when Radius is < 0 or > 254 || RadiusMm is double mm && !(mm >= 0 && double.IsFinite(mm)) || Kernel is KernelType k && !Enum.IsDefined(k):
                throw new ArgumentException($"{where}: 'radius' must be 0 to 254 voxels, 'radius_mm' finite and ≥ 0, 'kernel' ball or box");
            case PipelineStepKind.BinaryClosing or PipelineStepKind.BinaryOpening or PipelineStepKind.BinaryDilate or PipelineStepKind.BinaryErode
                when RadiusMm is not null && Kernel is not null:
                throw new ArgumentException($"{where}: 'kernel' applies to 'radius' in voxels; 'radius_mm' is an exact ball");
            case PipelineStepKind.KeepLargestComponents when Components is < 1:
                throw new ArgumentException($"{where}: 'components' must be ≥ 1");
            case PipelineStepKind.OtsuThreshold or PipelineStepKind.N4 or PipelineStepKind.Register when Bins is < 2:
                throw new ArgumentException($"{where}: 'bins' must be ≥ 2");
            case PipelineStepKind.N4 when ShrinkFactor is < 1:
                throw new ArgumentException($"{where}: 'shrink_factor' must be ≥ 1");
            case PipelineStepKind.Register when string.IsNullOrWhiteSpace(Reference):
                throw new ArgumentException($"{where}: 'reference' (the fixed image's path) is required");
            case PipelineStepKind.Register when Optimizer is RegistrationOptimizer o && (!Enum.IsDefined(o) || o == RegistrationOptimizer.Exhaustive):
                throw new ArgumentException($"{where}: 'optimizer' must be RegularStepGradientDescent, GradientDescent, ConjugateGradientLineSearch or Amoeba");
            case PipelineStepKind.Register when LearningRate is double rate && !(rate > 0 && double.IsFinite(rate)) || NumberOfIterations is < 1:
                throw new ArgumentException($"{where}: 'learning_rate' must be a finite number > 0 and 'number_of_iterations' ≥ 1");
        }

        if (Lower is double lower && double.IsNaN(lower) || Upper is double upper && double.IsNaN(upper) || DefaultPixelValue is double d && !double.IsFinite(d))
        {
            throw new ArgumentException($"{where}: 'lower', 'upper' and 'default_pixel_value' must be numbers");
        }
    }

    private static string[] Allowed(PipelineStepKind kind) => kind switch
    {
        PipelineStepKind.Resample => ["spacing", "interpolator", "integer_conversion", "default_pixel_value"],
        PipelineStepKind.Threshold => ["mask", "within", "lower", "upper"],
        PipelineStepKind.OtsuThreshold => ["mask", "bins"],
        PipelineStepKind.BinaryClosing or PipelineStepKind.BinaryOpening or PipelineStepKind.BinaryDilate or PipelineStepKind.BinaryErode =>
            ["mask", "radius", "radius_mm", "kernel"],
        PipelineStepKind.KeepLargestComponents => ["mask", "components"],
        PipelineStepKind.FillHoles => ["mask"],
        PipelineStepKind.N4 => ["bins", "shrink_factor", "maximum_number_of_iterations", "convergence_threshold"],
        PipelineStepKind.Register => ["reference", "optimizer", "learning_rate", "number_of_iterations", "bins", "default_pixel_value"],
        _ => [],
    };
}
