namespace MedImaging.Transforms;

/// <summary>
/// A rigid transform given by three Euler angles and a translation, as ITK's <c>Euler3DTransform</c> /
/// SimpleITK's <c>Euler3DTransform</c>: <c>T(x) = R·(x − c) + c + t</c> with <c>R = Rz·Rx·Ry</c>
/// (<see cref="ComputeZYX"/> off, ITK's default) or <c>R = Rz·Ry·Rx</c> (on).
/// </summary>
/// <remarks>
/// Parameters <c>[angleX, angleY, angleZ, tx, ty, tz]</c>: angles in radians about the LPS x, y, z axes
/// (right-handed), translation in mm. Fixed parameters <c>[cx, cy, cz, computeZYX]</c> (centre in LPS mm, flag
/// 0 or 1), as ITK writes them to .tfm files.
/// </remarks>
public sealed class Euler3DTransform : MatrixOffsetTransformBase
{
    /// <summary>ITK's threshold on |cos| below which the middle angle is at gimbal lock when decomposing a matrix.</summary>
    private const double GimbalTolerance = 0.00005;

    private double _angleX;
    private double _angleY;
    private double _angleZ;
    private bool _computeZYX;

    // ∂R/∂angleX, ∂R/∂angleY, ∂R/∂angleZ, computed with the matrix so the Jacobian costs three matrix-vector products.
    private Mat3 _dRdX;
    private Mat3 _dRdY;
    private Mat3 _dRdZ;

    /// <summary>The identity: angles 0, translation 0, centre at the origin.</summary>
    public Euler3DTransform()
    {
        ComputeMatrix();
    }

    /// <summary>Creates the transform from its centre, angles and translation.</summary>
    /// <param name="center">Centre of rotation, LPS mm.</param>
    /// <param name="angleX">Rotation about x, radians.</param>
    /// <param name="angleY">Rotation about y, radians.</param>
    /// <param name="angleZ">Rotation about z, radians.</param>
    /// <param name="translation">Translation, mm.</param>
    public Euler3DTransform(Vec3 center, double angleX, double angleY, double angleZ, Vec3 translation)
    {
        Center = center;
        SetRotation(angleX, angleY, angleZ);
        Translation = translation;
    }

    /// <inheritdoc />
    public override string NameOfClass => "Euler3DTransform";

    /// <inheritdoc />
    public override int NumberOfParameters => 6;

    /// <inheritdoc />
    /// <remarks>Four: the centre and the <see cref="ComputeZYX"/> flag (0 or 1).</remarks>
    public override int NumberOfFixedParameters => 4;

    /// <summary>Rotation about the x axis, radians.</summary>
    public double AngleX => _angleX;

    /// <summary>Rotation about the y axis, radians.</summary>
    public double AngleY => _angleY;

    /// <summary>Rotation about the z axis, radians.</summary>
    public double AngleZ => _angleZ;

    /// <summary>
    /// False (ITK's default): <c>R = Rz·Rx·Ry</c> (y applied first); true: <c>R = Rz·Ry·Rx</c>. Changing it keeps the
    /// angles and recomputes the matrix, as ITK's <c>SetComputeZYX</c>.
    /// </summary>
    public bool ComputeZYX
    {
        get => _computeZYX;
        set
        {
            _computeZYX = value;
            ComputeMatrix();
        }
    }

    /// <summary>Sets the three angles (radians), keeping centre and translation (ITK <c>SetRotation</c>).</summary>
    /// <exception cref="ArgumentException">An angle is not finite; the exception names it.</exception>
    public void SetRotation(double angleX, double angleY, double angleZ)
    {
        TransformArguments.CheckFinite([angleX, angleY, angleZ], "angle", NameOfClass, nameof(angleX), nameof(angleY), nameof(angleZ));
        _angleX = angleX;
        _angleY = angleY;
        _angleZ = angleZ;
        ComputeMatrix();
    }

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, 6, "parameter", nameof(destination));
        destination[0] = _angleX;
        destination[1] = _angleY;
        destination[2] = _angleZ;
        destination[3] = Translation.X;
        destination[4] = Translation.Y;
        destination[5] = Translation.Z;
    }

    /// <inheritdoc />
    public override void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, 6, "parameters", NameOfClass);
        _angleX = parameters[0];
        _angleY = parameters[1];
        _angleZ = parameters[2];
        ComputeMatrix();
        SetTranslationCore(new Vec3(parameters[3], parameters[4], parameters[5]));
    }

    /// <inheritdoc />
    public override void GetFixedParameters(Span<double> destination)
    {
        base.GetFixedParameters(destination);
        destination[3] = _computeZYX ? 1.0 : 0.0;
    }

    /// <inheritdoc />
    /// <remarks>3 values (centre) or 4 (centre and the ComputeZYX flag, non-zero = on), as ITK accepts.</remarks>
    public override void SetFixedParameters(ReadOnlySpan<double> fixedParameters)
    {
        base.SetFixedParameters(fixedParameters);
        if (fixedParameters.Length == 4)
        {
            ComputeZYX = fixedParameters[3] != 0.0;
        }
    }

    /// <inheritdoc />
    /// <remarks>Columns 0–2: <c>∂R/∂angle · (x − c)</c>; columns 3–5: the identity.</remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        TransformArguments.CheckDestination(jacobian.Length, 18, "Jacobian", nameof(jacobian));
        Vec3 d = point - Center;
        TransformArguments.WriteColumn(jacobian, 6, 0, _dRdX * d);
        TransformArguments.WriteColumn(jacobian, 6, 1, _dRdY * d);
        TransformArguments.WriteColumn(jacobian, 6, 2, _dRdZ * d);
        TransformArguments.WriteTranslationBlock(jacobian, 6, 3);
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    /// <remarks>
    /// Same centre and ComputeZYX; angles decomposed from <c>Rᵀ</c> as ITK's <c>ComputeMatrixParameters</c> (at gimbal
    /// lock, |cos| ≤ 5e-5 of the middle angle, the last angle is set to 0).
    /// </remarks>
    public override Euler3DTransform GetInverse()
    {
        var inverse = new Euler3DTransform { _computeZYX = _computeZYX };
        (inverse._angleX, inverse._angleY, inverse._angleZ) = DecomposeRotation(Matrix.Transpose(), _computeZYX);
        inverse.ComputeMatrix();
        CompleteInverse(inverse);
        return inverse;
    }

    /// <inheritdoc cref="IParametricTransform.Clone" />
    public override Euler3DTransform Clone()
    {
        var copy = new Euler3DTransform { _computeZYX = _computeZYX };
        copy.SetRotation(_angleX, _angleY, _angleZ);
        CopyCenterAndTranslationTo(copy);
        return copy;
    }

    /// <summary>
    /// Angles (x, y, z) of a rotation matrix for the chosen order (ITK's <c>ComputeMatrixParameters</c> convention:
    /// the middle angle from an arcsine, the others from arctangents; at gimbal lock the last angle is 0).
    /// </summary>
    internal static (double X, double Y, double Z) DecomposeRotation(Mat3 r, bool computeZYX)
    {
        if (computeZYX)
        {
            // R = Rz·Ry·Rx: R[2,0] = −sin y, R[2,1] = cos y sin x, R[2,2] = cos y cos x, R[1,0] = sin z cos y.
            double y = -Math.Asin(Math.Clamp(r[2, 0], -1.0, 1.0));
            return Math.Abs(Math.Cos(y)) > GimbalTolerance
                ? (Math.Atan2(r[2, 1], r[2, 2]), y, Math.Atan2(r[1, 0], r[0, 0]))
                : (0.0, y, Math.Atan2(-r[0, 1], r[1, 1]));
        }

        // R = Rz·Rx·Ry: R[2,1] = sin x, R[2,0] = −cos x sin y, R[2,2] = cos x cos y, R[0,1] = −sin z cos x.
        double x = Math.Asin(Math.Clamp(r[2, 1], -1.0, 1.0));
        return Math.Abs(Math.Cos(x)) > GimbalTolerance
            ? (x, Math.Atan2(-r[2, 0], r[2, 2]), Math.Atan2(-r[0, 1], r[1, 1]))
            : (x, Math.Atan2(r[0, 2], r[0, 0]), 0.0);
    }

    /// <summary>The elementary rotations about x, y and z by the given angles (right-handed).</summary>
    internal static (Mat3 Rx, Mat3 Ry, Mat3 Rz) AxisRotations(double ax, double ay, double az)
    {
        double cx = Math.Cos(ax), sx = Math.Sin(ax);
        double cy = Math.Cos(ay), sy = Math.Sin(ay);
        double cz = Math.Cos(az), sz = Math.Sin(az);
        return (new Mat3(1, 0, 0, 0, cx, -sx, 0, sx, cx),
                new Mat3(cy, 0, sy, 0, 1, 0, -sy, 0, cy),
                new Mat3(cz, -sz, 0, sz, cz, 0, 0, 0, 1));
    }

    /// <summary>Derivatives of <see cref="AxisRotations"/> with respect to their angles.</summary>
    private static (Mat3 Dx, Mat3 Dy, Mat3 Dz) AxisRotationDerivatives(double ax, double ay, double az)
    {
        double cx = Math.Cos(ax), sx = Math.Sin(ax);
        double cy = Math.Cos(ay), sy = Math.Sin(ay);
        double cz = Math.Cos(az), sz = Math.Sin(az);
        return (new Mat3(0, 0, 0, 0, -sx, -cx, 0, cx, -sx),
                new Mat3(-sy, 0, cy, 0, 0, 0, -cy, 0, -sy),
                new Mat3(-sz, -cz, 0, cz, -sz, 0, 0, 0, 0));
    }

    private void ComputeMatrix()
    {
        var (rx, ry, rz) = AxisRotations(_angleX, _angleY, _angleZ);
        var (dx, dy, dz) = AxisRotationDerivatives(_angleX, _angleY, _angleZ);
        _dRdX = _computeZYX ? rz * ry * dx : rz * dx * ry;
        _dRdY = _computeZYX ? rz * dy * rx : rz * rx * dy;
        _dRdZ = _computeZYX ? dz * ry * rx : dz * rx * ry;
        SetMatrixCore(_computeZYX ? rz * ry * rx : rz * rx * ry);
    }
}
