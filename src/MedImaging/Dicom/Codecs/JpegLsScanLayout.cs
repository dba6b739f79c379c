namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Where one JPEG-LS scan's decoded samples go in the native frame (little-endian, interleaved samples).
/// </summary>
/// <param name="Width">Samples per line (X).</param>
/// <param name="Height">Lines (Y).</param>
/// <param name="InterleaveMode">ILV: 0 one component per scan, 1 line interleaved, 2 sample interleaved.</param>
/// <param name="Components">Frame component index of each scan component.</param>
/// <param name="FrameComponents">Components (samples per pixel) of the frame.</param>
/// <param name="BytesPerSample">1 or 2.</param>
/// <param name="PointTransform">Pt of the scan header: decoded values are shifted left by it.</param>
/// <param name="RestartInterval">Lines between restart markers (0 = none).</param>
internal readonly record struct JpegLsScanLayout(
    int Width, int Height, int InterleaveMode, int[] Components, int FrameComponents, int BytesPerSample, int PointTransform, int RestartInterval)
{
    /// <summary>Writes line <paramref name="y"/> of every scan component (at 1..Width of each stride-long row).</summary>
    public void WriteLine(ReadOnlySpan<int> lines, int stride, int y, Span<byte> output)
    {
        int rows = InterleaveMode == 0 ? 1 : Components.Length;
        int pixelBytes = FrameComponents * BytesPerSample;
        int lineStart = y * Width * pixelBytes;
        for (int c = 0; c < rows; c++)
        {
            ReadOnlySpan<int> line = lines.Slice((c * stride) + 1, Width);
            Span<byte> target = output[(lineStart + (Components[c] * BytesPerSample))..];
            if (BytesPerSample == 1)
            {
                for (int x = 0; x < line.Length; x++)
                {
                    target[x * pixelBytes] = (byte)(line[x] << PointTransform);
                }
            }
            else
            {
                for (int x = 0; x < line.Length; x++)
                {
                    int value = line[x] << PointTransform;
                    int at = x * pixelBytes;
                    target[at] = (byte)value;
                    target[at + 1] = (byte)(value >> 8);
                }
            }
        }
    }
}
