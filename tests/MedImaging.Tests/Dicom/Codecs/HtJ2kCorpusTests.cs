using MedImaging.Dicom;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Codecs;

/// <summary>
/// The two HTJ2K files of the shared corpus (pydicom-data, encoded by OpenJPH 0.7.3; GDCM and DCMTK cannot decode
/// them, so the corpus has no fingerprint) against OpenJPH 0.9's ojph_expand of their extracted codestream.
/// </summary>
[TestFixture]
public sealed class HtJ2kCorpusTests : TempDirectoryTest
{
    private const string Lossless = "HTJ2KLossless_08_RGB.dcm";
    private const string Lossy = "HTJ2K_08_RGB.dcm";

    /// <summary>
    /// SHA-256 prefix of ojph_expand's pixels for the lossless file (frame 0 extracted with pydicom's
    /// generate_pixel_data_frame, <c>ojph_expand -i f.j2c -o f.ppm</c>, SHA-256 over the PPM's 640×480×3 samples,
    /// which equal canonical stored values for 8-bit RGB).
    /// </summary>
    [Test]
    public void Hash_LosslessFile_EqualsOjphExpand()
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", "pydicom-data", "data", Lossless));
        DicomPixelData pixels = DicomPixelData.Create(DicomFile.Open(path));
        Assert.That(pixels.ComputeCanonicalSha256()[..16], Is.EqualTo("9d87240604f5d752"));
    }

    [Test]
    public void Decode_LosslessFile_EqualsOjphExpandSampleBySample()
    {
        (int[] ours, int[] reference) = DecodeBoth(Lossless);
        Assert.That(ours, Is.EqualTo(reference));
    }

    /// <summary>
    /// Tolerance ±1 grey level: the 9/7 wavelet and ICT run in single-precision floats in both decoders with
    /// different operation order (OpenJPH SIMD lifting), so samples at a rounding boundary may differ by one.
    /// </summary>
    [Test]
    public void Decode_LossyFile_MatchesOjphExpandWithinOne()
    {
        (int[] ours, int[] reference) = DecodeBoth(Lossy);
        int worst = ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        int differing = ours.Zip(reference, (a, b) => a != b ? 1 : 0).Sum();
        TestContext.Out.WriteLine($"{Lossy}: worst difference {worst}, {differing} of {ours.Length} samples differ");
        Assert.That(worst, Is.LessThanOrEqualTo(1));
    }

    /// <summary>Our decoded frame 0 and ojph_expand's decode of the same extracted codestream.</summary>
    private (int[] Ours, int[] Reference) DecodeBoth(string name)
    {
        string path = TestPaths.RequireShared(Path.Combine("corpus", "pydicom-data", "data", name));
        const string expand = "/usr/bin/ojph_expand";
        if (!File.Exists(expand))
        {
            Assert.Ignore($"{expand} (Debian openjph-tools) is not installed");
        }

        DicomFile file = DicomFile.Open(path);
        DicomFragments fragments = file.Dataset.GetElement(DicomTag.PixelData)?.Fragments
            ?? throw new AssertionException($"{name} has no encapsulated pixel data");
        string codestream = Path.Combine(TempDir, "frame.j2c"), image = Path.Combine(TempDir, "frame.ppm");
        File.WriteAllBytes(codestream, DicomFrameLocator.FrameCodestream(file, fragments, 1, 0));
        (int exitCode, _, string stderr) = ExternalTool.Run(expand, ["-i", codestream, "-o", image]);
        Assert.That(exitCode, Is.Zero, stderr);

        int[] ours = [.. DicomPixelData.Create(file).GetFrame(0).Select(b => (int)b)];
        return (ours, Pnm.Read(image).Values);
    }
}
