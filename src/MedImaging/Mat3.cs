using System.Globalization;

namespace MedImaging;

/// <summary>
/// A 3×3 double-precision matrix, stored row-major (<c>M[row, column]</c>). As a direction matrix, column j
/// is the LPS direction of index axis j (ITK's convention).
/// </summary>
public readonly struct Mat3 : IEquatable<Mat3>
{
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    /// <summary>Creates a matrix from its nine elements, row by row.</summary>
    public Mat3(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22)
    {
        _m00 = m00; _m01 = m01; _m02 = m02;
        _m10 = m10; _m11 = m11; _m12 = m12;
        _m20 = m20; _m21 = m21; _m22 = m22;
    }

    /// <summary>The identity matrix.</summary>
    public static Mat3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Creates a matrix from nine row-major values.</summary>
    /// <exception cref="ArgumentException">The span does not hold nine values.</exception>
    public static Mat3 FromRowMajor(ReadOnlySpan<double> values)
    {
        if (values.Length != 9)
        {
            throw new ArgumentException($"a 3x3 matrix needs 9 values, got {values.Length}", nameof(values));
        }

        return new Mat3(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8]);
    }

    /// <summary>Creates a matrix whose columns are the three given vectors.</summary>
    public static Mat3 FromColumns(Vec3 c0, Vec3 c1, Vec3 c2) => new(c0.X, c1.X, c2.X, c0.Y, c1.Y, c2.Y, c0.Z, c1.Z, c2.Z);

    /// <summary>Creates a diagonal matrix.</summary>
    public static Mat3 Diagonal(Vec3 d) => new(d.X, 0, 0, 0, d.Y, 0, 0, 0, d.Z);

    /// <summary>Element at (row, column).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="row"/> or <paramref name="column"/> is not 0, 1 or 2 (the exception names the one outside).
    /// </exception>
    public double this[int row, int column] => (row, column) switch
    {
        (0, 0) => _m00, (0, 1) => _m01, (0, 2) => _m02,
        (1, 0) => _m10, (1, 1) => _m11, (1, 2) => _m12,
        (2, 0) => _m20, (2, 1) => _m21, (2, 2) => _m22,
        _ => throw new ArgumentOutOfRangeException(row is >= 0 and <= 2 ? nameof(column) : nameof(row), $"({row}, {column}) is outside a 3x3 matrix"),
    };

    /// <summary>Column <paramref name="j"/> as a vector (for a direction matrix: the LPS direction of index axis j).</summary>
    public Vec3 Column(int j) => new(this[0, j], this[1, j], this[2, j]);

    /// <summary>Row <paramref name="i"/> as a vector.</summary>
    public Vec3 Row(int i) => new(this[i, 0], this[i, 1], this[i, 2]);

    /// <summary>The transpose.</summary>
    public Mat3 Transpose() => new(_m00, _m10, _m20, _m01, _m11, _m21, _m02, _m12, _m22);

    /// <summary>The determinant.</summary>
    public double Determinant() =>
        _m00 * (_m11 * _m22 - _m12 * _m21) - _m01 * (_m10 * _m22 - _m12 * _m20) + _m02 * (_m10 * _m21 - _m11 * _m20);

    /// <summary>The inverse, by the adjugate.</summary>
    /// <exception cref="InvalidOperationException">
    /// The matrix is singular (|det| not above 1e-300) or its determinant is not finite; the message shows the matrix.
    /// </exception>
    public Mat3 Inverse()
    {
        double det = Determinant();
        if (!(Math.Abs(det) > 1e-300) || !double.IsFinite(det))
        {
            throw new InvalidOperationException($"the matrix {this} is singular (determinant {det.ToString("R", CultureInfo.InvariantCulture)})");
        }

        double inv = 1.0 / det;
        return new Mat3(
            (_m11 * _m22 - _m12 * _m21) * inv, (_m02 * _m21 - _m01 * _m22) * inv, (_m01 * _m12 - _m02 * _m11) * inv,
            (_m12 * _m20 - _m10 * _m22) * inv, (_m00 * _m22 - _m02 * _m20) * inv, (_m02 * _m10 - _m00 * _m12) * inv,
            (_m10 * _m21 - _m11 * _m20) * inv, (_m01 * _m20 - _m00 * _m21) * inv, (_m00 * _m11 - _m01 * _m10) * inv);
    }

    /// <summary>Matrix × vector.</summary>
    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m._m00 * v.X + m._m01 * v.Y + m._m02 * v.Z,
        m._m10 * v.X + m._m11 * v.Y + m._m12 * v.Z,
        m._m20 * v.X + m._m21 * v.Y + m._m22 * v.Z);

    /// <summary>Matrix product.</summary>
    public static Mat3 operator *(Mat3 a, Mat3 b)
    {
        Span<double> r = stackalloc double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                r[3 * i + j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
            }
        }

        return FromRowMajor(r);
    }

    /// <summary>Equality of all elements.</summary>
    public static bool operator ==(Mat3 a, Mat3 b) => a.Equals(b);

    /// <summary>Inequality of any element.</summary>
    public static bool operator !=(Mat3 a, Mat3 b) => !a.Equals(b);

    /// <summary>The nine elements, row-major.</summary>
    public double[] ToRowMajorArray() => [_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22];

    /// <summary>The largest absolute element difference.</summary>
    public static double MaxAbsDifference(Mat3 a, Mat3 b)
    {
        double max = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return max;
    }

    /// <summary>
    /// True when the columns are unit length and mutually perpendicular within <paramref name="tolerance"/>
    /// (largest element of |MᵀM − I|).
    /// </summary>
    public bool IsOrthonormal(double tolerance = 1e-6) => MaxAbsDifference(Transpose() * this, Identity) <= tolerance;

    /// <inheritdoc />
    public bool Equals(Mat3 other) => MaxAbsDifference(this, other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Mat3 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        HashCode.Combine(_m00, _m01, _m02, _m10, _m11), HashCode.Combine(_m12, _m20, _m21, _m22));

    /// <summary>"[[a, b, c], [d, e, f], [g, h, i]]" with invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[[{_m00:R}, {_m01:R}, {_m02:R}], [{_m10:R}, {_m11:R}, {_m12:R}], [{_m20:R}, {_m21:R}, {_m22:R}]]");
}
