namespace MedImaging.Transforms;

/// <summary>
/// A unit quaternion <c>(X, Y, Z, W)</c> describing a rotation (ITK's <c>Versor</c>): the vector part is
/// <c>axis · sin(angle/2)</c>, <c>W = cos(angle/2)</c>. ITK's versor transforms keep only the vector part as
/// parameters, with <c>W = √(1 − |v|²) ≥ 0</c>.
/// </summary>
internal readonly record struct Versor(double X, double Y, double Z, double W)
{
    /// <summary>
    /// The versor of a parameter vector part, as ITK's versor transforms' <c>SetParameters</c>: when |v| reaches
    /// 1 − 1e-10 it is scaled to just under 1 (W ≈ 0, a half turn).
    /// </summary>
    public static Versor FromVectorPart(Vec3 v)
    {
        double norm = v.Length;
        const double Epsilon = 1e-10;
        if (norm >= 1.0 - Epsilon)
        {
            v /= norm + Epsilon * norm;
        }

        return new Versor(v.X, v.Y, v.Z, Math.Sqrt(Math.Max(0.0, 1.0 - Vec3.Dot(v, v))));
    }

    /// <summary>The rotation by <paramref name="angle"/> radians about <paramref name="axis"/> (any non-zero length).</summary>
    public static Versor FromAxisAngle(Vec3 axis, double angle)
    {
        Vec3 u = axis.Normalize() * Math.Sin(angle / 2);
        return new Versor(u.X, u.Y, u.Z, Math.Cos(angle / 2));
    }

    /// <summary>
    /// The versor of a rotation matrix (Shepperd's method: the largest of the four squared components first, for
    /// accuracy), with W ≥ 0.
    /// </summary>
    public static Versor FromMatrix(Mat3 m)
    {
        double trace = m[0, 0] + m[1, 1] + m[2, 2];
        double x, y, z, w;
        if (trace >= m[0, 0] && trace >= m[1, 1] && trace >= m[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + trace);
            w = s / 4;
            x = (m[2, 1] - m[1, 2]) / s;
            y = (m[0, 2] - m[2, 0]) / s;
            z = (m[1, 0] - m[0, 1]) / s;
        }
        else if (m[0, 0] >= m[1, 1] && m[0, 0] >= m[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + m[0, 0] - m[1, 1] - m[2, 2]);
            x = s / 4;
            w = (m[2, 1] - m[1, 2]) / s;
            y = (m[0, 1] + m[1, 0]) / s;
            z = (m[0, 2] + m[2, 0]) / s;
        }
        else if (m[1, 1] >= m[2, 2])
        {
            double s = 2 * Math.Sqrt(1 - m[0, 0] + m[1, 1] - m[2, 2]);
            y = s / 4;
            w = (m[0, 2] - m[2, 0]) / s;
            x = (m[0, 1] + m[1, 0]) / s;
            z = (m[1, 2] + m[2, 1]) / s;
        }
        else
        {
            double s = 2 * Math.Sqrt(1 - m[0, 0] - m[1, 1] + m[2, 2]);
            z = s / 4;
            w = (m[1, 0] - m[0, 1]) / s;
            x = (m[0, 2] + m[2, 0]) / s;
            y = (m[1, 2] + m[2, 1]) / s;
        }

        double n = Math.Sqrt(x * x + y * y + z * z + w * w);
        return w < 0 ? new Versor(-x / n, -y / n, -z / n, -w / n) : new Versor(x / n, y / n, z / n, w / n);
    }

    /// <summary>The vector part (the versor transforms' rotation parameters).</summary>
    public Vec3 VectorPart => new(X, Y, Z);

    /// <summary>The Hamilton product <c>a·b</c> (rotation b first, then a), as ITK's <c>Versor::operator*</c>.</summary>
    public static Versor operator *(Versor a, Versor b) => new(
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W,
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z);

    /// <summary>The rotation matrix of this (unit) versor.</summary>
    public Mat3 ToMatrix()
    {
        double xx = X * X, yy = Y * Y, zz = Z * Z;
        double xy = X * Y, xz = X * Z, yz = Y * Z;
        double wx = W * X, wy = W * Y, wz = W * Z;
        return new Mat3(
            1 - 2 * (yy + zz), 2 * (xy - wz), 2 * (xz + wy),
            2 * (xy + wz), 1 - 2 * (xx + zz), 2 * (yz - wx),
            2 * (xz - wy), 2 * (yz + wx), 1 - 2 * (xx + yy));
    }

    /// <summary>
    /// ∂(R·d)/∂v_k for k = 0, 1, 2, with W a function of the vector part (W = √(1 − |v|²)). From
    /// <c>R·d = d + 2W (v × d) + 2 v × (v × d)</c>: the partial derivative with respect to v_k holding W is
    /// <c>2W (e_k × d) + 2 (e_k × (v × d) + v × (e_k × d))</c>, and W contributes <c>2 (v × d) · (−v_k / W)</c>.
    /// </summary>
    public (Vec3 ByX, Vec3 ByY, Vec3 ByZ) RotatedPointDerivatives(Vec3 d)
    {
        Vec3 v = VectorPart;
        Vec3 vxd = Vec3.Cross(v, d);
        double w = W;
        return (Partial(new Vec3(1, 0, 0), X), Partial(new Vec3(0, 1, 0), Y), Partial(new Vec3(0, 0, 1), Z));

        Vec3 Partial(Vec3 e, double vk)
        {
            Vec3 exd = Vec3.Cross(e, d);
            return 2 * w * exd + 2 * (Vec3.Cross(e, vxd) + Vec3.Cross(v, exd)) - 2 * vxd * (vk / w);
        }
    }
}
