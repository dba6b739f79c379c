using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedImaging.Filters;

/// <summary>
/// Minimum and maximum (NaN ignored, IEEE minNumber/maxNumber) and the double-precision sum and sum of squares
/// of float32/float64 voxels, accumulated in a fixed lane order so the result is the same on every machine.
/// </summary>
internal readonly record struct RealMoments(double Minimum, double Maximum, double Sum, double SumOfSquares)
{
    /// <summary>The identity of <see cref="Combine"/>.</summary>
    public static RealMoments Empty { get; } = new(double.PositiveInfinity, double.NegativeInfinity, 0, 0);

    /// <summary>Moments of two consecutive blocks, <paramref name="a"/> first (sums added in block order).</summary>
    public static RealMoments Combine(RealMoments a, RealMoments b) =>
        new(double.MinNumber(a.Minimum, b.Minimum), double.MaxNumber(a.Maximum, b.Maximum), a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares);

    /// <summary>
    /// Each step loads one <see cref="Vector256{T}"/> (8 floats or 4 doubles; lane i = voxel i of the step); the
    /// voxels are widened to double and added to accumulator lanes: for float32, voxels 0–3 to vector A and 4–7
    /// to vector B; for float64, all four to A. At the end A + B is folded as ((l0 + l1) + l2) + l3 and the last
    /// <c>length mod lanes</c> voxels are added in order. <see cref="ComputeScalar{T}"/> follows the same order, so
    /// both give identical bits, with or without hardware vectors. Squares of float32 values are exact in double.
    /// </summary>
    internal static RealMoments Compute<T>(ReadOnlySpan<T> source)
        where T : unmanaged, INumber<T>
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return ComputeScalar(source);
        }

        ref T s = ref MemoryMarshal.GetReference(source);
        var min = Vector256.Create(T.CreateTruncating(double.PositiveInfinity));
        var max = Vector256.Create(T.CreateTruncating(double.NegativeInfinity));
        Vector256<double> sumA = Vector256<double>.Zero, sumB = Vector256<double>.Zero;
        Vector256<double> squaresA = Vector256<double>.Zero, squaresB = Vector256<double>.Zero;
        int lanes = Vector256<T>.Count;
        int i = 0;
        for (; i <= source.Length - lanes; i += lanes)
        {
            Vector256<T> x = Vector256.LoadUnsafe(ref s, (nuint)i);
            min = Vector256.MinNumber(min, x);
            max = Vector256.MaxNumber(max, x);
            if (typeof(T) == typeof(float))
            {
                (Vector256<double> low, Vector256<double> high) = Vector256.Widen(x.AsSingle());
                sumA += low;
                sumB += high;
                squaresA += low * low;
                squaresB += high * high;
            }
            else
            {
                Vector256<double> d = x.AsDouble();
                sumA += d;
                squaresA += d * d;
            }
        }

        double minimum = double.PositiveInfinity, maximum = double.NegativeInfinity;
        for (int lane = 0; lane < lanes; lane++)
        {
            minimum = double.MinNumber(minimum, double.CreateTruncating(min[lane]));
            maximum = double.MaxNumber(maximum, double.CreateTruncating(max[lane]));
        }

        var moments = new RealMoments(minimum, maximum, Fold(sumA + sumB), Fold(squaresA + squaresB));
        return AddInOrder(moments, source[i..]);
    }

    /// <summary>Scalar twin of <see cref="Compute{T}"/>, emulating its accumulator lanes one by one.</summary>
    internal static RealMoments ComputeScalar<T>(ReadOnlySpan<T> source)
        where T : unmanaged, INumber<T>
    {
        int lanes = Vector256<T>.Count;
        Span<double> sums = stackalloc double[8];
        Span<double> squares = stackalloc double[8];
        sums.Clear();
        squares.Clear();
        double minimum = double.PositiveInfinity, maximum = double.NegativeInfinity;
        int i = 0;
        for (; i <= source.Length - lanes; i += lanes)
        {
            for (int lane = 0; lane < lanes; lane++)
            {
                double x = double.CreateTruncating(source[i + lane]);
                minimum = double.MinNumber(minimum, x);
                maximum = double.MaxNumber(maximum, x);
                sums[lane] += x;
                squares[lane] += x * x;
            }
        }

        var moments = new RealMoments(minimum, maximum, FoldLanes(sums), FoldLanes(squares));
        return AddInOrder(moments, source[i..]);
    }

    private static RealMoments AddInOrder<T>(RealMoments moments, ReadOnlySpan<T> tail)
        where T : unmanaged, INumber<T>
    {
        (double minimum, double maximum, double sum, double squares) = moments;
        foreach (T value in tail)
        {
            double x = double.CreateTruncating(value);
            minimum = double.MinNumber(minimum, x);
            maximum = double.MaxNumber(maximum, x);
            sum += x;
            squares += x * x;
        }

        return new(minimum, maximum, sum, squares);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Fold(Vector256<double> v) => ((v[0] + v[1]) + v[2]) + v[3];

    /// <summary>Lanes 0–3 of A and B (B = lanes 4–7, zero for float64) folded exactly as <see cref="Fold"/>.</summary>
    private static double FoldLanes(Span<double> lanes) =>
        (((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + (lanes[2] + lanes[6])) + (lanes[3] + lanes[7]);
}
