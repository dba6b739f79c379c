namespace MedImaging.Transforms;

/// <summary>
/// A pure translation, as ITK's <c>TranslationTransform</c>: <c>T(x) = x + t</c>. Parameters <c>[tx, ty, tz]</c>
/// (mm); no fixed parameters.
/// </summary>
public sealed class TranslationTransform : IParametricTransform
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
    public Mat3 Matrix => Mat3.Identity;

    /// <inheritdoc />
    /// <remarks>The translation t, mm.</remarks>
    public Vec3 Offset => _offset;

    /// <inheritdoc />
    public string NameOfClass => "TranslationTransform";

    /// <inheritdoc />
    public int NumberOfParameters => 3;

    /// <inheritdoc />
    public int NumberOfFixedParameters => 0;

    /// <inheritdoc />
    public double[] Parameters
    {
        get => _offset.ToArray();
        set => SetParameters(value);
    }

    /// <inheritdoc />
    /// <remarks>Always empty; setting accepts only an empty array.</remarks>
    public double[] FixedParameters
    {
        get => [];
        set => SetFixedParameters(value);
    }

    /// <inheritdoc />
    public Vec3 TransformPoint(Vec3 point) => point + _offset;

    /// <inheritdoc />
    public void GetParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, 3, "parameter");
        destination[0] = _offset.X;
        destination[1] = _offset.Y;
        destination[2] = _offset.Z;
    }

    /// <inheritdoc />
    public void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, 3, "parameters", NameOfClass);
        _offset = Vec3.FromSpan(parameters);
    }

    /// <inheritdoc />
    public void GetFixedParameters(Span<double> destination)
    {
    }

    /// <inheritdoc />
    public void SetFixedParameters(ReadOnlySpan<double> fixedParameters) =>
        TransformArguments.CheckValues(fixedParameters, 0, "fixed parameters", NameOfClass);

    /// <inheritdoc />
    /// <remarks>The 3 × 3 identity.</remarks>
    public void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        TransformArguments.CheckDestination(jacobian.Length, 9, "Jacobian");
        TransformArguments.WriteTranslationBlock(jacobian, 3, 0);
    }

    /// <inheritdoc />
    public void UpdateTransformParameters(ReadOnlySpan<double> update, double factor = 1.0) =>
        TransformArguments.AddUpdate(this, update, factor);

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    public TranslationTransform GetInverse() => new(-_offset);

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public TranslationTransform Clone() => new(_offset);

    IParametricTransform IParametricTransform.GetInverse() => GetInverse();

    IParametricTransform IParametricTransform.Clone() => Clone();
}
