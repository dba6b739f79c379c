using BenchmarkDotNet.Attributes;
using MedImaging.Filters;

namespace MedImaging.Benchmarks.Filters;

/// <summary>
/// The segmentation kernels on the 512×512×128 CT phantom, one thread and all threads: Otsu (200 bins, the ITK
/// harness's case), binary closing with a radius-3 ball (ITK's morph-close case), the signed Maurer distance map,
/// connected components and hole filling.
/// </summary>
public class SegmentationFilterBenchmarks : ThreadedBenchmark
{
    private Volume<short> _ct = null!;
    private Volume<byte> _holes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ct = SegmentationInputs.Ct();
        _holes = SegmentationInputs.Mask("ct_liver_holes.nii.gz", 0.5);
    }

    [Benchmark]
    public double OtsuThreshold() => ImageFilters.OtsuThreshold(_ct, 0, 1, 200, execution: Execution).Threshold;

    [Benchmark]
    public int BinaryMorphologicalClosingBall3() => ImageFilters.BinaryMorphologicalClosing(_holes, 3, execution: Execution).Voxels[0];

    [Benchmark]
    public float SignedMaurerDistanceMap() => ImageFilters.SignedMaurerDistanceMap(_holes, useImageSpacing: true, execution: Execution).Voxels[0];

    [Benchmark]
    public uint ConnectedComponent() => ImageFilters.ConnectedComponent(_holes, execution: Execution).Voxels[0];

    [Benchmark]
    public int BinaryFillhole() => ImageFilters.BinaryFillhole(_holes, execution: Execution).Voxels[0];
}
