using MedImaging.Transforms;

namespace MedImaging.Tests.Resampling;

/// <summary>Test-only matrix-offset transform T(x) = M·x + b (the real transforms live in MedImaging.Transforms).</summary>
internal sealed class TestAffineTransform(Mat3 matrix, Vec3 offset) : IMatrixOffsetTransform
{
    public Mat3 Matrix { get; } = matrix;

    public Vec3 Offset { get; } = offset;

    public Vec3 TransformPoint(Vec3 point) => Matrix * point + Offset;

    /// <summary>Rotation by <paramref name="angle"/> radians about z through <paramref name="centre"/>.</summary>
    public static TestAffineTransform RotationZ(double angle, Vec3 centre)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        var m = new Mat3(c, -s, 0, s, c, 0, 0, 0, 1);
        return new TestAffineTransform(m, centre - m * centre);
    }
}

/// <summary>A transform that is not matrix-offset, so resampling must evaluate it point by point.</summary>
internal sealed class TestPointTransform(Func<Vec3, Vec3> map) : ITransform
{
    public Vec3 TransformPoint(Vec3 point) => map(point);
}
