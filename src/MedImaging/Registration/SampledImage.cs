using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MedImaging.Registration;

/// <summary>
/// A float image prepared for metric evaluation: trilinear value at an LPS point with ITK's inside rule
/// (continuous index in [−0.5, n − 0.5) on every axis, edge voxels clamped), and its LPS gradient by central
/// differences at ± max(1 voxel, a step in mm) per axis, rotated into LPS by the direction.
/// </summary>
internal sealed class SampledImage
{
    private readonly float[] _v;
    private readonly int _nx, _ny, _nz;
    private readonly Mat3 _toIndex;
    private readonly Vec3 _origin;
    private readonly Mat3 _gradientToPhysical;
    private readonly Volume<byte>? _mask;
    private readonly Vec3 _step;

    public SampledImage(Volume<float> image, Volume<byte>? mask, double gradientStep = 0)
    {
        Geometry = image.Geometry;
        // Shares the volume's buffer (the smoothed images are private to the registration; nothing writes them).
        _v = MemoryMarshal.TryGetArray<float>(image.Memory, out ArraySegment<float> segment) && segment.Offset == 0 && segment.Array!.Length == segment.Count
            ? segment.Array
            : image.Voxels.ToArray();
        (_nx, _ny, _nz) = (Geometry.Size.X, Geometry.Size.Y, Geometry.Size.Z);
        _toIndex = Geometry.PhysicalToIndexMatrix;
        _origin = Geometry.Origin;
        // d f / d LPS = Direction · diag(1/spacing) · (d f / d index).
        _gradientToPhysical = Geometry.Direction * Mat3.Diagonal(new Vec3(1 / Geometry.Spacing.X, 1 / Geometry.Spacing.Y, 1 / Geometry.Spacing.Z));
        _mask = mask;
        // Central-difference half-width per axis in voxels: one voxel, or gradientStep mm when larger.
        _step = new Vec3(Math.Max(1, gradientStep / Geometry.Spacing.X), Math.Max(1, gradientStep / Geometry.Spacing.Y), Math.Max(1, gradientStep / Geometry.Spacing.Z));
        (Minimum, Maximum) = (TensorPrimitives.Min<float>(_v), TensorPrimitives.Max<float>(_v));
    }

    public VolumeGeometry Geometry { get; }

    public double Minimum { get; }

    public double Maximum { get; }

    /// <summary>The continuous index of an LPS point.</summary>
    public Vec3 ToIndex(Vec3 point) => _toIndex * (point - _origin);

    /// <summary>True when the continuous index is inside the buffer (ITK's rule) and in the mask, if any.</summary>
    public bool IsInside(Vec3 c)
    {
        if (!(c.X >= -0.5 && c.X < _nx - 0.5 && c.Y >= -0.5 && c.Y < _ny - 0.5 && c.Z >= -0.5 && c.Z < _nz - 0.5))
        {
            return false;
        }

        return _mask is null || _mask[(int)Math.Floor(c.X + 0.5), (int)Math.Floor(c.Y + 0.5), (int)Math.Floor(c.Z + 0.5)] != 0;
    }

    /// <summary>Trilinear value at a continuous index already known to be inside (edges clamped).</summary>
    public double Value(Vec3 c)
    {
        double fx = Math.Floor(c.X), fy = Math.Floor(c.Y), fz = Math.Floor(c.Z);
        double tx = c.X - fx, ty = c.Y - fy, tz = c.Z - fz;
        int x0 = Clamp((int)fx, _nx), x1 = Clamp((int)fx + 1, _nx);
        int y0 = Clamp((int)fy, _ny), y1 = Clamp((int)fy + 1, _ny);
        int z0 = Clamp((int)fz, _nz), z1 = Clamp((int)fz + 1, _nz);
        long r00 = ((long)z0 * _ny + y0) * _nx, r01 = ((long)z0 * _ny + y1) * _nx;
        long r10 = ((long)z1 * _ny + y0) * _nx, r11 = ((long)z1 * _ny + y1) * _nx;
        double a = _v[r00 + x0] + (tx * (_v[r00 + x1] - (double)_v[r00 + x0]));
        double b = _v[r01 + x0] + (tx * (_v[r01 + x1] - (double)_v[r01 + x0]));
        double c0 = _v[r10 + x0] + (tx * (_v[r10 + x1] - (double)_v[r10 + x0]));
        double d = _v[r11 + x0] + (tx * (_v[r11 + x1] - (double)_v[r11 + x0]));
        double lower = a + (ty * (b - a)), upper = c0 + (ty * (d - c0));
        return lower + (tz * (upper - lower));
    }

    /// <summary>LPS gradient (intensity per mm) by central differences of the trilinear image (see the constructor for the step).</summary>
    public Vec3 Gradient(Vec3 c)
    {
        var g = new Vec3(
            Difference(c, new Vec3(_step.X, 0, 0), _step.X, c.X, _nx),
            Difference(c, new Vec3(0, _step.Y, 0), _step.Y, c.Y, _ny),
            Difference(c, new Vec3(0, 0, _step.Z), _step.Z, c.Z, _nz));
        return _gradientToPhysical * g;
    }

    private double Difference(Vec3 c, Vec3 step, double h, double along, int n)
    {
        // Per voxel of the axis; one-sided next to the border, where a neighbour would fall outside the buffer.
        bool plus = along + h < n - 0.5, minus = along - h >= -0.5;
        if (plus && minus)
        {
            return (Value(c + step) - Value(c - step)) / (2 * h);
        }

        if (plus)
        {
            return (Value(c + step) - Value(c)) / h;
        }

        return minus ? (Value(c) - Value(c - step)) / h : 0.0;
    }

    private static int Clamp(int i, int n) => i < 0 ? 0 : (i >= n ? n - 1 : i);
}
