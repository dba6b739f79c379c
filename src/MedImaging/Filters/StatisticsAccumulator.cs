using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// <see cref="ImageFilters.Statistics(Volume, ExecutionOptions?)"/> of a volume seen in consecutive pieces (the slabs of
/// a <see cref="VolumeSlabSource"/>), with the same bits as over the whole volume: voxels are summed in the same fixed
/// <see cref="FlatLoop.BlockSize"/> blocks of the whole volume's voxel order (a block cut by a slab boundary is
/// completed from a carry buffer) and the blocks are folded in order.
/// </summary>
public sealed class StatisticsAccumulator
{
    private readonly ExecutionOptions? _execution;
    private PixelType? _type;
    private Array? _carry;
    private int _carried;
    private long _count;
    private RealMoments _real = RealMoments.Empty;
    private IntegerMoments _exact = IntegerMoments.Empty;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="execution">Threads and cancellation for the block sums; the result does not depend on the thread count.</param>
    public StatisticsAccumulator(ExecutionOptions? execution = null) => _execution = execution;

    /// <summary>Adds the voxels of <paramref name="piece"/>, which follow those added before (x fastest, then y, then z).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="piece"/> is null.</exception>
    /// <exception cref="ArgumentException">The piece's voxel type differs from the earlier pieces'.</exception>
    public void Add(Volume piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (_type is PixelType type && type != piece.PixelType)
        {
            throw new ArgumentException($"the piece holds {piece.PixelType.ToName()}, earlier pieces {type.ToName()}", nameof(piece));
        }

        _type = piece.PixelType;
        piece.Accept(new AddVisitor(this));
    }

    /// <summary>The statistics of every voxel added so far (at least one).</summary>
    /// <exception cref="InvalidOperationException">Nothing was added.</exception>
    public StatisticsResult Result() => _type switch
    {
        null => throw new InvalidOperationException("no voxels were added"),
        _ => _type.Value switch
        {
            PixelType.UInt8 => Finish<byte>(),
            PixelType.Int8 => Finish<sbyte>(),
            PixelType.UInt16 => Finish<ushort>(),
            PixelType.Int16 => Finish<short>(),
            PixelType.UInt32 => Finish<uint>(),
            PixelType.Int32 => Finish<int>(),
            PixelType.Float32 => Finish<float>(),
            _ => Finish<double>(),
        },
    };

    private static bool IsReal<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private void Add<T>(Volume<T> piece)
        where T : unmanaged, INumber<T>
    {
        const int Block = FlatLoop.BlockSize;
        Memory<T> voxels = piece.Memory;
        int offset = 0;
        if (_carried > 0)
        {
            T[] carry = (T[])_carry!;
            offset = Math.Min(Block - _carried, voxels.Length);
            voxels.Span[..offset].CopyTo(carry.AsSpan(_carried));
            _carried += offset;
            if (_carried == Block)
            {
                Fold<T>(carry);
                _carried = 0;
            }
        }

        int full = (voxels.Length - offset) / Block * Block;
        Memory<T> blocks = voxels.Slice(offset, full);
        if (IsReal<T>())
        {
            _real = Parallelism.Reduce(full, Block, _execution,
                (start, end) => RealMoments.Compute<T>(blocks.Span[(int)start..(int)end]), RealMoments.Combine, _real);
        }
        else
        {
            _exact = Parallelism.Reduce(full, Block, _execution,
                (start, end) => IntegerMoments.Compute<T>(blocks.Span[(int)start..(int)end]), IntegerMoments.Combine, _exact);
        }

        Span<T> rest = voxels.Span[(offset + full)..];
        if (rest.Length > 0)
        {
            _carry ??= GC.AllocateUninitializedArray<T>(Block);
            rest.CopyTo(((T[])_carry).AsSpan(_carried));
            _carried += rest.Length;
        }

        _count += voxels.Length;
    }

    private void Fold<T>(ReadOnlySpan<T> block)
        where T : unmanaged, INumber<T>
    {
        if (IsReal<T>())
        {
            _real = RealMoments.Combine(_real, RealMoments.Compute(block));
        }
        else
        {
            _exact = IntegerMoments.Combine(_exact, IntegerMoments.Compute(block));
        }
    }

    private StatisticsResult Finish<T>()
        where T : unmanaged, INumber<T>
    {
        long n = _count;
        ReadOnlySpan<T> tail = _carried > 0 ? ((T[])_carry!).AsSpan(0, _carried) : [];
        if (IsReal<T>())
        {
            RealMoments real = tail.Length > 0 ? RealMoments.Combine(_real, RealMoments.Compute(tail)) : _real;
            double mean = real.Sum / n;
            double variance = Math.Max(0, (real.SumOfSquares - real.Sum * real.Sum / n) / (n - 1));
            bool anyNumber = real.Minimum <= real.Maximum;
            return new(anyNumber ? real.Minimum : double.NaN, anyNumber ? real.Maximum : double.NaN, mean,
                Math.Sqrt(variance), variance, real.Sum, n);
        }

        IntegerMoments exact = tail.Length > 0 ? IntegerMoments.Combine(_exact, IntegerMoments.Compute(tail)) : _exact;
        Int128 numerator = (Int128)exact.SumOfSquares * n - exact.Sum * exact.Sum;
        double integerVariance = (double)numerator / ((double)n * (n - 1));
        return new(exact.Minimum, exact.Maximum, (double)exact.Sum / n, Math.Sqrt(integerVariance), integerVariance,
            (double)exact.Sum, n);
    }

    private sealed class AddVisitor(StatisticsAccumulator owner) : IVolumeVisitor<bool>
    {
        public bool Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            owner.Add(volume);
            return true;
        }
    }
}
