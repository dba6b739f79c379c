using MedImaging.Dicom.Codecs.Jpeg2000;

namespace MedImaging.Tests.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The HT block decoder on code-blocks written by hand from T.814's procedures (OpenJPH, our only encoder, never
/// emits SigProp/MagRef passes), and its refusals of inconsistent segments.
/// </summary>
[TestFixture]
public sealed class J2kHtBlockDecoderTests
{
    /// <summary>
    /// Cleanup segment of one significant top-left sample, magnitude μ = 1 at bit-plane 1, positive:
    /// MagSgn byte 0xFE (bit 0 = v = 2(μ−1)+sign = 0, then 1-padding); MEL byte 0x00 (first bit 0 in state 0: a run of
    /// no zeros ended by a 1, so the zero-context quad is significant); the VLC codeword 0110 (context 0, ρ = 1,
    /// u_off = 0, initial-row table) in the top nibble of 0x63 read backwards, Scup = 3 in its low nibble and 0x00.
    /// </summary>
    private static readonly byte[] Cleanup = [0xFE, 0x00, 0x63, 0x00];

    [Test]
    public void Cleanup_HandWrittenQuad_DecodesMidpointOfPlaneOne()
    {
        var decoder = new J2kHtBlockDecoder();
        decoder.Decode(Cleanup, [(4, 1)], 2, 1, 1, 2, false);

        // Doubled representation: μ = 1 at plane 1 means 2 ≤ |x| < 4, reconstructed at the mid-point 3 → 6.
        Assert.That(decoder.Values.ToArray(), Is.EqualTo(new[] { 6, 0 }));
    }

    [Test]
    public void SigPropAndMagRef_HandWrittenBits_RefineAndAddANeighbour()
    {
        // Refinement byte 0x03: SigProp reads forwards bit 0 = 1 (the right neighbour becomes significant) and bit 1 = 1
        // (its sign: negative); MagRef reads backwards from the same byte, bit 0 = 1 (the cleanup sample's next bit).
        byte[] data = [.. Cleanup, 0x03];
        var decoder = new J2kHtBlockDecoder();
        decoder.Decode(data, [(4, 1), (1, 2)], 2, 1, 1, 2, false);

        // Left: magnitude bits 1,1 → 3 exactly at plane 0, doubled 2·3 + 1 = 7. Right: −1 at plane 0 → −(2·1 + 1).
        Assert.That(decoder.Values.ToArray(), Is.EqualTo(new[] { 7, -3 }));
    }

    [Test]
    public void MagRef_ZeroBit_RefinesDownwards()
    {
        byte[] data = [.. Cleanup, 0x00];
        var decoder = new J2kHtBlockDecoder();
        decoder.Decode(data, [(4, 1), (1, 2)], 2, 1, 1, 2, false);

        // SigProp bit 0: the neighbour stays insignificant; MagRef bit 0: magnitude bits 1,0 → 2, doubled 5.
        Assert.That(decoder.Values.ToArray(), Is.EqualTo(new[] { 5, 0 }));
    }

    /// <summary>
    /// A 1×5 block whose only cleanup-significant sample is (0, 4), the first row of the second stripe: quads of
    /// line-pairs 0 and 1 are insignificant (MEL events 0, 0), line-pair 2's quad is significant (event 1); MEL bits
    /// 1, 1, 0 = 0xC0 (state 0 and 1: "1" is a run of one zero; state 2: "0" ends a run of none with a 1). VLC codeword
    /// 000 (later-row table, context 0, ρ = 1, u_off = 0) in the top nibble of 0x03 (Scup = 3), MagSgn bit 0 (positive).
    /// Refinement byte 0x03: SigProp bits 1 (significant), 1 (negative) when (0, 3) is a candidate; MagRef bit 1.
    /// </summary>
    [TestCase(false, new[] { 0, 0, 0, -3, 7 })]
    [TestCase(true, new[] { 0, 0, 0, 0, 7 })]
    public void SigProp_StripeBelow_CountsUnlessVerticallyCausal(bool causal, int[] expected)
    {
        byte[] data = [0xFE, 0xC0, 0x03, 0x00, 0x03];
        var decoder = new J2kHtBlockDecoder();
        decoder.Decode(data, [(4, 1), (1, 2)], 1, 5, 1, 2, causal);

        // (0, 3)'s only significant neighbour is (0, 4) in the stripe below, which causal mode hides.
        Assert.That(decoder.Values.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void PacketHeader_LaterLayers_AddSigPropThenMagRef()
    {
        // After a cleanup-only first contribution: two passes (SigProp + MagRef) take Lblock + ⌊log2 2⌋ = 4 bits.
        var block = new J2kCodeBlock(0, 0, 4, 4) { Included = true, Passes = 1 };
        block.Segments.Add((4, 1));
        var bits = new J2kHeaderBits([0b0101_0000], 1);
        bits.Start(0);
        J2kHtPacketHeader.ReadLengths(bits, block, 2, []);
        Assert.That(block.Segments, Is.EqualTo(new List<(int, int)> { (4, 1), (5, 2) }));

        // After cleanup + SigProp: the MagRef pass extends the refinement segment by a 3-bit length.
        var second = new J2kCodeBlock(0, 0, 4, 4) { Included = true, Passes = 2 };
        second.Segments.Add((4, 1));
        second.Segments.Add((3, 1));
        bits = new J2kHeaderBits([0b0110_0000], 1);
        bits.Start(0);
        J2kHtPacketHeader.ReadLengths(bits, second, 1, []);
        Assert.Multiple(() =>
        {
            Assert.That(second.Segments, Is.EqualTo(new List<(int, int)> { (4, 1), (6, 2) }));
            Assert.That(second.Passes, Is.EqualTo(3));
        });
    }

    [Test]
    public void Decode_ScupBeyondLcup_NamesScup()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new J2kHtBlockDecoder().Decode([0x00, 0xFF], [(2, 1)], 4, 4, 0, 8, false));
        Assert.That(ex!.Message, Does.Contain("Scup 4080").And.Contain("Lcup 2"));
    }

    [Test]
    public void Decode_CleanupShorterThanTwoBytes_IsRefused()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new J2kHtBlockDecoder().Decode([0x00], [(1, 1)], 4, 4, 0, 8, false));
        Assert.That(ex!.Message, Does.Contain("HT cleanup segment of 1 bytes"));
    }

    [Test]
    public void Decode_StreamsTooShortForTheBlock_ReportRunningPastTheSegment()
    {
        // The hand-written quad's four bytes cannot describe a 64×64 block: after the first quad the MEL/VLC streams
        // are exhausted, and whatever they yield from fill bits must be caught.
        var ex = Assert.Throws<InvalidDataException>(() => new J2kHtBlockDecoder().Decode(Cleanup, [(4, 1)], 64, 64, 1, 2, false));
        TestContext.Out.WriteLine(ex!.Message);
        Assert.That(ex.Message, Does.Contain("HT cleanup"));
    }

    [Test]
    public void Decode_RefinementBelowPlaneZero_IsRefused()
    {
        byte[] data = [.. Cleanup, 0x00];
        var ex = Assert.Throws<InvalidDataException>(() => new J2kHtBlockDecoder().Decode(data, [(4, 1), (1, 2)], 2, 1, 0, 2, false));
        Assert.That(ex!.Message, Does.Contain("refinement passes below"));
    }

    [Test]
    public void PacketHeader_SecondHtSet_IsRefused()
    {
        // A block that already has cleanup + SigProp receives two more passes: more than one HT set.
        var block = new J2kCodeBlock(0, 0, 4, 4) { Included = true, Passes = 2 };
        block.Segments.Add((4, 1));
        block.Segments.Add((1, 1));
        var bits = new J2kHeaderBits([0xFF, 0x7F, 0xFF, 0x7F], 4);
        bits.Start(0);
        var ex = Assert.Throws<InvalidDataException>(() => J2kHtPacketHeader.ReadLengths(bits, block, 2, []));
        Assert.That(ex!.Message, Does.Contain("4 passes").And.Contain("more than one HT set"));
    }

    [Test]
    public void PacketHeader_CleanupLengthBelowTwo_IsRefused()
    {
        // Lblock 3 and no placeholder: a 3-bit length of 0.
        var block = new J2kCodeBlock(0, 0, 4, 4) { Included = true };
        var bits = new J2kHeaderBits([0x00], 1);
        bits.Start(0);
        var ex = Assert.Throws<InvalidDataException>(() => J2kHtPacketHeader.ReadLengths(bits, block, 1, []));
        Assert.That(ex!.Message, Does.Contain("HT cleanup segment length 0"));
    }

    [Test]
    public void PacketHeader_PlaceholderPasses_LowerTheCleanupPlaneAndWidenTheLength()
    {
        // Seven passes = two placeholder sets + cleanup: ⌊log2(6 + 1)⌋ = 2 extra length bits, so 5 bits hold 10110 = 22.
        var block = new J2kCodeBlock(0, 0, 4, 4) { Included = true, ZeroBitPlanes = 3 };
        var bits = new J2kHeaderBits([0b1011_0000], 1);
        bits.Start(0);
        var pending = new List<(J2kCodeBlock, int)>();
        J2kHtPacketHeader.ReadLengths(bits, block, 7, pending);
        Assert.Multiple(() =>
        {
            Assert.That(block.Segments, Is.EqualTo(new List<(int, int)> { (22, 1) }));
            Assert.That(block.ZeroBitPlanes, Is.EqualTo(5));
            Assert.That(block.Passes, Is.EqualTo(1));
            Assert.That(pending, Has.Count.EqualTo(1));
        });
    }
}
