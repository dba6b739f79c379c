using MedImaging.Transforms;

namespace MedImaging.Tests.Resampling;

/// <summary>A transform that is not matrix-offset, so resampling must evaluate it point by point.</summary>
internal sealed class TestPointTransform(Func<Vec3, Vec3> map) : ITransform
{
    public Vec3 TransformPoint(Vec3 point) => map(point);
}
