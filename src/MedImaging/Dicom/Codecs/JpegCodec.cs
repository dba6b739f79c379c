namespace MedImaging.Dicom.Codecs;

/// <summary>
/// Our pure-managed JPEG decoder for DICOM: baseline (1.2.840.10008.1.2.4.50), extended 8/12-bit (.51) and lossless
/// process 14 with any selection value (.57) or selection value 1 (.70), 2–16 bits. DCT decoding reproduces IJG
/// libjpeg's integer IDCT and upsampling. Components are returned as coded, without colour conversion, as GDCM and
/// DCMTK do for DICOM (the Photometric Interpretation says what they hold). A fragment that is no JPEG but has
/// exactly the native frame size (mislabelled uncompressed data, seen in the wild) is taken as native, as GDCM does.
/// </summary>
public sealed class JpegCodec : IDicomCodec
{
    /// <inheritdoc/>
    public IReadOnlyList<string> TransferSyntaxUids { get; } =
        ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"];

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (encoded.Length == destination.Length && !(encoded.Length >= 2 && encoded[0] == 0xFF && encoded[1] == 0xD8))
        {
            encoded.CopyTo(destination);
            return;
        }

        var jpeg = new JpegFrame { Expected = (frame.Columns, frame.Rows, frame.SamplesPerPixel) };
        try
        {
            jpeg.Parse(encoded, static (f, header, data, position) =>
                f.Process == 3 ? JpegLossless.DecodeScan(f, header, data, position) : JpegDct.DecodeScan(f, header, data, position));
            Write(jpeg, frame, destination);
        }
        catch (JpegDataException ex)
        {
            throw new DicomCodecException("1.2.840.10008.1.2.4.50", $"JPEG codestream: {ex.Message}", ex);
        }
    }

    private static void Write(JpegFrame jpeg, DicomFrameInfo frame, Span<byte> destination)
    {
        if (jpeg.Process < 0 || jpeg.Components.Any(c => c.Plane.Length == 0))
        {
            throw new JpegDataException("the codestream has no frame header or a component without scan data");
        }

        int width = jpeg.Width;
        int height = jpeg.Height;
        int[][] planes = jpeg.Process == 3
            ? [.. jpeg.Components.Select(c => c.Plane)]
            : [.. jpeg.Components.Select(c => JpegColor.Upsample(c, width, height, jpeg.MaxH, jpeg.MaxV))];
        int samples = planes.Length;
        int width8 = frame.BytesPerSample;
        for (int i = 0; i < width * height; i++)
        {
            for (int s = 0; s < samples; s++)
            {
                int value = planes[s][i];
                int at = ((i * samples) + s) * width8;
                destination[at] = (byte)value;
                if (width8 > 1)
                {
                    destination[at + 1] = (byte)(value >> 8);
                }
            }
        }
    }
}
