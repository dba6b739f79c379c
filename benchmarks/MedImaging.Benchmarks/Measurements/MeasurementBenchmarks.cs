using BenchmarkDotNet.Attributes;
using MedImaging.Benchmarks.Filters;
using MedImaging.Measurements;

namespace MedImaging.Benchmarks.Measurements;

/// <summary>
/// Label statistics of the lesion on the CT phantom (ITK's labelstats case) and overlap + Hausdorff of the two
/// liver masks (ITK's overlap case), one thread and all threads.
/// </summary>
public class MeasurementBenchmarks : ThreadedBenchmark
{
    private Volume<short> _ct = null!;
    private Volume<byte> _lesion = null!;
    private Volume<byte> _liver = null!;
    private Volume<byte> _segmentation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ct = SegmentationInputs.Ct();
        _lesion = SegmentationInputs.Mask("ct_lesion_mask.nii.gz", 0.01);
        _liver = SegmentationInputs.Mask("ct_liver_mask.nii.gz", 0.3);
        _segmentation = SegmentationInputs.Mask("ct_liver_seg.nii.gz", 0.32);
    }

    [Benchmark]
    public double LabelStatisticsAndShape() =>
        ImageMeasurements.LabelStatistics(_ct, _lesion, execution: Execution).Get(1).Mean
        + ImageMeasurements.LabelShapeStatistics(_lesion, execution: Execution).Get(1).PhysicalSize;

    [Benchmark]
    public double OverlapAndHausdorff() =>
        ImageMeasurements.LabelOverlapMeasures(_liver, _segmentation, Execution).Total.Dice
        + ImageMeasurements.HausdorffDistance(_liver, _segmentation, Execution).HausdorffDistance;

    [Benchmark]
    public double SurfaceDistances() => ImageMeasurements.SurfaceDistances(_liver, _segmentation, 1.0, Execution).Hausdorff95;
}
