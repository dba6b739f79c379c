using System.Globalization;
using System.Runtime.CompilerServices;

namespace MedImaging;

/// <summary>
/// A three-component double-precision vector: a point or direction in LPS millimetres, a spacing, or a
/// continuous index. Immutable; arithmetic operators are component-wise except <see cref="Dot"/> and <see cref="Cross"/>.
/// </summary>
/// <param name="X">First component (LPS: toward patient Left).</param>
/// <param name="Y">Second component (LPS: toward Posterior).</param>
/// <param name="Z">Third component (LPS: toward Superior).</param>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>The zero vector.</summary>
    public static Vec3 Zero => default;

    /// <summary>(1, 1, 1).</summary>
    public static Vec3 One => new(1, 1, 1);

    /// <summary>Component <paramref name="axis"/> (0 = X, 1 = Y, 2 = Z).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is not 0, 1 or 2.</exception>
    public double this[int axis] => axis switch
    {
        0 => X,
        1 => Y,
        2 => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0, 1 or 2"),
    };

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

    /// <summary>Component-wise sum.</summary>
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Component-wise difference.</summary>
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Negation.</summary>
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Scaling by a scalar.</summary>
    public static Vec3 operator *(Vec3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Scaling by a scalar.</summary>
    public static Vec3 operator *(double s, Vec3 a) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Division by a scalar.</summary>
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    /// <summary>Component-wise product.</summary>
    public static Vec3 Multiply(Vec3 a, Vec3 b) => new(a.X * b.X, a.Y * b.Y, a.Z * b.Z);

    /// <summary>Component-wise quotient.</summary>
    public static Vec3 Divide(Vec3 a, Vec3 b) => new(a.X / b.X, a.Y / b.Y, a.Z / b.Z);

    /// <summary>Dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    /// <summary>Cross product a × b (right-handed).</summary>
    public static Vec3 Cross(Vec3 a, Vec3 b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    /// <summary>This vector scaled to unit length.</summary>
    /// <exception cref="InvalidOperationException">
    /// The vector has zero length, or its length is not finite (a NaN or infinite component, or an overflow).
    /// </exception>
    public Vec3 Normalize()
    {
        double length = Length;
        if (!(length > 0) || !double.IsFinite(length))
        {
            throw new InvalidOperationException($"cannot normalise the vector {this}: its length is {length}");
        }

        return this / length;
    }

    /// <summary>The largest absolute component difference between two vectors.</summary>
    public static double MaxAbsDifference(Vec3 a, Vec3 b) =>
        Math.Max(Math.Abs(a.X - b.X), Math.Max(Math.Abs(a.Y - b.Y), Math.Abs(a.Z - b.Z)));

    /// <summary>Creates a vector from a span of exactly three values.</summary>
    /// <exception cref="ArgumentException">The span does not hold three values.</exception>
    public static Vec3 FromSpan(ReadOnlySpan<double> values)
    {
        if (values.Length != 3)
        {
            throw new ArgumentException($"a 3-vector needs 3 values, got {values.Length}", nameof(values));
        }

        return new Vec3(values[0], values[1], values[2]);
    }

    /// <summary>The components as a new array [X, Y, Z].</summary>
    public double[] ToArray() => [X, Y, Z];

    /// <summary>"(x, y, z)" with invariant culture and round-trip precision.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({X:R}, {Y:R}, {Z:R})");
}
