namespace MedImaging.Transforms;

/// <summary>
/// A rotation (versor), an isotropic scale and a translation, as ITK's <c>Similarity3DTransform</c>:
/// <c>T(x) = s·R(v)·(x − c) + c + t</c>.
/// </summary>
/// <remarks>
/// Parameters <c>[vx, vy, vz, tx, ty, tz, s]</c> (versor vector part as <see cref="VersorRigid3DTransform"/>,
/// translation in mm, scale unitless); fixed parameters: the centre <c>[cx, cy, cz]</c> (LPS mm).
/// </remarks>
public sealed class Similarity3DTransform : VersorRigid3DTransform
{
    private double _scale = 1.0;

    /// <summary>The identity: no rotation, scale 1, no translation, centre at the origin.</summary>
    public Similarity3DTransform()
    {
    }

    /// <summary>Creates the transform from its centre, rotation, scale and translation.</summary>
    /// <param name="center">Centre of rotation and scaling, LPS mm.</param>
    /// <param name="axis">Rotation axis (any non-zero length), LPS.</param>
    /// <param name="angle">Rotation angle, radians.</param>
    /// <param name="scale">Isotropic scale factor (non-zero).</param>
    /// <param name="translation">Translation, mm.</param>
    public Similarity3DTransform(Vec3 center, Vec3 axis, double angle, double scale, Vec3 translation)
        : base(center, axis, angle, translation)
    {
        Scale = scale;
    }

    /// <inheritdoc />
    public override string NameOfClass => "Similarity3DTransform";

    /// <inheritdoc />
    public override int NumberOfParameters => 7;

    /// <summary>The isotropic scale factor (the seventh parameter), unitless.</summary>
    /// <exception cref="ArgumentException">The value set is not finite.</exception>
    public double Scale
    {
        get => _scale;
        set
        {
            TransformArguments.CheckFinite([value], "scale", NameOfClass, nameof(value));
            _scale = value;
            UpdateMatrix();
        }
    }

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
        base.GetParameters(destination);
        destination[6] = _scale;
    }

    /// <inheritdoc />
    public override void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, NumberOfParameters, "parameters", NameOfClass);
        _scale = parameters[6];
        SetRigidParameters(parameters);
    }

    /// <inheritdoc />
    /// <remarks>Columns 0–2: <c>s·∂(R(v)·(x − c))/∂v</c>; 3–5: the identity; 6: <c>R(v)·(x − c)</c>.</remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        TransformArguments.CheckDestination(jacobian.Length, 21, "Jacobian", nameof(jacobian));
        WriteVersorColumns(point, jacobian, 7, _scale);
        TransformArguments.WriteTranslationBlock(jacobian, 7, 3);
        TransformArguments.WriteColumn(jacobian, 7, 6, CurrentVersor.ToMatrix() * (point - Center));
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    /// <remarks>Same centre; the conjugate versor and scale 1/s.</remarks>
    /// <exception cref="MedImagingException">The scale is 0.</exception>
    public override Similarity3DTransform GetInverse()
    {
        if (_scale == 0)
        {
            throw new MedImagingException($"{NameOfClass} with scale 0 is not invertible");
        }

        Versor v = CurrentVersor;
        var inverse = new Similarity3DTransform { _scale = 1.0 / _scale };
        inverse.SetVersor(new Versor(-v.X, -v.Y, -v.Z, v.W));
        CompleteInverse(inverse);
        return inverse;
    }

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public override Similarity3DTransform Clone()
    {
        var copy = new Similarity3DTransform { _scale = _scale };
        copy.SetVersor(CurrentVersor);
        CopyCenterAndTranslationTo(copy);
        return copy;
    }

    private protected override void UpdateMatrix()
    {
        Mat3 r = CurrentVersor.ToMatrix();
        SetMatrixCore(new Mat3(
            _scale * r[0, 0], _scale * r[0, 1], _scale * r[0, 2],
            _scale * r[1, 0], _scale * r[1, 1], _scale * r[1, 2],
            _scale * r[2, 0], _scale * r[2, 1], _scale * r[2, 2]));
    }
}
