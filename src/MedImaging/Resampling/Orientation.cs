using System.Numerics;

namespace MedImaging.Resampling;

/// <summary>
/// Exact reorientation: permuting and reversing index axes without interpolation, world positions kept (every
/// voxel keeps its LPS position and value; only the memory order, direction and origin change). ITK's
/// <c>DICOMOrientImageFilter</c>, <c>PermuteAxesImageFilter</c> and, for the geometry, <c>FlipImageFilter</c>.
/// </summary>
public static class Orientation
{
    /// <summary>
    /// Reorders the axes so the direction's orientation code becomes <paramref name="code"/> (e.g. "RAS": index x
    /// toward Right, y toward Anterior, z toward Superior). SimpleITK <c>DICOMOrient(image, "RAS")</c>. Oblique
    /// directions are handled with their closest code (<see cref="OrientationCode.FromDirection"/>); the direction
    /// columns are permuted and negated exactly, never snapped.
    /// </summary>
    /// <param name="volume">The input volume.</param>
    /// <param name="code">Target code, three letters from {L,R}, {P,A}, {S,I}.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="code"/> is null.</exception>
    /// <exception cref="ArgumentException">The code is not a valid orientation code.</exception>
    public static Volume<T> Orient<T>(Volume<T> volume, string code, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(volume);
        (int[] order, bool[] flip) = Plan(volume.Geometry.Direction, OrientationCode.Parse(code));
        return Reorder(volume, order, flip, execution);
    }

    /// <summary>Non-generic <see cref="Orient{T}"/>: the voxel type is kept.</summary>
    /// <param name="volume">The input volume, any voxel type.</param>
    /// <param name="code">Target code, three letters from {L,R}, {P,A}, {S,I}.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <returns>The reoriented volume; every voxel keeps its LPS position and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="code"/> is null.</exception>
    /// <exception cref="ArgumentException">The code is not a valid orientation code.</exception>
    public static Volume Orient(Volume volume, string code, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        (int[] order, bool[] flip) = Plan(volume.Geometry.Direction, OrientationCode.Parse(code));
        return volume.Accept(new ReorderVisitor(order, flip, execution));
    }

    /// <summary>
    /// Output index axis j is input index axis <paramref name="order"/>[j] (ITK <c>PermuteAxesImageFilter</c>,
    /// SimpleITK <c>PermuteAxes</c>): size, spacing and direction columns are permuted, voxel (0,0,0) stays put.
    /// </summary>
    /// <param name="volume">The input volume.</param>
    /// <param name="order">A permutation of {0, 1, 2}.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentException">The order is not a permutation of 0, 1, 2.</exception>
    public static Volume<T> PermuteAxes<T>(Volume<T> volume, int[] order, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(volume);
        CheckPermutation(order);
        return Reorder(volume, order, [false, false, false], execution);
    }

    /// <summary><see cref="PermuteAxes{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="volume">The input volume, any voxel type.</param>
    /// <param name="order">A permutation of {0, 1, 2}: output index axis j is input index axis order[j].</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <returns>The volume with permuted axes; every voxel keeps its LPS position and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentException">The order is not a permutation of 0, 1, 2.</exception>
    public static Volume PermuteAxes(Volume volume, int[] order, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        CheckPermutation(order);
        return volume.Accept(new ReorderVisitor(order, [false, false, false], execution));
    }

    /// <summary>
    /// Reverses the voxel order along the chosen index axes while keeping every voxel's world position: the
    /// direction column of a flipped axis is negated and the origin moves to the opposite end (the geometry
    /// <c>DICOMOrientImageFilter</c> gives its flips).
    /// </summary>
    /// <param name="volume">The input volume.</param>
    /// <param name="flipX">Reverse index axis 0.</param>
    /// <param name="flipY">Reverse index axis 1.</param>
    /// <param name="flipZ">Reverse index axis 2.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> is null.</exception>
    public static Volume<T> Flip<T>(Volume<T> volume, bool flipX, bool flipY, bool flipZ, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(volume);
        return Reorder(volume, [0, 1, 2], [flipX, flipY, flipZ], execution);
    }

    /// <summary><see cref="Flip{T}"/> for a volume of any voxel type; the voxel type is kept.</summary>
    /// <param name="volume">The input volume, any voxel type.</param>
    /// <param name="flipX">Reverse index axis 0.</param>
    /// <param name="flipY">Reverse index axis 1.</param>
    /// <param name="flipZ">Reverse index axis 2.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <returns>The flipped volume; every voxel keeps its LPS position and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> is null.</exception>
    public static Volume Flip(Volume volume, bool flipX, bool flipY, bool flipZ, ExecutionOptions? execution = null) =>
        VolumeDispatch.Accept(volume, new ReorderVisitor([0, 1, 2], [flipX, flipY, flipZ], execution));

    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentException">The order is not a permutation of 0, 1, 2.</exception>
    private static void CheckPermutation(int[] order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Length != 3 || order.Distinct().Count() != 3 || order.Any(a => a is < 0 or > 2))
        {
            throw new ArgumentException($"axis order [{string.Join(", ", order)}] must be a permutation of 0, 1, 2", nameof(order));
        }
    }

    /// <summary>Axis order and flips that take a direction to the target code.</summary>
    private static (int[] Order, bool[] Flip) Plan(Mat3 direction, OrientationCode target)
    {
        string current = OrientationCode.FromDirection(direction).Code;
        var order = new int[3];
        var flip = new bool[3];
        for (int j = 0; j < 3; j++)
        {
            char want = target.Code[j];
            int i = current.IndexOfAny(Opposites(want));
            order[j] = i;
            flip[j] = current[i] != want;
        }

        return (order, flip);
    }

    private static char[] Opposites(char letter) => letter switch
    {
        'L' or 'R' => ['L', 'R'],
        'P' or 'A' => ['P', 'A'],
        _ => ['S', 'I'],
    };

    /// <summary>Output axis j = input axis order[j], reversed when flip[j]; world positions kept.</summary>
    internal static Volume<T> Reorder<T>(Volume<T> volume, int[] order, bool[] flip, ExecutionOptions? execution)
        where T : unmanaged, INumber<T>
    {
        VolumeGeometry g = volume.Geometry;
        Size3 n = g.Size;
        long[] inputStride = [1, n.X, (long)n.X * n.Y];
        var size = new int[3];
        var stride = new long[3];
        var first = new double[3];
        long start = 0;
        var columns = new Vec3[3];
        var spacing = new double[3];
        for (int j = 0; j < 3; j++)
        {
            int i = order[j];
            size[j] = n[i];
            spacing[j] = g.Spacing[i];
            columns[j] = flip[j] ? -g.Direction.Column(i) : g.Direction.Column(i);
            stride[j] = flip[j] ? -inputStride[i] : inputStride[i];
            if (flip[j])
            {
                start += (n[i] - 1) * inputStride[i];
                first[i] = n[i] - 1;
            }
        }

        var geometry = new VolumeGeometry(new Size3(size[0], size[1], size[2]), new Vec3(spacing[0], spacing[1], spacing[2]),
            g.TransformContinuousIndexToPhysicalPoint(new Vec3(first[0], first[1], first[2])),
            Mat3.FromColumns(columns[0], columns[1], columns[2]));
        var output = new Volume<T>(geometry);
        Memory<T> source = volume.Memory, target = output.Memory;
        Parallelism.For(size[2], 4, execution, (z0, z1) =>
        {
            ReadOnlySpan<T> from = source.Span;
            Span<T> to = target.Span;
            for (int z = z0; z < z1; z++)
            {
                for (int y = 0; y < size[1]; y++)
                {
                    long s = start + z * stride[2] + y * stride[1];
                    Span<T> row = to.Slice((z * size[1] + y) * size[0], size[0]);
                    if (stride[0] == 1)
                    {
                        from.Slice((int)s, size[0]).CopyTo(row);
                        continue;
                    }

                    for (int x = 0; x < row.Length; x++)
                    {
                        row[x] = from[(int)(s + x * stride[0])];
                    }
                }
            }
        });
        return output;
    }

    private sealed class ReorderVisitor(int[] order, bool[] flip, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => Reorder(volume, order, flip, execution);
    }
}
