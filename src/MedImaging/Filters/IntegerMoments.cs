using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedImaging.Filters;

/// <summary>Exact minimum, maximum, sum and sum of squares of integer voxels.</summary>
internal readonly record struct IntegerMoments(long Minimum, long Maximum, Int128 Sum, UInt128 SumOfSquares)
{
    /// <summary>The identity of <see cref="Combine"/>.</summary>
    public static IntegerMoments Empty { get; } = new(long.MaxValue, long.MinValue, 0, 0);

    /// <summary>Moments of the union of two sets of voxels (exact, so the order does not matter).</summary>
    public static IntegerMoments Combine(IntegerMoments a, IntegerMoments b) =>
        new(Math.Min(a.Minimum, b.Minimum), Math.Max(a.Maximum, b.Maximum), a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares);

    /// <summary>
    /// Moments of integer voxels; 8/16-bit types take the vector path, others the scalar twin. Each step widens 8 voxels to int32 lanes (lane i = voxel i); lanes keep the running
    /// minimum, maximum and sum, and each lane's square (≤ 2^32 − 1, exact as uint32) is widened to two uint64 lanes
    /// of a square-sum vector. Lane sums are flushed into a long every <see cref="FlushInterval"/> voxels, before an
    /// int32 lane could overflow (4 096 values of |x| ≤ 65 535 per lane). The last <c>length mod 8</c> voxels are
    /// added one by one. Integer arithmetic is exact, so the result equals <see cref="ComputeScalar{T}"/>'s.
    /// </summary>
    internal static IntegerMoments Compute<T>(ReadOnlySpan<T> source)
        where T : unmanaged, INumber<T>
    {
        if (!Int32Lanes.Supports<T>() || !Vector256.IsHardwareAccelerated)
        {
            return ComputeScalar(source);
        }

        ref T s = ref MemoryMarshal.GetReference(source);
        var min = Vector256.Create(int.MaxValue);
        var max = Vector256.Create(int.MinValue);
        Vector256<ulong> squares = Vector256<ulong>.Zero;
        long sum = 0;
        int i = 0;
        int vectorEnd = source.Length - source.Length % 8;
        while (i < vectorEnd)
        {
            int flushEnd = Math.Min(vectorEnd, i + FlushInterval);
            Vector256<int> partial = Vector256<int>.Zero;
            for (; i < flushEnd; i += 8)
            {
                Vector256<int> x = Int32Lanes.Load(ref Unsafe.Add(ref s, i));
                min = Vector256.Min(min, x);
                max = Vector256.Max(max, x);
                partial += x;
                (Vector256<ulong> low, Vector256<ulong> high) = Vector256.Widen((x * x).AsUInt32());
                squares += low + high;
            }

            sum += LaneSum(partial);
        }

        long scalarMin = long.MaxValue;
        long scalarMax = long.MinValue;
        ulong scalarSquares = Vector256.Sum(squares);
        for (int lane = 0; lane < Vector256<int>.Count && vectorEnd > 0; lane++)
        {
            scalarMin = Math.Min(scalarMin, min[lane]);
            scalarMax = Math.Max(scalarMax, max[lane]);
        }

        for (; i < source.Length; i++)
        {
            long x = long.CreateTruncating(Unsafe.Add(ref s, i));
            scalarMin = Math.Min(scalarMin, x);
            scalarMax = Math.Max(scalarMax, x);
            sum += x;
            scalarSquares += (ulong)(x * x);
        }

        return new(scalarMin, scalarMax, sum, scalarSquares);
    }

    /// <summary>Scalar twin of <see cref="Compute{T}"/>, for every integer voxel type (exact in Int128).</summary>
    internal static IntegerMoments ComputeScalar<T>(ReadOnlySpan<T> source)
        where T : unmanaged, INumber<T>
    {
        long min = long.MaxValue;
        long max = long.MinValue;
        Int128 sum = 0;
        UInt128 squares = 0;
        foreach (T value in source)
        {
            long x = long.CreateTruncating(value);
            min = Math.Min(min, x);
            max = Math.Max(max, x);
            sum += x;
            ulong magnitude = (ulong)Math.Abs(x); // ≤ 2^32 − 1 for 32-bit types, so its square fits a ulong
            squares += magnitude * magnitude;
        }

        return new(min, max, sum, squares);
    }

    /// <summary>Voxels per flush of the int32 lane sums (8 lanes × 4 096 values × 65 535 &lt; 2^31).</summary>
    private const int FlushInterval = 8 * 4096;

    private static long LaneSum(Vector256<int> v)
    {
        long total = 0;
        for (int lane = 0; lane < Vector256<int>.Count; lane++)
        {
            total += v[lane];
        }

        return total;
    }
}
