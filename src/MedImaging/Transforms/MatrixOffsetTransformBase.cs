namespace MedImaging.Transforms;

/// <summary>
/// Base of the centred linear transforms, as ITK's <c>MatrixOffsetTransformBase</c>:
/// <c>T(x) = Matrix · (x − Center) + Center + Translation = Matrix · x + Offset</c>, all in LPS millimetres.
/// Derived classes define how the parameters make the matrix (Euler angles, a versor, a scale, nine numbers).
/// The fixed parameters are the centre (ITK's <c>FixedParameters</c>).
/// </summary>
public abstract class MatrixOffsetTransformBase : ParametricTransform
{
    private Mat3 _matrix = Mat3.Identity;
    private Vec3 _center;
    private Vec3 _translation;
    private Vec3 _offset;

    /// <inheritdoc />
    public sealed override Mat3 Matrix => _matrix;

    /// <inheritdoc />
    public sealed override Vec3 Offset => _offset;

    /// <summary>
    /// The centre of rotation/scaling, LPS mm (ITK <c>Center</c>, the fixed parameters). Changing it keeps the
    /// matrix and <see cref="Translation"/> and recomputes <see cref="Offset"/>, as ITK's <c>SetCenter</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A coordinate set is not finite.</exception>
    public Vec3 Center
    {
        get => _center;
        set => SetCenterAndTranslation(value, _translation);
    }

    /// <summary>The translation applied after the centred matrix, mm (ITK <c>Translation</c>).</summary>
    /// <exception cref="ArgumentException">A component set is not finite.</exception>
    public Vec3 Translation
    {
        get => _translation;
        set => SetCenterAndTranslation(_center, value);
    }

    /// <inheritdoc />
    public override int NumberOfFixedParameters => 3;

    /// <inheritdoc />
    public sealed override Vec3 TransformPoint(Vec3 point) => _matrix * point + _offset;

    /// <inheritdoc />
    /// <remarks>The centre [cx, cy, cz] (mm).</remarks>
    public override void GetFixedParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, NumberOfFixedParameters, "fixed parameter", nameof(destination));
        destination[0] = _center.X;
        destination[1] = _center.Y;
        destination[2] = _center.Z;
    }

    /// <inheritdoc />
    /// <remarks>The centre [cx, cy, cz] (mm); as ITK, values beyond the third are ignored.</remarks>
    public override void SetFixedParameters(ReadOnlySpan<double> fixedParameters)
    {
        if (fixedParameters.Length < 3)
        {
            throw new ArgumentException($"{NameOfClass} needs at least 3 fixed parameters (the centre), got {fixedParameters.Length}", nameof(fixedParameters));
        }

        Center = Vec3.FromSpan(fixedParameters[..3]);
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    public abstract override MatrixOffsetTransformBase GetInverse();

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public abstract override MatrixOffsetTransformBase Clone();

    /// <summary>Sets the linear part (computed by the derived class from its parameters) and recomputes the offset.</summary>
    protected void SetMatrixCore(Mat3 matrix)
    {
        _matrix = matrix;
        ComputeOffset();
    }

    /// <summary>Sets the translation without the finiteness check (the caller has checked its parameters).</summary>
    protected void SetTranslationCore(Vec3 translation)
    {
        _translation = translation;
        ComputeOffset();
    }

    /// <summary>
    /// Completes an inverse whose matrix the derived class has already set (≈ Matrix⁻¹): gives it this centre and
    /// the translation that makes <c>T⁻¹(x) = M⁻¹·x − M⁻¹·Offset</c> (ITK's <c>GetInverse</c> keeps the centre).
    /// </summary>
    protected void CompleteInverse(MatrixOffsetTransformBase inverse)
    {
        ArgumentNullException.ThrowIfNull(inverse);
        Mat3 inverseMatrix = inverse._matrix;
        Vec3 inverseOffset = -(inverseMatrix * _offset);
        inverse._center = _center;
        inverse._translation = inverseOffset - _center + inverseMatrix * _center;
        inverse.ComputeOffset();
    }

    /// <summary>The inverse of <see cref="Matrix"/>, or a <see cref="MedImagingException"/> naming this transform.</summary>
    protected Mat3 InverseMatrix()
    {
        try
        {
            return _matrix.Inverse();
        }
        catch (InvalidOperationException e)
        {
            throw new MedImagingException($"{NameOfClass} is not invertible: {e.Message}", e);
        }
    }

    /// <summary>Copies centre and translation into <paramref name="copy"/> (for <see cref="Clone"/>).</summary>
    protected void CopyCenterAndTranslationTo(MatrixOffsetTransformBase copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy._center = _center;
        copy._translation = _translation;
        copy.ComputeOffset();
    }

    private void SetCenterAndTranslation(Vec3 center, Vec3 translation)
    {
        // Called by the Center and Translation setters: their parameter is "value".
        TransformArguments.CheckFinite([center.X, center.Y, center.Z, translation.X, translation.Y, translation.Z], "centre and translation", NameOfClass, "value");
        _center = center;
        _translation = translation;
        ComputeOffset();
    }

    private void ComputeOffset() => _offset = _translation + _center - _matrix * _center;
}
