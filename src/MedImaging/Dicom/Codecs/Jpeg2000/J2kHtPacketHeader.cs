namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Codeword-segment lengths of HT code-blocks in a packet header (T.814 Annex B). The first contribution may start
/// with placeholder passes (whole HT sets the encoder skipped, three passes each, which lower the cleanup bit-plane by
/// one each); its cleanup segment length takes Lblock + ⌊log2(placeholders + 1)⌋ bits, and a following SigProp/MagRef
/// segment Lblock + ⌊log2(its passes)⌋ bits. A later layer may add the refinement passes of the same HT set.
/// </summary>
internal static class J2kHtPacketHeader
{
    /// <summary>Reads the segment lengths for <paramref name="passes"/> new passes of <paramref name="block"/>.</summary>
    public static void ReadLengths(J2kHeaderBits bits, J2kCodeBlock block, int passes, List<(J2kCodeBlock, int)> pending)
    {
        List<(int Length, int Passes)> segments = block.Segments;
        if (block.Passes == 0)
        {
            int placeholderSets = (passes - 1) / 3;
            int htPasses = passes - (3 * placeholderSets);
            int cleanup = bits.Bits(block.LengthBits + Log2((3 * placeholderSets) + 1));
            if (cleanup < 2 || cleanup > 65535)
            {
                throw new InvalidDataException($"HT cleanup segment length {cleanup} outside 2..65535 bytes");
            }

            // Placeholder sets are bit-planes the cleanup pass starts below, like extra zero bit-planes.
            block.ZeroBitPlanes += placeholderSets;
            segments.Add((cleanup, 1));
            pending.Add((block, cleanup));
            block.Passes = 1;
            passes = htPasses - 1;
            if (passes == 0)
            {
                return;
            }
        }

        if (block.Passes + passes > 3)
        {
            throw new InvalidDataException($"an HT code-block signals {block.Passes + passes} passes after its placeholders; more than one HT set (cleanup, SigProp, MagRef) is not supported");
        }

        int length = bits.Bits(block.LengthBits + Log2(passes));
        if (length > 65535)
        {
            throw new InvalidDataException($"HT refinement segment length {length} is implausible");
        }

        if (block.Passes == 1)
        {
            segments.Add((length, passes));
        }
        else
        {
            segments[^1] = (segments[^1].Length + length, segments[^1].Passes + passes);
        }

        block.Passes += passes;
        pending.Add((block, length));
    }

    private static int Log2(int value) => 31 - int.LeadingZeroCount(value);
}
