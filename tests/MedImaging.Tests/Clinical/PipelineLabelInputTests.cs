using MedImaging.Cli.Demo;
using MedImaging.Clinical;
using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical;

/// <summary>Label images of any voxel type given to <see cref="ClinicalPipeline"/>: float labels are exact, never truncated.</summary>
[TestFixture]
public sealed class PipelineLabelInputTests : TempDirectoryTest
{
    /// <summary>No resampling and no image outputs: the labels stay on their grid, so counts are exact and the run is fast.</summary>
    private static readonly PipelineOptions OnTheInputGrid = new()
    {
        Ct = new CtPipelineOptions { Resample = false, BodyMask = false },
        WriteImage = false,
        QcPictures = false,
    };

    [Test]
    public void Run_Float32Labels_MeasuredExactlyAsTheIntegerLabels()
    {
        // Label 1.0 on a 20 × 40 × 20 block, 2.0 on a 10 × 10 × 10 block: 16 000 and 1 000 voxels of
        // 0.7 × 0.7 × 2.5 mm = 1.225 mm³ each → 19.6 mL and 1.225 mL.
        var labels = new Volume<float>(DemoPhantom.Geometry);
        Fill(labels, 60, 80, 60, 100, 4, 24, 1.0f);
        Fill(labels, 100, 110, 60, 70, 4, 14, 2.0f);
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        string labelPath = Path.Combine(TempDir, "float_labels.nii.gz");
        ImageFile.Write(labels, labelPath);

        ClinicalReport report = ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), labelPath, OnTheInputGrid).Report;

        StructureResult[] measured = [.. report.Structures.Where(s => s.Source == "labels")];
        Assert.That(measured.Select(s => (s.Label, s.Voxels)), Is.EqualTo(new[] { (1, 16000L), (2, 1000L) }));
        // NIfTI stores the spacing as float32 (0.7 → 0.69999999): the voxel volume is off by ≤ 3 · 2⁻²⁴ relative,
        // 3.5e-6 mL of 19.6 mL.
        Assert.That(measured.Select(s => s.VolumeMl), Is.EqualTo(new[] { 19.6, 1.225 }).Within(1e-5));
        Volume<int> written = ImageFile.Read(Path.Combine(TempDir, "out", "labels.nii.gz")).As<int>();
        Assert.That(written.Voxels.ToArray().Distinct().Order(), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Run_FractionalFloatLabel_ImageFormatExceptionNamingFileVoxelAndValue()
    {
        var labels = new Volume<float>(DemoPhantom.Geometry);
        labels[10, 20, 30] = 1.0f;
        labels[11, 20, 30] = 1.5f; // later in memory order than (10, 20, 30), but the first that is not an integer
        (string image, _) = ClinicalTestData.WritePhantomFiles(TempDir);
        string labelPath = Path.Combine(TempDir, "fractional.nii.gz");
        ImageFile.Write(labels, labelPath);

        var ex = Assert.Throws<ImageFormatException>(() => ClinicalPipeline.Run(image, Path.Combine(TempDir, "out"), labelPath, OnTheInputGrid));

        Assert.That((ex!.Path, ex.Field), Is.EqualTo((labelPath, "voxel values")));
        Assert.That(ex.Message, Does.Contain("voxel (11, 20, 30) holds 1.5,"));
        Assert.That(File.Exists(Path.Combine(TempDir, "out", ClinicalPipeline.ReportFileName)), Is.False);
    }

    private static void Fill(Volume<float> volume, int x0, int x1, int y0, int y1, int z0, int z1, float value)
    {
        for (int z = z0; z < z1; z++)
        {
            for (int y = y0; y < y1; y++)
            {
                volume.GetRow(y, z)[x0..x1].Fill(value);
            }
        }
    }
}
