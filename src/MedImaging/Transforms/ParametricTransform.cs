namespace MedImaging.Transforms;

/// <summary>
/// The common base of this namespace's transforms (ITK's <c>itk::Transform</c>): the <see cref="IParametricTransform"/>
/// contract with the copying <see cref="Parameters"/>/<see cref="FixedParameters"/> properties and ITK's additive
/// <see cref="UpdateTransformParameters"/> implemented once.
/// </summary>
public abstract class ParametricTransform : IParametricTransform
{
    /// <inheritdoc />
    public abstract string NameOfClass { get; }

    /// <inheritdoc />
    public abstract Mat3 Matrix { get; }

    /// <inheritdoc />
    public abstract Vec3 Offset { get; }

    /// <inheritdoc />
    public abstract int NumberOfParameters { get; }

    /// <inheritdoc />
    public abstract int NumberOfFixedParameters { get; }

    /// <inheritdoc />
    public double[] Parameters
    {
        get => TransformArguments.Copy(this, fixedParameters: false);
        set => SetParameters(value);
    }

    /// <inheritdoc />
    public double[] FixedParameters
    {
        get => TransformArguments.Copy(this, fixedParameters: true);
        set => SetFixedParameters(value);
    }

    /// <inheritdoc />
    public abstract Vec3 TransformPoint(Vec3 point);

    /// <inheritdoc />
    public abstract void GetParameters(Span<double> destination);

    /// <inheritdoc />
    public abstract void SetParameters(ReadOnlySpan<double> parameters);

    /// <inheritdoc />
    public abstract void GetFixedParameters(Span<double> destination);

    /// <inheritdoc />
    public abstract void SetFixedParameters(ReadOnlySpan<double> fixedParameters);

    /// <inheritdoc />
    public abstract void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian);

    /// <inheritdoc />
    public virtual void UpdateTransformParameters(ReadOnlySpan<double> update, double factor = 1.0) =>
        TransformArguments.AddUpdate(this, update, factor);

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    public abstract ParametricTransform GetInverse();

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public abstract ParametricTransform Clone();

    IParametricTransform IParametricTransform.GetInverse() => GetInverse();

    IParametricTransform IParametricTransform.Clone() => Clone();
}
