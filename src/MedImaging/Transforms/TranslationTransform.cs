namespace MedImaging.Transforms;

/// <summary>
/// A pure translation, as ITK's <c>TranslationTransform</c>: <c>T(x) = x + t</c>. Parameters <c>[tx, ty, tz]</c>
/// (mm); no fixed parameters.
/// </summary>
public sealed class TranslationTransform : ParametricTransform
{
    private Vec3 _offset;

    /// <summary>The zero translation.</summary>
    public TranslationTransform()
    {
    }

    /// <summary>Creates the translation by <paramref name="offset"/> (mm).</summary>
    public TranslationTransform(Vec3 offset)
    {
        SetParameters(offset.ToArray());
    }

    /// <inheritdoc />
    public override Mat3 Matrix => Mat3.Identity;

    /// <inheritdoc />
    /// <remarks>The translation t, mm.</remarks>
    public override Vec3 Offset => _offset;

    /// <inheritdoc />
    public override string NameOfClass => "TranslationTransform";

    /// <inheritdoc />
    public override int NumberOfParameters => 3;

    /// <inheritdoc />
    public override int NumberOfFixedParameters => 0;

    /// <inheritdoc />
    public override Vec3 TransformPoint(Vec3 point) => point + _offset;

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, 3, "parameter", nameof(destination));
        destination[0] = _offset.X;
        destination[1] = _offset.Y;
        destination[2] = _offset.Z;
    }

    /// <inheritdoc />
    public override void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, 3, "parameters", NameOfClass);
        _offset = Vec3.FromSpan(parameters);
    }

    /// <inheritdoc />
    public override void GetFixedParameters(Span<double> destination)
    {
    }

    /// <inheritdoc />
    public override void SetFixedParameters(ReadOnlySpan<double> fixedParameters) =>
        TransformArguments.CheckValues(fixedParameters, 0, "fixed parameters", NameOfClass);

    /// <inheritdoc />
    /// <remarks>The 3 × 3 identity.</remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        TransformArguments.CheckDestination(jacobian.Length, 9, "Jacobian", nameof(jacobian));
        TransformArguments.WriteTranslationBlock(jacobian, 3, 0);
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    public override TranslationTransform GetInverse() => new(-_offset);

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public override TranslationTransform Clone() => new(_offset);
}
