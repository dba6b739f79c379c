using System.Globalization;
using MedImaging.Dicom.Series;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>The JPEG 2000 series whose every frame spans several fragments, against upstream dcm2niix (MANIFEST.md).</summary>
public class DicomSeriesReaderFragmentedTests
{
    [Test]
    public void Read_J2kFragmentedSeries_MatchesUpstreamDcm2niixInWorldSpace()
    {
        string folder = TestPaths.RequireShared("corpus/mr-siemens-j2k-fragmented/In");
        // MANIFEST: Debian's dcm2niix rejects these files; upstream Ref/ (dcm2niix >= v1.0.20260603) is the reference.
        Volume expected = ImageFile.Read(TestPaths.RequireShared("corpus/mr-siemens-j2k-fragmented/Ref/anat-T1w_acq-tfl_6001.nii"));

        DicomSeriesReadResult result = DicomSeriesReader.Read(folder, scanOptions: new DicomScanOptions { Recursive = true });

        // MANIFEST: 96 sagittal slices of 128 x 128, 2 mm, JPEG 2000 lossless split over 6..13 fragments per frame.
        Assert.That(result.Volume.Size, Is.EqualTo(new Size3(128, 128, 96)));
        Assert.That(result.Report.Resampled, Is.False);
        // slices.tsv: every file's ImagePositionPatient (4 decimals), sorted along the normal; each must be the origin
        // of its slice of our grid within the design's 0.01 mm.
        Vec3[] ipp = [.. File.ReadAllLines(TestPaths.RequireShared("corpus/mr-siemens-j2k-fragmented/slices.tsv")).Skip(1)
            .Select(l => l.Split('\t')).OrderBy(f => double.Parse(f[5], CultureInfo.InvariantCulture))
            .Select(f => f[6].Split('\\').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).Select(v => new Vec3(v[0], v[1], v[2]))];
        Assert.That(ipp, Has.Length.EqualTo(96));
        double worst = Enumerable.Range(0, 96).Max(k => (result.Volume.Geometry.TransformIndexToPhysicalPoint(0, 0, k) - ipp[k]).Length);
        Assert.That(worst, Is.LessThan(WorldSpace.CornerTolerance), "largest distance of a slice's IPP from our grid (mm)");
        // dcm2niix's affine steps 2.0001068 mm per slice (pixdim[1] of Ref/), the IPPs 2.000001 mm on average over the
        // 95 steps, so its far end lies 95 x 1.058e-4 = 0.01005 mm from that slice's IPP: the corner check allows it.
        const double dcm2niixDrift = 95 * (2.0001068 - 2.000001);
        Assert.That(WorldSpace.MaxCornerDistance(result.Volume.Geometry, expected.Geometry), Is.LessThan(WorldSpace.CornerTolerance + dcm2niixDrift));
        // The same drift in voxels (0.01005 mm / 2 mm = 0.005) for matching each of our voxels to dcm2niix's.
        Assert.That(WorldSpace.AssertSameValues(result.Volume, expected, indexTolerance: 1e-3 + dcm2niixDrift / 2), Is.EqualTo(result.Volume.Geometry.VoxelCount));
    }
}
