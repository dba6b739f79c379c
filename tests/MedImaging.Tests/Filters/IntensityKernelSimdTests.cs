using System.Numerics;
using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

/// <summary>
/// Every vector kernel of the intensity filters against its scalar twin on every length 0…256 and start offset
/// 0…3, for every voxel type it supports. All comparisons are bit-exact: the integer kernels are exact, and the
/// float kernels do the same IEEE operations in the same order as their twins (windowing computes in double
/// lanes like the scalar functor; statistics emulate the accumulator lanes), so no tolerance is needed.
/// </summary>
[Category("Simd")]
public sealed class IntensityKernelSimdTests
{
    [Test]
    public void Cast_EveryTypePair_VectorMatchesScalar()
    {
        CastFrom<byte>();
        CastFrom<sbyte>();
        CastFrom<ushort>();
        CastFrom<short>();
        CastFrom<uint>();
        CastFrom<int>();
        CastFrom<float>();
        CastFrom<double>();
    }

    [Test]
    public void BinaryThreshold_EveryType_VectorMatchesScalar()
    {
        Threshold<byte>();
        Threshold<sbyte>();
        Threshold<ushort>();
        Threshold<short>();
        Threshold<uint>();
        Threshold<int>();
        Threshold<float>();
        Threshold<double>();
    }

    [Test]
    public void Clamp_EveryType_VectorMatchesScalar()
    {
        Clamp<byte>();
        Clamp<sbyte>();
        Clamp<ushort>();
        Clamp<short>();
        Clamp<uint>();
        Clamp<int>();
        Clamp<float>();
        Clamp<double>();
    }

    [Test]
    public void IntensityWindowing_VectorPaths_MatchScalarFunctor()
    {
        Window<byte, byte>();
        Window<sbyte, float>();
        Window<ushort, ushort>();
        Window<short, short>();
        Window<short, float>();
        Window<float, float>();
        Window<float, byte>();
        Window<int, int>();
        Window<double, double>();
        Window<short, byte>();
        Window<sbyte, sbyte>();
        Window<ushort, double>();
        Window<byte, int>();
        Window<short, uint>();
    }

    [Test]
    public void StatisticsMoments_IntegerTypes_VectorMatchesScalar()
    {
        IntegerMoments<byte>();
        IntegerMoments<sbyte>();
        IntegerMoments<ushort>();
        IntegerMoments<short>();
    }

    [Test]
    public void StatisticsMoments_FloatTypes_VectorMatchesScalarBitForBit()
    {
        RealMoments<float>();
        RealMoments<double>();
    }

    private static void CastFrom<TIn>()
        where TIn : unmanaged, INumber<TIn>
    {
        CastPair<TIn, byte>();
        CastPair<TIn, sbyte>();
        CastPair<TIn, ushort>();
        CastPair<TIn, short>();
        CastPair<TIn, uint>();
        CastPair<TIn, int>();
        CastPair<TIn, float>();
        CastPair<TIn, double>();
    }

    private static void CastPair<TIn, TOut>()
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        TIn[] data = IntensityTestData.Random<TIn>(260, 11);
        Compare<TIn, TOut>(data, CastKernel.Apply, CastKernel.ApplyScalar, $"cast {typeof(TIn).Name}->{typeof(TOut).Name}");
    }

    private static void Threshold<T>()
        where T : unmanaged, INumber<T>
    {
        T[] data = IntensityTestData.Random<T>(260, 12);
        T a = data[3], b = data[7];
        var kernel = new BinaryThresholdKernel<T>(T.Min(a, b), T.Max(a, b), 200, 7);
        Compare<T, byte>(data, kernel.Apply, kernel.ApplyScalar, $"threshold {typeof(T).Name}");
    }

    private static void Clamp<T>()
        where T : unmanaged, INumber<T>
    {
        T[] data = IntensityTestData.Random<T>(260, 13);
        T a = data[5], b = data[9];
        var kernel = new ClampKernel<T>(T.Min(a, b), T.Max(a, b));
        Compare<T, T>(data, kernel.Apply, kernel.ApplyScalar, $"clamp {typeof(T).Name}");
    }

    private static void Window<TIn, TOut>()
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        TIn[] data = IntensityTestData.Random<TIn>(260, 14);
        for (int i = 0; i < data.Length; i += 2)
        {
            data[i] = TIn.CreateSaturating(-40 + i * 37 % 160 + i % 3 * 0.37); // every other voxel near the window
        }

        TIn low = TIn.CreateTruncating(-20), high = TIn.CreateTruncating(100);
        TOut outMin = TOut.CreateSaturating(3), outMax = TOut.CreateSaturating(253);
        // Windowing (its own factor, no clamp), and RescaleIntensity's form (explicit factor, clamped output).
        var window = new IntensityWindowingKernel<TIn, TOut>(low, high, outMin, outMax, clampOutput: false);
        Compare<TIn, TOut>(data, window.Apply, window.ApplyScalar, $"window {typeof(TIn).Name}->{typeof(TOut).Name}");
        var rescale = new IntensityWindowingKernel<TIn, TOut>(low, high, outMin, outMax, clampOutput: true, 2.7);
        Compare<TIn, TOut>(data, rescale.Apply, rescale.ApplyScalar, $"rescale {typeof(TIn).Name}->{typeof(TOut).Name}");
    }

    private static void IntegerMoments<T>()
        where T : unmanaged, INumber<T>
    {
        T[] data = IntensityTestData.Random<T>(260, 15);
        foreach ((int length, int offset) in IntensityTestData.SimdGrid())
        {
            ReadOnlySpan<T> span = data.AsSpan(offset, length);
            var vector = MedImaging.Filters.IntegerMoments.Compute(span);
            var scalar = MedImaging.Filters.IntegerMoments.ComputeScalar(span);
            if (vector != scalar)
            {
                Assert.Fail($"{typeof(T).Name} length {length} offset {offset}: expected {scalar}, got {vector}");
            }
        }
    }

    private static void RealMoments<T>()
        where T : unmanaged, INumber<T>
    {
        foreach (T[] data in new[] { IntensityTestData.Random<T>(260, 16), IntensityTestData.RandomFinite<T>(260, 17) })
        {
            foreach ((int length, int offset) in IntensityTestData.SimdGrid())
            {
                ReadOnlySpan<T> span = data.AsSpan(offset, length);
                var vector = MedImaging.Filters.RealMoments.Compute(span);
                var scalar = MedImaging.Filters.RealMoments.ComputeScalar(span);
                if (!(SameBits(scalar.Minimum, vector.Minimum) && SameBits(scalar.Maximum, vector.Maximum)
                    && SameBits(scalar.Sum, vector.Sum) && SameBits(scalar.SumOfSquares, vector.SumOfSquares)))
                {
                    Assert.Fail($"{typeof(T).Name} length {length} offset {offset}: expected {scalar}, got {vector}");
                }
            }
        }
    }

    private static void Compare<TIn, TOut>(TIn[] data, SpanMap<TIn, TOut> vector, SpanMap<TIn, TOut> scalar, string what)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        var expected = new TOut[256];
        var actual = new TOut[256];
        foreach ((int length, int offset) in IntensityTestData.SimdGrid())
        {
            Array.Fill(expected, TOut.CreateTruncating(42));
            Array.Fill(actual, TOut.CreateTruncating(42));
            scalar(data.AsSpan(offset, length), expected.AsSpan(0, length));
            vector(data.AsSpan(offset, length), actual.AsSpan(0, length));
            for (int i = 0; i < expected.Length; i++)
            {
                double e = double.CreateTruncating(expected[i]), a = double.CreateTruncating(actual[i]);
                if (!SameBits(e, a))
                {
                    Assert.Fail($"{what}, length {length}, offset {offset}, element {i}, input {(i < length ? data[offset + i] : default)}: expected {e}, got {a}");
                }
            }
        }
    }

    /// <summary>Identical doubles (the sign of zero included); any NaN matches any NaN, since payloads are not specified.</summary>
    private static bool SameBits(double expected, double actual) =>
        (double.IsNaN(expected) && double.IsNaN(actual)) || BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(expected);
}
