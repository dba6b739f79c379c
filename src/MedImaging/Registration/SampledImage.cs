using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MedImaging.Resampling;

namespace MedImaging.Registration;

/// <summary>
/// A float image prepared for metric evaluation: ITK's inside rule (continuous index in [−0.5, n − 0.5) on every
/// axis) and the mask; trilinear value and gradient come from the shared
/// <see cref="PointInterpolator"/> (edge voxels clamped; gradient by central differences at ± max(1 voxel, a step in
/// mm) per axis, rotated into LPS by the direction).
/// </summary>
internal sealed class SampledImage
{
    private readonly float[] _v;
    private readonly Size3 _size;
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
        _size = Geometry.Size;
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
        if (!(c.X >= -0.5 && c.X < _size.X - 0.5 && c.Y >= -0.5 && c.Y < _size.Y - 0.5 && c.Z >= -0.5 && c.Z < _size.Z - 0.5))
        {
            return false;
        }

        return _mask is null || _mask[(int)Math.Floor(c.X + 0.5), (int)Math.Floor(c.Y + 0.5), (int)Math.Floor(c.Z + 0.5)] != 0;
    }

    /// <summary>Trilinear value at a continuous index already known to be inside (edges clamped).</summary>
    public double Value(Vec3 c) => PointInterpolator.Linear<float>(_v, _size, c);

    /// <summary>
    /// Asks the CPU to start loading the voxel rows that <see cref="ValueAndGradient"/> reads at continuous index
    /// <paramref name="c"/> (the centre rows and the rows shifted by the difference step along y and z); a hint only,
    /// without effect on results and skipped where the x86 prefetch instruction is unavailable.
    /// </summary>
    public unsafe void Prefetch(Vec3 c)
    {
        if (!Sse.IsSupported || !(Math.Abs(c.X) < _size.X && Math.Abs(c.Y) < _size.Y && Math.Abs(c.Z) < _size.Z))
        {
            return;
        }

        int x = Math.Max(0, (int)c.X), y = Math.Max(0, (int)c.Y), z = Math.Max(0, (int)c.Z);
        int dy = (int)Math.Ceiling(_step.Y), dz = (int)Math.Ceiling(_step.Z);
        fixed (float* v = _v)
        {
            // Rows y, y + 1 (and y − dy, y + 1 + dy for the y difference) on slices z, z + 1; rows y, y + 1 on
            // slices z − dz and z + 1 + dz for the z difference. The x difference stays on the centre rows.
            foreach (int k in (ReadOnlySpan<int>)[0, 1])
            {
                PrefetchRow(v, x, y, z + k);
                PrefetchRow(v, x, y + 1, z + k);
                PrefetchRow(v, x, y - dy, z + k);
                PrefetchRow(v, x, y + 1 + dy, z + k);
                PrefetchRow(v, x, y + k, z - dz);
                PrefetchRow(v, x, y + k, z + 1 + dz);
            }
        }
    }

    private unsafe void PrefetchRow(float* v, int x, int y, int z)
    {
        if (y >= 0 && y < _size.Y && z >= 0 && z < _size.Z)
        {
            Sse.Prefetch0(v + ((((long)z * _size.Y) + y) * _size.X) + x);
        }
    }

    /// <summary>
    /// Trilinear value and LPS gradient (intensity per mm) at a continuous index already known to be inside: central
    /// differences of the trilinear image (see the constructor for the step), one-sided next to the border.
    /// </summary>
    public double ValueAndGradient(Vec3 c, out Vec3 gradient)
    {
        double value = PointInterpolator.LinearWithGradient<float>(_v, _size, c, _step, out Vec3 perVoxel);
        gradient = _gradientToPhysical * perVoxel;
        return value;
    }
}
