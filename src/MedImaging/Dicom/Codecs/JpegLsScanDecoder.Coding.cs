using System.Runtime.CompilerServices;

namespace MedImaging.Dicom.Codecs;

/// <summary>The per-sample coding procedures of T.87: regular mode (A.4–A.6) and run mode (A.7).</summary>
internal ref partial struct JpegLsScanDecoder
{
    private const int MinC = -128;
    private const int MaxC = 127;

    // Regular-mode sample: context from the signed gradient index, bias-corrected prediction, Golomb-coded error,
    // then the context update of A.6.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeRegular(int context, int predicted)
    {
        int sign = 1;
        if (context < 0)
        {
            context = -context;
            sign = -1;
        }

        int px = predicted + (sign * _c[context]);
        px = px < 0 ? 0 : px > _maxVal ? _maxVal : px;
        int n = _n[context];
        int b = _b[context];
        int k = GolombOrder(n, _a[context]);
        int mapped = DecodeValue(k, _limit);
        int error = (mapped & 1) == 0 ? mapped >> 1 : -((mapped + 1) >> 1);
        if (_near == 0 && k == 0 && 2 * b <= -n)
        {
            // The encoder used the alternative mapping for contexts with a negative bias (A.5.2).
            error = -error - 1;
        }

        UpdateRegular(context, error, b, n);
        return Reconstruct(px, sign * error);
    }

    // A.6.1 (variables) and A.6.2 (bias correction).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdateRegular(int context, int error, int b, int n)
    {
        b += error * _step;
        long a = _a[context] + Math.Abs(error);
        if (n == _reset)
        {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }

        n++;
        int c = _c[context];
        if (b <= -n)
        {
            b += n;
            c = c > MinC ? c - 1 : c;
            b = b <= -n ? -n + 1 : b;
        }
        else if (b > 0)
        {
            b -= n;
            c = c < MaxC ? c + 1 : c;
            b = b > 0 ? 0 : b;
        }

        _a[context] = a;
        _b[context] = b;
        _c[context] = c;
        _n[context] = n;
    }

    // Adds the dequantised error to the prediction, undoes the modulo reduction, clamps to 0..MAXVAL (A.4.4).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Reconstruct(int predicted, int error)
    {
        int value = predicted + (error * _step);
        if (value < -_near)
        {
            value += _range * _step;
        }
        else if (value > _maxVal + _near)
        {
            value -= _range * _step;
        }

        return value < 0 ? 0 : value > _maxVal ? _maxVal : value;
    }

    // Golomb order: the smallest k with N·2^k ≥ A (A.5.1), bounded so corrupt statistics cannot overflow.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GolombOrder(long n, long a)
    {
        int k = 0;
        while ((n << k) < a && k < 30)
        {
            k++;
        }

        return k;
    }

    // Limited-length Golomb code (A.5.3): unary high part, k low bits, or an escape followed by qbpp bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeValue(int k, int limit)
    {
        int escape = limit - _qbpp - 1;
        int high = _reader.ReadUnary(escape);
        long value = high < escape ? ((long)high << k) + _reader.ReadBits(k) : _reader.ReadBits(_qbpp) + 1L;
        if (value > _maxMapped)
        {
            ThrowOutOfRange(value, _reader.Position);
        }

        return (int)value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(long value, int position) =>
        throw new JpegLsDataException($"a mapped prediction error of {value} exceeds the sample range near byte {position}");

    // Run length (A.7.1.2): 1 bits for full runs of 2^J[RUNindex] samples, then a 0 bit and J[RUNindex] bits for
    // the remainder unless the run reached the end of the line. Every iteration covers at least one sample.
    private int DecodeRunLength(int remaining, ref int runIndex)
    {
        int count = 0;
        while (_reader.ReadBit())
        {
            int full = 1 << J[runIndex];
            int take = Math.Min(full, remaining - count);
            count += take;
            if (take == full && runIndex < 31)
            {
                runIndex++;
            }

            if (count == remaining)
            {
                return count;
            }
        }

        count += _reader.ReadBits(J[runIndex]);
        return count <= remaining
            ? count
            : throw new JpegLsDataException($"a run of {count} samples is longer than the {remaining} left in the line near byte {_reader.Position}");
    }

    // Run-interruption sample of a single component (A.7.2): context 365 when Ra and Rb differ, 366 when equal.
    private int DecodeRunInterruption(int ra, int rb, int runIndex)
    {
        bool equal = Math.Abs(ra - rb) <= _near;
        int error = DecodeInterruptionError(equal ? 1 : 0, runIndex);
        return equal ? Reconstruct(ra, error) : Reconstruct(rb, ra > rb ? -error : error);
    }

    // In sample-interleaved scans every component of an interrupting pixel uses context 365 with Rb as prediction,
    // as CharLS (and therefore GDCM) codes it.
    private int DecodeRunInterruptionComponent(int ra, int rb, int runIndex)
    {
        int error = DecodeInterruptionError(0, runIndex);
        return Reconstruct(rb, rb < ra ? -error : error);
    }

    private int DecodeInterruptionError(int type, int runIndex)
    {
        int context = RegularContexts + type;
        int n = _n[context];
        long temp = _a[context] + (type == 1 ? n >> 1 : 0);
        int k = GolombOrder(n, temp);
        int mapped = DecodeValue(k, _limit - J[runIndex] - 1);
        int t = mapped + type;
        int map = t & 1;
        int magnitude = (t + map) >> 1;
        bool positiveWhenMapped = k == 0 && 2 * _nn[type] < n;
        int error = (map == 1) != positiveWhenMapped ? -magnitude : magnitude;
        if (error < 0)
        {
            _nn[type]++;
        }

        long a = _a[context] + ((mapped + 1 - type) >> 1);
        if (n == _reset)
        {
            a >>= 1;
            n >>= 1;
            _nn[type] >>= 1;
        }

        _a[context] = a;
        _n[context] = n + 1;
        return error;
    }
}
