namespace MedImaging.Transforms;

/// <summary>
/// A rigid transform whose rotation is a versor (unit quaternion), as ITK's <c>VersorRigid3DTransform</c>:
/// <c>T(x) = R(v)·(x − c) + c + t</c>.
/// </summary>
/// <remarks>
/// Parameters <c>[vx, vy, vz, tx, ty, tz]</c>: the versor's vector part <c>axis · sin(angle/2)</c> (|v| &lt; 1, the
/// scalar part is <c>√(1 − |v|²)</c>), translation in mm. Fixed parameters: the centre <c>[cx, cy, cz]</c> (LPS mm).
/// Optimizer steps (<see cref="UpdateTransformParameters"/>) compose the rotation as ITK does, so the versor stays
/// a unit quaternion.
/// </remarks>
public class VersorRigid3DTransform : MatrixOffsetTransformBase
{
    private Versor _versor = new(0, 0, 0, 1);

    /// <summary>The identity: no rotation, no translation, centre at the origin.</summary>
    public VersorRigid3DTransform()
    {
    }

    /// <summary>Creates the transform from its centre, rotation (axis and angle) and translation.</summary>
    /// <param name="center">Centre of rotation, LPS mm.</param>
    /// <param name="axis">Rotation axis (any non-zero length), LPS.</param>
    /// <param name="angle">Rotation angle, radians (right-handed about <paramref name="axis"/>).</param>
    /// <param name="translation">Translation, mm.</param>
    public VersorRigid3DTransform(Vec3 center, Vec3 axis, double angle, Vec3 translation)
    {
        Center = center;
        SetRotation(axis, angle);
        Translation = translation;
    }

    /// <inheritdoc />
    public override string NameOfClass => "VersorRigid3DTransform";

    /// <inheritdoc />
    public override int NumberOfParameters => 6;

    /// <summary>The versor's vector part <c>axis · sin(angle/2)</c> (the first three parameters).</summary>
    public Vec3 VersorVector => _versor.VectorPart;

    /// <summary>Sets the rotation to <paramref name="angle"/> radians about <paramref name="axis"/> (ITK <c>SetRotation</c>).</summary>
    /// <exception cref="ArgumentException">The axis has zero length or a value is not finite.</exception>
    public void SetRotation(Vec3 axis, double angle)
    {
        TransformArguments.CheckFinite([axis.X, axis.Y, axis.Z, angle], "rotation", NameOfClass, nameof(axis), nameof(axis), nameof(axis), nameof(angle));
        Versor versor;
        try
        {
            versor = Versor.FromAxisAngle(axis, angle);
        }
        catch (InvalidOperationException e)
        {
            // A zero axis is the caller's argument: keep the documented ArgumentException, now naming the parameter.
            throw new ArgumentException(e.Message, nameof(axis), e);
        }

        SetVersor(versor);
    }

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, NumberOfParameters, "parameter", nameof(destination));
        destination[0] = _versor.X;
        destination[1] = _versor.Y;
        destination[2] = _versor.Z;
        destination[3] = Translation.X;
        destination[4] = Translation.Y;
        destination[5] = Translation.Z;
    }

    /// <inheritdoc />
    /// <remarks>A vector part of length ≥ 1 − 1e-10 is scaled to just under 1, as ITK does.</remarks>
    public override void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, NumberOfParameters, "parameters", NameOfClass);
        SetRigidParameters(parameters);
    }

    /// <inheritdoc />
    /// <remarks>Columns 0–2: derivative of <c>R(v)·(x − c)</c> with respect to the vector part (the scalar part
    /// following it); columns 3–5: the identity.</remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        int n = NumberOfParameters;
        TransformArguments.CheckDestination(jacobian.Length, 3 * n, "Jacobian", nameof(jacobian));
        WriteVersorColumns(point, jacobian, n, 1.0);
        TransformArguments.WriteTranslationBlock(jacobian, n, 3);
    }

    /// <inheritdoc />
    /// <remarks>
    /// As ITK: the rotation is composed, <c>new = current · versor(axis = update[0..2], angle = factor·|update[0..2]|)</c>;
    /// the other parameters are added, <c>p += factor · update</c>.
    /// </remarks>
    public override void UpdateTransformParameters(ReadOnlySpan<double> update, double factor = 1.0)
    {
        int n = NumberOfParameters;
        TransformArguments.CheckValues(update, n, "update values", NameOfClass);
        Span<double> p = stackalloc double[n];
        GetParameters(p);
        var axis = new Vec3(update[0], update[1], update[2]);
        double norm = axis.Length;
        Versor step = norm == 0 ? new Versor(0, 0, 0, 1) : Versor.FromAxisAngle(axis, factor * norm);
        Versor composed = _versor * step;
        p[0] = composed.X;
        p[1] = composed.Y;
        p[2] = composed.Z;
        for (int k = 3; k < n; k++)
        {
            p[k] += factor * update[k];
        }

        SetParameters(p);
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    /// <remarks>Same centre; the conjugate versor (rotation Rᵀ).</remarks>
    public override VersorRigid3DTransform GetInverse()
    {
        var inverse = new VersorRigid3DTransform();
        inverse.SetVersor(new Versor(-_versor.X, -_versor.Y, -_versor.Z, _versor.W));
        CompleteInverse(inverse);
        return inverse;
    }

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public override VersorRigid3DTransform Clone()
    {
        var copy = new VersorRigid3DTransform();
        copy.SetVersor(_versor);
        CopyCenterAndTranslationTo(copy);
        return copy;
    }

    /// <summary>The current versor (vector part and scalar part).</summary>
    private protected Versor CurrentVersor => _versor;

    /// <summary>Sets the versor from the first three (checked) parameters and the translation from the next three.</summary>
    private protected void SetRigidParameters(ReadOnlySpan<double> parameters)
    {
        SetVersor(Versor.FromVectorPart(new Vec3(parameters[0], parameters[1], parameters[2])));
        SetTranslationCore(new Vec3(parameters[3], parameters[4], parameters[5]));
    }

    /// <summary>Sets the versor and recomputes the matrix (derived classes add their scale).</summary>
    private protected void SetVersor(Versor versor)
    {
        _versor = versor;
        UpdateMatrix();
    }

    /// <summary>Recomputes the matrix from the versor (Similarity3D multiplies by its scale).</summary>
    private protected virtual void UpdateMatrix() => SetMatrixCore(_versor.ToMatrix());

    /// <summary>Writes <c>scale · ∂(R(v)·(x − c))/∂v</c> into Jacobian columns 0–2 of a 3 × <paramref name="columns"/> matrix.</summary>
    private protected void WriteVersorColumns(Vec3 point, Span<double> jacobian, int columns, double scale)
    {
        var (byX, byY, byZ) = _versor.RotatedPointDerivatives(point - Center);
        TransformArguments.WriteColumn(jacobian, columns, 0, byX * scale);
        TransformArguments.WriteColumn(jacobian, columns, 1, byY * scale);
        TransformArguments.WriteColumn(jacobian, columns, 2, byZ * scale);
    }
}
