namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>The HT SigProp and MagRef passes (T.814 clause 7.4–7.5), one bit-plane below the cleanup pass.</summary>
internal sealed partial class J2kHtBlockDecoder
{
    private const byte CleanupSignificant = 1, Significant = 2;

    private readonly J2kHtForwardBits _sigProp = new();
    private readonly J2kHtReverseBits _magRef = new();
    private readonly List<int> _newlySignificant = [];
    private byte[] _state = [];

    /// <summary>Runs SigProp (and MagRef when <paramref name="magRef"/>) at bit-plane <paramref name="plane"/>.</summary>
    private void Refine(byte[] data, int start, int length, int plane, bool magRef, bool causal)
    {
        int stride = _width + 2;
        int cells = stride * (_height + 2);
        if (_state.Length < cells)
        {
            _state = new byte[cells];
        }

        Array.Clear(_state, 0, cells);
        for (int y = 0; y < _height; y++)
        {
            for (int x = 0; x < _width; x++)
            {
                if (_values[(y * _width) + x] != 0)
                {
                    _state[((y + 1) * stride) + x + 1] = CleanupSignificant | Significant;
                }
            }
        }

        // Both passes read the same refinement segment: SigProp forwards from its start (zero fill past the end),
        // MagRef backwards from its end; the standard fills both with zeros, so neither can run short.
        _sigProp.Start(data, start, length, 0);
        for (int y0 = 0; y0 < _height; y0 += 4)
        {
            for (int x0 = 0; x0 < _width; x0 += 4)
            {
                SigPropGroup(x0, y0, plane, causal);
            }
        }

        if (magRef)
        {
            _magRef.StartMagRef(data, start, start + length - 1);
            MagRefPass(plane);
        }
    }

    /// <summary>
    /// One group of four columns of a stripe: a significance bit for every insignificant sample with a significant
    /// neighbour (visited column by column, top to bottom), then the sign bits of the samples that became significant.
    /// </summary>
    private void SigPropGroup(int x0, int y0, int plane, bool causal)
    {
        int stride = _width + 2;
        int x1 = Math.Min(x0 + 4, _width), y1 = Math.Min(y0 + 4, _height);
        _newlySignificant.Clear();
        for (int x = x0; x < x1; x++)
        {
            for (int y = y0; y < y1; y++)
            {
                int cell = ((y + 1) * stride) + x + 1;
                if (_state[cell] == 0 && HasSignificantNeighbour(cell, causal && y == y0 + 3) && _sigProp.Read(1) == 1)
                {
                    _state[cell] = Significant;
                    _newlySignificant.Add((y * _width) + x);
                }
            }
        }

        int magnitude = 3 << plane;
        foreach (int index in _newlySignificant)
        {
            _values[index] = _sigProp.Read(1) == 1 ? -magnitude : magnitude;
        }
    }

    private bool HasSignificantNeighbour(int cell, bool ignoreBelow)
    {
        int stride = _width + 2;
        int around = _state[cell - stride - 1] | _state[cell - stride] | _state[cell - stride + 1] | _state[cell - 1] | _state[cell + 1];
        if (!ignoreBelow)
        {
            around |= _state[cell + stride - 1] | _state[cell + stride] | _state[cell + stride + 1];
        }

        return around != 0;
    }

    /// <summary>MagRef: one bit per sample significant after the cleanup pass, stripe by stripe, column by column.</summary>
    private void MagRefPass(int plane)
    {
        int stride = _width + 2;
        int step = 1 << plane;
        for (int y0 = 0; y0 < _height; y0 += 4)
        {
            int y1 = Math.Min(y0 + 4, _height);
            for (int x = 0; x < _width; x++)
            {
                for (int y = y0; y < y1; y++)
                {
                    if ((_state[((y + 1) * stride) + x + 1] & CleanupSignificant) == 0)
                    {
                        continue;
                    }

                    int index = (y * _width) + x;
                    int value = _values[index];
                    int refined = Math.Abs(value) + (_magRef.Read(1) == 1 ? step : -step);
                    _values[index] = value < 0 ? -refined : refined;
                }
            }
        }
    }
}
