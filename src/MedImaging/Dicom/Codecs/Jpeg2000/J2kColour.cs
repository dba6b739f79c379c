namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Inverse multiple-component transforms (T.800 Annex G: reversible RCT, irreversible ICT), DC level shift and the
/// store of reconstructed samples into the native little-endian interleaved frame.
/// </summary>
internal static class J2kColour
{
    /// <summary>Applies the inverse RCT (integer components) or ICT (float components) to components 0–2.</summary>
    public static void Inverse(int[][] ints, float[][] floats, J2kTileComponent[] components)
    {
        bool reversible = components[0].Style.Reversible;
        if (components[1].Style.Reversible != reversible || components[2].Style.Reversible != reversible
            || components[1].Width != components[0].Width || components[2].Width != components[0].Width)
        {
            throw new InvalidDataException("the colour transform needs three components with the same wavelet and size");
        }

        if (reversible)
        {
            int[] y = ints[0], cb = ints[1], cr = ints[2];
            for (int i = 0; i < y.Length; i++)
            {
                int g = y[i] - ((cb[i] + cr[i]) >> 2);
                y[i] = cr[i] + g;
                cr[i] = cb[i] + g;
                cb[i] = g;
            }

            return;
        }

        float[] fy = floats[0], fcb = floats[1], fcr = floats[2];
        for (int i = 0; i < fy.Length; i++)
        {
            float l = fy[i], u = fcb[i], v = fcr[i];
            fy[i] = l + (1.402f * v);
            fcb[i] = l - (0.34413f * u) - (0.71414f * v);
            fcr[i] = l + (1.772f * u);
        }
    }

    /// <summary>Level-shifts, clamps and writes one tile's components at (<paramref name="x0"/>, <paramref name="y0"/>) of the frame.</summary>
    public static void Store(int[][] ints, float[][] floats, J2kImageSize size, DicomFrameInfo frame, Span<byte> destination, int x0, int y0, int w, int h)
    {
        int spp = frame.SamplesPerPixel;
        int bytes = frame.BytesPerSample;
        for (int c = 0; c < spp; c++)
        {
            J2kComponentSize comp = size.Components[c];
            int shift = comp.IsSigned ? 0 : 1 << (comp.Precision - 1);
            int min = comp.IsSigned ? -(1 << (comp.Precision - 1)) : 0;
            int max = comp.IsSigned ? (1 << (comp.Precision - 1)) - 1 : (1 << comp.Precision) - 1;
            int[]? iv = ints[c];
            float[]? fv = floats[c];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int i = (y * w) + x;
                    int v = iv is not null ? iv[i] : (int)MathF.Round(fv![i]);
                    v = Math.Clamp(v + shift, min, max);
                    long at = ((((long)(y0 + y) * frame.Columns) + x0 + x) * spp) + c;
                    if (bytes == 1)
                    {
                        destination[(int)at] = (byte)v;
                    }
                    else
                    {
                        destination[(int)(at * 2)] = (byte)v;
                        destination[(int)(at * 2) + 1] = (byte)(v >> 8);
                    }
                }
            }
        }
    }
}
