using System.Numerics;
using MedImaging.Resampling;

namespace MedImaging.Tests.Resampling;

/// <summary>
/// Each vectorised kernel against its scalar twin on every length 0..4×lanes+3 and start offsets 0..3. No kernel
/// fuses multiply-add, so lanes compute exactly the scalar arithmetic: the comparisons are bit-exact.
/// </summary>
[TestFixture]
[Category("Simd")]
public class RowKernelsSimdTests
{
    private static readonly int MaxLength = 4 * Vector<double>.Count + 3;

    private static double[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextDouble() * 2000 - 1000;
        }

        return values;
    }

    private static IEnumerable<(int Length, int Offset)> Cases()
    {
        for (int length = 0; length <= MaxLength; length++)
        {
            for (int offset = 0; offset <= 3; offset++)
            {
                yield return (length, offset);
            }
        }
    }

    [Test]
    public void AddScaled_MatchesScalar()
    {
        foreach ((int length, int offset) in Cases())
        {
            double[] src = Random(length + offset, 1), a = Random(length + offset, 2), b = (double[])a.Clone();
            RowKernels.AddScaled(a.AsSpan(offset, length), src.AsSpan(offset), -0.2679);
            RowKernels.AddScaledScalar(b.AsSpan(offset, length), src.AsSpan(offset), -0.2679);
            Assert.That(a, Is.EqualTo(b), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void AntiCausalKernels_MatchScalar()
    {
        foreach ((int length, int offset) in Cases())
        {
            double[] other = Random(length + offset, 3), a = Random(length + offset, 4), b = (double[])a.Clone();
            RowKernels.AntiCausalInit(a.AsSpan(offset, length), other.AsSpan(offset), -0.1716);
            RowKernels.AntiCausalInitScalar(b.AsSpan(offset, length), other.AsSpan(offset), -0.1716);
            RowKernels.AntiCausalStep(a.AsSpan(offset, length), other.AsSpan(offset), -0.1716);
            RowKernels.AntiCausalStepScalar(b.AsSpan(offset, length), other.AsSpan(offset), -0.1716);
            Assert.That(a, Is.EqualTo(b), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void Lerp_MatchesScalar()
    {
        foreach ((int length, int offset) in Cases())
        {
            double[] x = Random(length + offset, 5), y = Random(length + offset, 6);
            var a = new double[length];
            var b = new double[length];
            RowKernels.Lerp(x.AsSpan(offset), y.AsSpan(offset), 0.37, a);
            RowKernels.LerpScalar(x.AsSpan(offset), y.AsSpan(offset), 0.37, b);
            Assert.That(a, Is.EqualTo(b), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void WeightedSum_MatchesScalar()
    {
        double[] weights = [0.01, 0.2, 0.6, 0.15, 0.04];
        foreach ((int length, int offset) in Cases())
        {
            double[] source = Random(5 * (length + 4) + offset, 7);
            int[] offsets = [offset, offset + length + 1, offset + 2 * length + 3, offset + 3 * length, offset + 4 * length + 2];
            var a = new double[length];
            var b = new double[length];
            RowKernels.WeightedSum(source, offsets, weights, a);
            RowKernels.WeightedSumScalar(source, offsets, weights, b);
            Assert.That(a, Is.EqualTo(b), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void ToInt16_MatchesScalar_IncludingTiesRangeAndNaN()
    {
        foreach ((int length, int offset) in Cases())
        {
            double[] values = Random(length + offset, 9);
            for (int i = 0; i < values.Length; i++)
            {
                // Every fourth value a tie, a few beyond the int16 range, one NaN.
                values[i] = (i % 4) switch { 0 => Math.Floor(values[i]) + 0.5, 1 => values[i] * 40, _ => values[i] };
            }

            if (values.Length > 5)
            {
                values[5] = double.NaN;
            }

            foreach (bool round in new[] { true, false })
            {
                var a = new short[length];
                var b = new short[length];
                VoxelConversion.ToInt16(values.AsSpan(offset, length), a, round);
                VoxelConversion.ToInt16Scalar(values.AsSpan(offset, length), b, round);
                Assert.That(a, Is.EqualTo(b), $"length {length}, offset {offset}, round {round}");
            }
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void SixteenBitToDouble_MatchesScalar_IncludingExtremes(bool signed)
    {
        foreach ((int length, int offset) in Cases())
        {
            var random = new Random(length * 7 + offset);
            var values = new short[length + offset];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 5) switch { 0 => short.MinValue, 1 => short.MaxValue, 2 => -1, _ => (short)random.Next(short.MinValue, short.MaxValue + 1) };
            }

            var a = new double[length];
            var b = new double[length];
            VoxelConversion.SixteenBitToDouble(values.AsSpan(offset, length), a, signed);
            VoxelConversion.SixteenBitToDoubleScalar(values.AsSpan(offset, length), b, signed);
            Assert.That(a, Is.EqualTo(b), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void ToDouble_SixteenBitTypes_AreExact()
    {
        short[] signed = [short.MinValue, -1, 0, 1, short.MaxValue, 12345, -12345, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, -2];
        ushort[] unsigned = [0, 1, ushort.MaxValue, 32768, 32767, 40000, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 65534];
        var a = new double[signed.Length];
        var b = new double[unsigned.Length];
        VoxelConversion.ToDouble<short>(signed, a);
        VoxelConversion.ToDouble<ushort>(unsigned, b);
        Assert.That(a, Is.EqualTo(signed.Select(v => (double)v)));
        Assert.That(b, Is.EqualTo(unsigned.Select(v => (double)v)));
        Assert.Throws<ArgumentException>(() => VoxelConversion.ToDouble<short>(signed, new double[3]));
    }

    [Test]
    public void ToInt16_Scalar_RoundsHalfAwayClampsAndTruncates()
    {
        double[] values = [2.5, -2.5, 1.49, -1.51, 40000, -40000, double.NaN, 0.5];
        var rounded = new short[values.Length];
        var truncated = new short[values.Length];
        VoxelConversion.ToInt16Scalar(values, rounded, round: true);
        VoxelConversion.ToInt16Scalar(values, truncated, round: false);
        Assert.That(rounded, Is.EqualTo(new short[] { 3, -3, 1, -2, 32767, -32768, 0, 1 }));
        Assert.That(truncated, Is.EqualTo(new short[] { 2, -2, 1, -1, 32767, -32768, 0, 0 }));
    }

    [Test]
    public void WeightedSum_OffsetPastSource_Throws()
    {
        var a = new double[8];
        Assert.Throws<ArgumentException>(() => RowKernels.WeightedSum(new double[10], [0, 3], [0.5, 0.5], a));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void PrefilterRows_MatchesLineByLineScalar(int order)
    {
        double[] poles = BSplineKernel.Poles(order);

        // Short lines use the full mirror initialisation, long ones the truncated causal sum (ITK's horizon).
        foreach (int count in new[] { 2, 3, 7, 40 })
        {
            for (int width = 0; width <= MaxLength; width++)
            {
                int stride = width + 3;
                double[] a = Random(count * stride, 8 + width), b = (double[])a.Clone();
                BSplinePrefilter.PrefilterRows(a, count, stride, width, poles, new double[width]);
                BSplinePrefilter.PrefilterRowsScalar(b, count, stride, width, poles);
                Assert.That(a, Is.EqualTo(b), $"order {order}, count {count}, width {width}");
            }
        }
    }
}
