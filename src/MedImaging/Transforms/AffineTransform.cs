namespace MedImaging.Transforms;

/// <summary>
/// A general linear map with a centre and a translation, as ITK's <c>AffineTransform</c>:
/// <c>T(x) = A·(x − c) + c + t</c>.
/// </summary>
/// <remarks>
/// Parameters (12, ITK's order): the matrix row-major <c>[a00, a01, a02, a10, …, a22]</c>, then
/// <c>[tx, ty, tz]</c> (mm). Fixed parameters: the centre <c>[cx, cy, cz]</c> (LPS mm). Files of ITK's
/// <c>MatrixOffsetTransformBase</c> (same parameters) load as this type.
/// </remarks>
public sealed class AffineTransform : MatrixOffsetTransformBase
{
    /// <summary>The identity: A = I, no translation, centre at the origin.</summary>
    public AffineTransform()
    {
    }

    /// <summary>Creates the transform from its matrix, translation and centre.</summary>
    /// <param name="matrix">The linear part A.</param>
    /// <param name="translation">Translation, mm.</param>
    /// <param name="center">Centre, LPS mm.</param>
    public AffineTransform(Mat3 matrix, Vec3 translation, Vec3 center)
    {
        SetMatrix(matrix);
        Center = center;
        Translation = translation;
    }

    /// <inheritdoc />
    public override string NameOfClass => "AffineTransform";

    /// <inheritdoc />
    public override int NumberOfParameters => 12;

    /// <summary>Sets the linear part, keeping centre and translation (ITK <c>SetMatrix</c>).</summary>
    /// <exception cref="ArgumentException">An element is not finite.</exception>
    public void SetMatrix(Mat3 matrix)
    {
        TransformArguments.CheckFinite(matrix.ToRowMajorArray(), "matrix", NameOfClass, nameof(matrix));
        SetMatrixCore(matrix);
    }

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, 12, "parameter", nameof(destination));
        Mat3 m = Matrix;
        for (int i = 0; i < 9; i++)
        {
            destination[i] = m[i / 3, i % 3];
        }

        destination[9] = Translation.X;
        destination[10] = Translation.Y;
        destination[11] = Translation.Z;
    }

    /// <inheritdoc />
    public override void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, 12, "parameters", NameOfClass);
        SetMatrixCore(Mat3.FromRowMajor(parameters[..9]));
        SetTranslationCore(new Vec3(parameters[9], parameters[10], parameters[11]));
    }

    /// <inheritdoc />
    /// <remarks>∂T_i/∂a_ij = (x − c)_j; columns 9–11: the identity.</remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        TransformArguments.CheckDestination(jacobian.Length, 36, "Jacobian", nameof(jacobian));
        jacobian[..36].Clear();
        Vec3 d = point - Center;
        for (int i = 0; i < 3; i++)
        {
            jacobian[i * 12 + 3 * i] = d.X;
            jacobian[i * 12 + 3 * i + 1] = d.Y;
            jacobian[i * 12 + 3 * i + 2] = d.Z;
        }

        TransformArguments.WriteTranslationBlock(jacobian, 12, 9);
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    /// <remarks>Same centre, matrix A⁻¹.</remarks>
    /// <exception cref="MedImagingException">A is singular.</exception>
    public override AffineTransform GetInverse()
    {
        var inverse = new AffineTransform();
        inverse.SetMatrixCore(InverseMatrix());
        CompleteInverse(inverse);
        return inverse;
    }

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public override AffineTransform Clone()
    {
        var copy = new AffineTransform();
        copy.SetMatrixCore(Matrix);
        CopyCenterAndTranslationTo(copy);
        return copy;
    }
}
