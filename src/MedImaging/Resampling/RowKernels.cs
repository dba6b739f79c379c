using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedImaging.Resampling;

/// <summary>
/// The SIMD row kernels of separable resampling and prefiltering. Each works on whole rows of doubles, one
/// <see cref="Vector{T}"/> of consecutive samples per step (lane k holds sample i + k), with a scalar loop for the
/// tail shorter than one vector. No fused multiply-add is used, so each lane computes exactly what the
/// <c>…Scalar</c> twin computes: results are bit-identical with or without hardware intrinsics.
/// </summary>
internal static class RowKernels
{
    /// <summary><c>dst[i] += s · src[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(Span<double> dst, ReadOnlySpan<double> src, double s)
    {
        Require(src.Length >= dst.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<double>.Count)
        {
            ref double d = ref MemoryMarshal.GetReference(dst);
            ref double a = ref MemoryMarshal.GetReference(src);
            var vs = new Vector<double>(s);
            for (; i <= dst.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> v = Vector.LoadUnsafe(ref d, (nuint)i) + vs * Vector.LoadUnsafe(ref a, (nuint)i);
                v.StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < dst.Length; i++)
        {
            dst[i] += s * src[i];
        }
    }

    /// <summary>Scalar twin of <see cref="AddScaled"/>.</summary>
    internal static void AddScaledScalar(Span<double> dst, ReadOnlySpan<double> src, double s)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] += s * src[i];
        }
    }

    /// <summary>Mirror-boundary start of the anti-causal pass: <c>last[i] = z/(z²−1) · (z · previous[i] + last[i])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AntiCausalInit(Span<double> last, ReadOnlySpan<double> previous, double z)
    {
        Require(previous.Length >= last.Length);
        double c = z / (z * z - 1.0);
        int i = 0;
        if (Vector.IsHardwareAccelerated && last.Length >= Vector<double>.Count)
        {
            ref double l = ref MemoryMarshal.GetReference(last);
            ref double p = ref MemoryMarshal.GetReference(previous);
            var vc = new Vector<double>(c);
            var vz = new Vector<double>(z);
            for (; i <= last.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> v = vc * (vz * Vector.LoadUnsafe(ref p, (nuint)i) + Vector.LoadUnsafe(ref l, (nuint)i));
                v.StoreUnsafe(ref l, (nuint)i);
            }
        }

        for (; i < last.Length; i++)
        {
            last[i] = c * (z * previous[i] + last[i]);
        }
    }

    /// <summary>Scalar twin of <see cref="AntiCausalInit"/>.</summary>
    internal static void AntiCausalInitScalar(Span<double> last, ReadOnlySpan<double> previous, double z)
    {
        double c = z / (z * z - 1.0);
        for (int i = 0; i < last.Length; i++)
        {
            last[i] = c * (z * previous[i] + last[i]);
        }
    }

    /// <summary>One anti-causal step: <c>row[i] = z · (next[i] − row[i])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AntiCausalStep(Span<double> row, ReadOnlySpan<double> next, double z)
    {
        Require(next.Length >= row.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double n = ref MemoryMarshal.GetReference(next);
            var vz = new Vector<double>(z);
            for (; i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> v = vz * (Vector.LoadUnsafe(ref n, (nuint)i) - Vector.LoadUnsafe(ref r, (nuint)i));
                v.StoreUnsafe(ref r, (nuint)i);
            }
        }

        for (; i < row.Length; i++)
        {
            row[i] = z * (next[i] - row[i]);
        }
    }

    /// <summary>Scalar twin of <see cref="AntiCausalStep"/>.</summary>
    internal static void AntiCausalStepScalar(Span<double> row, ReadOnlySpan<double> next, double z)
    {
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = z * (next[i] - row[i]);
        }
    }

    /// <summary>
    /// ITK's linear step between two rows: <c>dst[i] = a[i] + (b[i] − a[i]) · t</c> (exact when a = b or t = 0, like
    /// ITK's <c>LinearInterpolateImageFunction</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Lerp(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double t, Span<double> dst)
    {
        Require(a.Length >= dst.Length && b.Length >= dst.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<double>.Count)
        {
            ref double pa = ref MemoryMarshal.GetReference(a);
            ref double pb = ref MemoryMarshal.GetReference(b);
            ref double pd = ref MemoryMarshal.GetReference(dst);
            var vt = new Vector<double>(t);
            for (; i <= dst.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> va = Vector.LoadUnsafe(ref pa, (nuint)i);
                Vector<double> v = va + (Vector.LoadUnsafe(ref pb, (nuint)i) - va) * vt;
                v.StoreUnsafe(ref pd, (nuint)i);
            }
        }

        for (; i < dst.Length; i++)
        {
            dst[i] = a[i] + (b[i] - a[i]) * t;
        }
    }

    /// <summary>Scalar twin of <see cref="Lerp"/>.</summary>
    internal static void LerpScalar(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double t, Span<double> dst)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = a[i] + (b[i] - a[i]) * t;
        }
    }

    /// <summary>
    /// Weighted sum of rows: <c>dst[i] = Σₖ weights[k] · source[offsets[k] + i]</c>, k in order (the B-spline
    /// combination along y or z).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedSum(ReadOnlySpan<double> source, ReadOnlySpan<int> offsets, ReadOnlySpan<double> weights, Span<double> dst)
    {
        int taps = offsets.Length;
        Require(taps >= 1 && weights.Length >= taps);
        foreach (int offset in offsets)
        {
            Require(offset >= 0 && (long)offset + dst.Length <= source.Length);
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<double>.Count)
        {
            ref double s = ref MemoryMarshal.GetReference(source);
            ref double pd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> acc = new Vector<double>(weights[0]) * Vector.LoadUnsafe(ref s, (nuint)(offsets[0] + i));
                for (int k = 1; k < taps; k++)
                {
                    acc += new Vector<double>(weights[k]) * Vector.LoadUnsafe(ref s, (nuint)(offsets[k] + i));
                }

                acc.StoreUnsafe(ref pd, (nuint)i);
            }
        }

        for (; i < dst.Length; i++)
        {
            dst[i] = WeightedSumAt(source, offsets, weights, i);
        }
    }

    /// <summary>Scalar twin of <see cref="WeightedSum"/>.</summary>
    internal static void WeightedSumScalar(ReadOnlySpan<double> source, ReadOnlySpan<int> offsets, ReadOnlySpan<double> weights, Span<double> dst)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = WeightedSumAt(source, offsets, weights, i);
        }
    }

    // The vector loops read without bounds checks, so every caller-supplied length is checked once up front.
    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new ArgumentException("row kernel spans are shorter than the destination");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WeightedSumAt(ReadOnlySpan<double> source, ReadOnlySpan<int> offsets, ReadOnlySpan<double> weights, int i)
    {
        double acc = weights[0] * source[offsets[0] + i];
        for (int k = 1; k < offsets.Length; k++)
        {
            acc += weights[k] * source[offsets[k] + i];
        }

        return acc;
    }
}
