namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Upsampling as IJG libjpeg 6b does it by default ("fancy" triangle upsampling for 2:1 factors, replication
/// otherwise), so subsampled colour results match libjpeg-based decoders.
/// </summary>
internal static class JpegColor
{
    /// <summary>The component's samples at full resolution, width × height, row-major.</summary>
    public static int[] Upsample(JpegComponent c, int width, int height, int maxH, int maxV)
    {
        int cw = ((width * c.H) + maxH - 1) / maxH;
        int ch = ((height * c.V) + maxV - 1) / maxV;
        int fx = maxH / c.H;
        int fy = maxV / c.V;
        int[] result = new int[width * height];
        if (fx == 1 && fy == 1)
        {
            for (int y = 0; y < height; y++)
            {
                Array.Copy(c.Plane, y * c.PlaneWidth, result, y * width, width);
            }

            return result;
        }

        if (fx == 2 && fy <= 2 && cw >= 2)
        {
            FancyUpsample(c, cw, ch, fy, width, height, result);
            return result;
        }

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                result[(y * width) + x] = c.Plane[((y / fy) * c.PlaneWidth) + (x / fx)];
            }
        }

        return result;
    }

    private static void FancyUpsample(JpegComponent c, int cw, int ch, int fy, int width, int height, int[] result)
    {
        int[] row = new int[cw * 2];
        for (int y = 0; y < height; y++)
        {
            int sy = y / fy;
            if (fy == 1)
            {
                H2V1(c.Plane.AsSpan(sy * c.PlaneWidth, cw), row);
            }
            else
            {
                int near = (y & 1) == 0 ? Math.Max(sy - 1, 0) : Math.Min(sy + 1, ch - 1);
                H2V2(c.Plane.AsSpan(sy * c.PlaneWidth, cw), c.Plane.AsSpan(near * c.PlaneWidth, cw), row);
            }

            Array.Copy(row, 0, result, y * width, width);
        }
    }

    private static void H2V1(ReadOnlySpan<int> input, int[] output)
    {
        int n = input.Length;
        output[0] = input[0];
        output[1] = ((input[0] * 3) + input[1] + 2) >> 2;
        for (int i = 1; i < n - 1; i++)
        {
            int v = input[i] * 3;
            output[2 * i] = (v + input[i - 1] + 1) >> 2;
            output[(2 * i) + 1] = (v + input[i + 1] + 2) >> 2;
        }

        output[(2 * n) - 2] = ((input[n - 1] * 3) + input[n - 2] + 1) >> 2;
        output[(2 * n) - 1] = input[n - 1];
    }

    /// <summary>One output row of 2×2 upsampling from its source row and the nearer neighbouring source row.</summary>
    private static void H2V2(ReadOnlySpan<int> current, ReadOnlySpan<int> near, int[] output)
    {
        int n = current.Length;
        int thisSum = (current[0] * 3) + near[0];
        int nextSum = (current[1] * 3) + near[1];
        output[0] = ((thisSum * 4) + 8) >> 4;
        output[1] = ((thisSum * 3) + nextSum + 7) >> 4;
        int lastSum = thisSum;
        thisSum = nextSum;
        for (int i = 1; i < n - 1; i++)
        {
            nextSum = (current[i + 1] * 3) + near[i + 1];
            output[2 * i] = ((thisSum * 3) + lastSum + 8) >> 4;
            output[(2 * i) + 1] = ((thisSum * 3) + nextSum + 7) >> 4;
            lastSum = thisSum;
            thisSum = nextSum;
        }

        output[(2 * n) - 2] = ((thisSum * 3) + lastSum + 8) >> 4;
        output[(2 * n) - 1] = ((thisSum * 4) + 7) >> 4;
    }
}
