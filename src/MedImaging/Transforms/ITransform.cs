namespace MedImaging.Transforms;

/// <summary>
/// A spatial transform in LPS millimetres, ITK's convention: it maps a point of the <em>fixed</em> (output) space
/// to the <em>moving</em> (input) space, so resampling evaluates <c>moving(T(x))</c> at every output point x.
/// </summary>
public interface ITransform
{
    /// <summary>Maps an LPS point (mm) of the fixed space to the moving space.</summary>
    Vec3 TransformPoint(Vec3 point);
}

/// <summary>
/// A transform of the form <c>T(x) = Matrix · x + Offset</c> (ITK's <c>MatrixOffsetTransformBase</c>): identity,
/// translation, rigid, similarity and affine transforms. Resampling uses the matrix to find axis-aligned fast paths.
/// </summary>
public interface IMatrixOffsetTransform : ITransform
{
    /// <summary>The 3×3 linear part.</summary>
    Mat3 Matrix { get; }

    /// <summary>The translation applied after the matrix, mm.</summary>
    Vec3 Offset { get; }
}

/// <summary>The identity transform: <c>T(x) = x</c> (ITK <c>IdentityTransform</c>).</summary>
public sealed class IdentityTransform : IMatrixOffsetTransform
{
    /// <summary>The shared instance.</summary>
    public static IdentityTransform Instance { get; } = new();

    /// <inheritdoc />
    public Mat3 Matrix => Mat3.Identity;

    /// <inheritdoc />
    public Vec3 Offset => Vec3.Zero;

    /// <inheritdoc />
    public Vec3 TransformPoint(Vec3 point) => point;
}
