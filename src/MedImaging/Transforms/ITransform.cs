namespace MedImaging.Transforms;

/// <summary>
/// A spatial transform in LPS millimetres, ITK's convention: it maps a point of the <em>fixed</em> (output) space
/// to the <em>moving</em> (input) space, so resampling evaluates <c>moving(T(x))</c> at every output point x.
/// </summary>
public interface ITransform
{
    /// <summary>Maps an LPS point (mm) of the fixed space to the moving space.</summary>
    Vec3 TransformPoint(Vec3 point);
}

/// <summary>
/// A transform of the form <c>T(x) = Matrix · x + Offset</c> (ITK's <c>MatrixOffsetTransformBase</c>): identity,
/// translation, rigid, similarity and affine transforms. Resampling uses the matrix to find axis-aligned fast paths.
/// </summary>
public interface IMatrixOffsetTransform : ITransform
{
    /// <summary>The 3×3 linear part.</summary>
    Mat3 Matrix { get; }

    /// <summary>The translation applied after the matrix, mm.</summary>
    Vec3 Offset { get; }
}

/// <summary>
/// The identity transform: <c>T(x) = x</c> (ITK <c>IdentityTransform</c>); no parameters, no fixed parameters. It
/// holds no state, so the shared <see cref="Instance"/> is safe to use everywhere.
/// </summary>
public sealed class IdentityTransform : ParametricTransform
{
    /// <summary>The shared instance.</summary>
    public static IdentityTransform Instance { get; } = new();

    /// <inheritdoc />
    public override Mat3 Matrix => Mat3.Identity;

    /// <inheritdoc />
    public override Vec3 Offset => Vec3.Zero;

    /// <inheritdoc />
    public override string NameOfClass => "IdentityTransform";

    /// <inheritdoc />
    public override int NumberOfParameters => 0;

    /// <inheritdoc />
    public override int NumberOfFixedParameters => 0;

    /// <inheritdoc />
    public override Vec3 TransformPoint(Vec3 point) => point;

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
    }

    /// <inheritdoc />
    public override void SetParameters(ReadOnlySpan<double> parameters) =>
        TransformArguments.CheckValues(parameters, 0, "parameters", NameOfClass);

    /// <inheritdoc />
    public override void GetFixedParameters(Span<double> destination)
    {
    }

    /// <inheritdoc />
    public override void SetFixedParameters(ReadOnlySpan<double> fixedParameters) =>
        TransformArguments.CheckValues(fixedParameters, 0, "fixed parameters", NameOfClass);

    /// <inheritdoc />
    /// <remarks>A 3 × 0 matrix: nothing is written.</remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
    }

    /// <inheritdoc />
    public override void UpdateTransformParameters(ReadOnlySpan<double> update, double factor = 1.0) =>
        TransformArguments.CheckValues(update, 0, "update values", NameOfClass);

    /// <inheritdoc />
    public override IdentityTransform GetInverse() => this;

    /// <inheritdoc />
    public override IdentityTransform Clone() => this;
}
