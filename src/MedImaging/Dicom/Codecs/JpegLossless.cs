namespace MedImaging.Dicom.Codecs;

/// <summary>
/// JPEG lossless (process 14, T.81 Annex H): Huffman-coded differences from one of seven predictors, precision
/// 2–16 bits, point transform, restart intervals, interleaved or one-component scans.
/// </summary>
internal static class JpegLossless
{
    /// <summary>Decodes one lossless scan into the components' planes (allocated on first use).</summary>
    public static int DecodeScan(JpegFrame frame, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data, int position)
    {
        (List<JpegComponent> components, int predictor, _, int pointTransform) = frame.ReadScanHeader(header);
        if (predictor is < 1 or > 7)
        {
            throw new JpegDataException($"lossless predictor selection value {predictor} is not 1..7");
        }

        int width = frame.Width;
        int height = frame.Height;
        foreach (JpegComponent c in components)
        {
            if (c.H != 1 || c.V != 1)
            {
                throw new JpegDataException("subsampled components in lossless JPEG are not supported");
            }

            c.Plane = new int[width * height];
            c.PlaneWidth = width;
            c.PlaneHeight = height;
        }

        JpegHuffmanTable[] tables = [.. components.Select(c => frame.Dc(c.DcTable))];
        var reader = new JpegBitReader(data, position);
        int initial = 1 << (frame.Precision - pointTransform - 1);
        int restart = frame.RestartInterval;
        int sinceRestart = 0;
        bool firstLineOfInterval = true;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (restart > 0 && sinceRestart == restart)
                {
                    reader.Restart();
                    sinceRestart = 0;
                    firstLineOfInterval = true;
                }

                bool startOfInterval = sinceRestart == 0;
                for (int ci = 0; ci < components.Count; ci++)
                {
                    int[] plane = components[ci].Plane;
                    int at = (y * width) + x;
                    int prediction = startOfInterval ? initial
                        : firstLineOfInterval ? (x > 0 ? plane[at - 1] : plane[at - width])
                        : x == 0 ? plane[at - width]
                        : Predict(predictor, plane[at - 1], plane[at - width], plane[at - width - 1]);
                    int size = tables[ci].Decode(ref reader);
                    int difference = size == 16 ? 32768 : reader.Receive(size);
                    plane[at] = (prediction + difference) & 0xFFFF;
                }

                sinceRestart++;
            }

            // The first line of a restart interval ends once a whole row has been coded since the restart.
            if (firstLineOfInterval && (restart == 0 || sinceRestart >= width))
            {
                firstLineOfInterval = false;
            }
        }

        if (pointTransform > 0)
        {
            foreach (JpegComponent c in components)
            {
                for (int i = 0; i < c.Plane.Length; i++)
                {
                    c.Plane[i] = (c.Plane[i] << pointTransform) & 0xFFFF;
                }
            }
        }

        return reader.Position;
    }

    private static int Predict(int selection, int a, int b, int c) => selection switch
    {
        1 => a,
        2 => b,
        3 => c,
        4 => a + b - c,
        5 => a + ((b - c) >> 1),
        6 => b + ((a - c) >> 1),
        _ => (a + b) >> 1,
    };
}
