using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom;

/// <summary>The vectorised 16-bit canonicalisation against its scalar twin on every length 0..256 (bit-exact).</summary>
[TestFixture]
[Category("Simd")]
public sealed class PixelCanonicalizerTests
{
    [TestCase(12, false)]
    [TestCase(12, true)]
    [TestCase(10, true)]
    [TestCase(15, false)]
    public void Canonicalize16_EveryLength_EqualsScalar(int bitsStored, bool signed)
    {
        var random = new Random(42);
        for (int length = 0; length <= 256; length++)
        {
            byte[] words = new byte[length * 2];
            random.NextBytes(words);
            byte[] scalar = (byte[])words.Clone();
            PixelCanonicalizer.CanonicalizeScalar(scalar, 2, bitsStored, bitsStored - 1, signed);
            PixelCanonicalizer.Canonicalize16(words, bitsStored, signed);
            Assert.That(words, Is.EqualTo(scalar), $"length {length}");
        }
    }

    [Test]
    public void CanonicalizeScalar_SignedTwelveBit_KnownValues()
    {
        // MANIFEST (mr-siemens-12bit): stored 0x0F0F and 0xFFFF, signed 12-bit, are -241 and -1.
        byte[] words = [0x0F, 0x0F, 0xFF, 0xFF];
        PixelCanonicalizer.CanonicalizeScalar(words, 2, 12, 11, signed: true);
        Assert.That(new[] { BitConverter.ToInt16(words, 0), BitConverter.ToInt16(words, 2) }, Is.EqualTo(new short[] { -241, -1 }));
    }
}
