namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Sequential DCT JPEG with Huffman coding: baseline (process 1, 8-bit) and extended (process 2/4, 8/12-bit),
/// interleaved and single-component scans, restart intervals (T.81 Annex F).
/// </summary>
internal static class JpegDct
{
    /// <summary>Decodes one scan into the components' planes (padded to whole MCUs).</summary>
    public static int DecodeScan(JpegFrame frame, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data, int position)
    {
        (List<JpegComponent> components, _, _, _) = frame.ReadScanHeader(header);
        int maxH = frame.MaxH;
        int maxV = frame.MaxV;
        int mcusX = (frame.Width + (8 * maxH) - 1) / (8 * maxH);
        int mcusY = (frame.Height + (8 * maxV) - 1) / (8 * maxV);
        foreach (JpegComponent c in frame.Components.Where(c => c.Plane.Length == 0))
        {
            c.PlaneWidth = mcusX * c.H * 8;
            c.PlaneHeight = mcusY * c.V * 8;
            c.Plane = new int[c.PlaneWidth * c.PlaneHeight];
        }

        var reader = new JpegBitReader(data, position);
        int[] coefficients = new int[64];
        int[] predictors = new int[components.Count];
        int restart = frame.RestartInterval;
        int mcu = 0;
        if (components.Count == 1)
        {
            JpegComponent c = components[0];
            int blocksX = ((((frame.Width * c.H) + maxH - 1) / maxH) + 7) / 8;
            int blocksY = ((((frame.Height * c.V) + maxV - 1) / maxV) + 7) / 8;
            for (int by = 0; by < blocksY; by++)
            {
                for (int bx = 0; bx < blocksX; bx++)
                {
                    RestartIfDue(ref reader, restart, ref mcu, predictors);
                    DecodeBlock(frame, c, ref reader, ref predictors[0], coefficients, bx, by);
                }
            }

            return reader.Position;
        }

        for (int my = 0; my < mcusY; my++)
        {
            for (int mx = 0; mx < mcusX; mx++)
            {
                RestartIfDue(ref reader, restart, ref mcu, predictors);
                for (int ci = 0; ci < components.Count; ci++)
                {
                    JpegComponent c = components[ci];
                    for (int v = 0; v < c.V; v++)
                    {
                        for (int h = 0; h < c.H; h++)
                        {
                            DecodeBlock(frame, c, ref reader, ref predictors[ci], coefficients, (mx * c.H) + h, (my * c.V) + v);
                        }
                    }
                }
            }
        }

        return reader.Position;
    }

    private static void RestartIfDue(ref JpegBitReader reader, int restart, ref int mcu, int[] predictors)
    {
        if (restart > 0 && mcu > 0 && mcu % restart == 0)
        {
            reader.Restart();
            Array.Clear(predictors);
        }

        mcu++;
    }

    private static void DecodeBlock(JpegFrame frame, JpegComponent c, ref JpegBitReader reader, ref int predictor, int[] coefficients, int bx, int by)
    {
        int[] quant = frame.Quant[c.QuantTable] ?? throw new JpegDataException($"quantisation table {c.QuantTable} used but not defined");
        JpegHuffmanTable dc = frame.Dc(c.DcTable);
        JpegHuffmanTable ac = frame.Ac(c.AcTable);
        Array.Clear(coefficients);
        int size = dc.Decode(ref reader);
        predictor += reader.Receive(size);
        coefficients[0] = predictor * quant[0];
        for (int k = 1; k < 64;)
        {
            int rs = ac.Decode(ref reader);
            int run = rs >> 4;
            int bits = rs & 15;
            if (bits == 0)
            {
                if (run != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            if (k > 63)
            {
                throw new JpegDataException("AC coefficient index past 63");
            }

            int natural = JpegIdct.ZigZag[k];
            coefficients[natural] = reader.Receive(bits) * quant[natural];
            k++;
        }

        if ((bx * 8) + 8 <= c.PlaneWidth && (by * 8) + 8 <= c.PlaneHeight)
        {
            JpegIdct.Inverse(coefficients, frame.Precision, c.Plane, (by * 8 * c.PlaneWidth) + (bx * 8), c.PlaneWidth);
        }
    }
}
