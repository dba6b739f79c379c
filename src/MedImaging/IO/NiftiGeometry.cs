using System.Globalization;

namespace MedImaging.IO;

/// <summary>
/// NIfTI orientation ↔ <see cref="VolumeGeometry"/>. NIfTI's world is RAS; ours is LPS, so the first two rows of
/// every affine are negated here and nowhere else. On read, the sform wins when sform_code &gt; 0, else the qform
/// when qform_code &gt; 0 (nibabel's rule), else pixdim alone with identity LPS direction and zero origin (what ITK
/// 5.2 reads; nibabel would build an Analyze-style affine instead). Spacing is pixdim, as ITK reads it, unless the
/// sform's column lengths disagree with pixdim by more than 1e-4 (relative): then the sform wins, as in nibabel.
/// On write both forms are stored with code 1 (scanner) and the same matrix.
/// </summary>
internal static class NiftiGeometry
{
    /// <summary>NIFTI_UNITS_MM | NIFTI_UNITS_SEC.</summary>
    public const int MillimetreSecondUnits = 2 | 8;

    /// <summary>diag(−1, −1, 1): RAS ↔ LPS (its own inverse).</summary>
    private static readonly Mat3 Flip = Mat3.Diagonal(new Vec3(-1, -1, 1));

    /// <summary>Geometry of one 3-D volume from the header.</summary>
    public static VolumeGeometry Read(NiftiHeader header, Size3 size, string path)
    {
        double unit = SpatialUnitInMillimetres(header.XyztUnits);
        if (header.SformCode > 0)
        {
            VolumeGeometry? fromSform = FromSform(header, size, unit);
            if (fromSform is not null)
            {
                return fromSform;
            }

            if (header.QformCode <= 0)
            {
                throw new ImageFormatException(path, "srow_x", "the sform is not a rotation times a spacing (zero column, shear or non-finite values) and there is no qform to fall back on");
            }
        }

        Vec3 spacing = new(Pixdim(header, 1), Pixdim(header, 2), Pixdim(header, 3));
        if (header.QformCode > 0)
        {
            double qfac = header.Pixdim[0] < 0 ? -1 : 1;
            Mat3 rotation = QuaternionToRotation(header.Quatern[0], header.Quatern[1], header.Quatern[2]);
            Mat3 ras = rotation * Mat3.Diagonal(new Vec3(1, 1, qfac));
            Vec3 offset = new(header.QOffset[0], header.QOffset[1], header.QOffset[2]);
            return Create(size, spacing * unit, Flip * (offset * unit), Flip * ras, path, "quatern_b");
        }

        return Create(size, spacing * unit, Vec3.Zero, Mat3.Identity, path, "pixdim");
    }

    /// <summary>Stores the geometry as qform and sform (code 1, same matrix), pixdim[0..3] and the units.</summary>
    public static void Write(NiftiHeader header, VolumeGeometry geometry)
    {
        Mat3 ras = Flip * geometry.Direction;
        double qfac = ras.Determinant() < 0 ? -1 : 1;
        Mat3 rotation = ras * Mat3.Diagonal(new Vec3(1, 1, qfac));
        (double b, double c, double d) = RotationToQuaternion(rotation);
        Vec3 origin = Flip * geometry.Origin;
        header.QformCode = 1;
        header.SformCode = 1;
        header.Quatern[0] = b;
        header.Quatern[1] = c;
        header.Quatern[2] = d;
        header.Pixdim[0] = qfac;
        Mat3 affine = ras * Mat3.Diagonal(geometry.Spacing);
        for (int i = 0; i < 3; i++)
        {
            header.Pixdim[i + 1] = geometry.Spacing[i];
            header.QOffset[i] = origin[i];
            header.Srow[4 * i] = affine[i, 0];
            header.Srow[4 * i + 1] = affine[i, 1];
            header.Srow[4 * i + 2] = affine[i, 2];
            header.Srow[4 * i + 3] = origin[i];
        }

        header.XyztUnits = MillimetreSecondUnits;
    }

    /// <summary>pixdim[4] in seconds (NIFTI_UNITS_SEC/MSEC/USEC), 0 when not set.</summary>
    public static double RepetitionTime(NiftiHeader header)
    {
        double tr = header.Pixdim[4];
        if (!double.IsFinite(tr) || tr <= 0)
        {
            return 0;
        }

        return (header.XyztUnits & 0x38) switch
        {
            16 => tr / 1000,
            24 => tr / 1e6,
            _ => tr,
        };
    }

    /// <summary>The rotation of a unit quaternion (a ≥ 0 derived from b, c, d), nifti1.h's formula.</summary>
    internal static Mat3 QuaternionToRotation(double b, double c, double d)
    {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7)
        {
            // A 180° rotation: a is zero and (b, c, d) is renormalised, as nifti_clib does.
            double norm = 1.0 / Math.Sqrt(b * b + c * c + d * d);
            b *= norm;
            c *= norm;
            d *= norm;
            a = 0;
        }
        else
        {
            a = Math.Sqrt(a);
        }

        return new Mat3(
            a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b);
    }

    /// <summary>
    /// (b, c, d) of the unit quaternion with a ≥ 0 whose rotation is <paramref name="r"/> (proper, det +1).
    /// The largest of a, b, c, d is computed from the diagonal and the others from off-diagonal sums and
    /// differences, which keeps the division well conditioned.
    /// </summary>
    internal static (double B, double C, double D) RotationToQuaternion(Mat3 r)
    {
        double trace = r[0, 0] + r[1, 1] + r[2, 2];
        double a, b, c, d;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            (a, b, c, d) = (s / 4, (r[2, 1] - r[1, 2]) / s, (r[0, 2] - r[2, 0]) / s, (r[1, 0] - r[0, 1]) / s);
        }
        else if (r[0, 0] > r[1, 1] && r[0, 0] > r[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + r[0, 0] - r[1, 1] - r[2, 2]);
            (a, b, c, d) = ((r[2, 1] - r[1, 2]) / s, s / 4, (r[0, 1] + r[1, 0]) / s, (r[0, 2] + r[2, 0]) / s);
        }
        else if (r[1, 1] > r[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + r[1, 1] - r[0, 0] - r[2, 2]);
            (a, b, c, d) = ((r[0, 2] - r[2, 0]) / s, (r[0, 1] + r[1, 0]) / s, s / 4, (r[1, 2] + r[2, 1]) / s);
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + r[2, 2] - r[0, 0] - r[1, 1]);
            (a, b, c, d) = ((r[1, 0] - r[0, 1]) / s, (r[0, 2] + r[2, 0]) / s, (r[1, 2] + r[2, 1]) / s, s / 4);
        }

        return a < 0 ? (-b, -c, -d) : (b, c, d);
    }

    private static VolumeGeometry? FromSform(NiftiHeader header, Size3 size, double unit)
    {
        double[] s = header.Srow;
        Mat3 lps = Flip * new Mat3(s[0], s[1], s[2], s[4], s[5], s[6], s[8], s[9], s[10]);
        Vec3 origin = Flip * new Vec3(s[3], s[7], s[11]);
        Vec3[] columns = [lps.Column(0), lps.Column(1), lps.Column(2)];
        var spacing = new Vec3(columns[0].Length, columns[1].Length, columns[2].Length);
        for (int j = 0; j < 3; j++)
        {
            if (!(spacing[j] > 0) || !double.IsFinite(spacing[j]))
            {
                return null;
            }
        }

        Mat3 direction = Mat3.FromColumns(columns[0] * (1 / spacing.X), columns[1] * (1 / spacing.Y), columns[2] * (1 / spacing.Z));
        if (!direction.IsOrthonormal(VolumeGeometry.OrthonormalityTolerance) || !double.IsFinite(origin.Length))
        {
            return null;
        }

        // pixdim is float32(spacing) exactly while the column norms of float32 rows carry ~1e-8 of rounding: prefer
        // pixdim when the two agree, so a round trip does not drift and ITK's numbers are reproduced.
        Vec3 pixdim = new(Pixdim(header, 1), Pixdim(header, 2), Pixdim(header, 3));
        bool agree = Math.Abs(pixdim.X - spacing.X) <= 1e-4 * spacing.X && Math.Abs(pixdim.Y - spacing.Y) <= 1e-4 * spacing.Y
            && Math.Abs(pixdim.Z - spacing.Z) <= 1e-4 * spacing.Z;
        return new VolumeGeometry(size, (agree ? pixdim : spacing) * unit, origin * unit, direction);
    }

    private static double Pixdim(NiftiHeader header, int i)
    {
        // nifti_clib's fix-up: a zero or non-finite spacing reads as 1, a negative one as its magnitude.
        double v = header.Pixdim[i];
        return v == 0 || !double.IsFinite(v) ? 1 : Math.Abs(v);
    }

    private static double SpatialUnitInMillimetres(int xyztUnits) => (xyztUnits & 7) switch
    {
        1 => 1000, // NIFTI_UNITS_METER
        3 => 0.001, // NIFTI_UNITS_MICRON
        _ => 1, // NIFTI_UNITS_MM or unknown: millimetres, as nibabel and ITK assume
    };

    private static VolumeGeometry Create(Size3 size, Vec3 spacing, Vec3 origin, Mat3 direction, string path, string field)
    {
        try
        {
            return new VolumeGeometry(size, spacing, origin, direction);
        }
        catch (ArgumentException ex)
        {
            throw new ImageFormatException(path, field, string.Create(CultureInfo.InvariantCulture, $"no valid geometry: {ex.Message}"), ex);
        }
    }
}
