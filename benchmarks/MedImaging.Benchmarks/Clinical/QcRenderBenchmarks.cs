using BenchmarkDotNet.Attributes;
using MedImaging.Clinical.Qc;

namespace MedImaging.Benchmarks.Clinical;

/// <summary>
/// Rendering one QC plane of the 512×512×128 CT (0.7 × 0.7 × 5 mm) through its centre at 0.7 mm pixels with the
/// soft-tissue window: axial (512×512, within one slice pair) and coronal (512×914, across slices), without
/// annotation; the axial plane with a label overlay (the CT thresholded at 0 HU as labels) and annotation; and the
/// register step's axial checkerboard of the CT against its thresholded copy (two images sampled on one plane).
/// </summary>
[MemoryDiagnoser]
public class QcRenderBenchmarks
{
    private Volume<short> _ct = null!;
    private Volume<byte> _labels = null!;
    private QcOptions _options = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ct = QcBenchmarkData.Ct();
        _labels = Volume<byte>.CreateLike(_ct);
        Span<short> hu = _ct.Voxels;
        Span<byte> labels = _labels.Voxels;
        for (int i = 0; i < hu.Length; i++)
        {
            labels[i] = hu[i] > 0 ? (byte)1 : (byte)0;
        }

        _options = new QcOptions { Window = QcWindow.CtSoftTissue, Annotate = false, Point = _ct.Geometry.Center };
    }

    [Benchmark(Baseline = true)]
    public int Axial() => QcPictures.Render(_ct, QcPlane.Axial, _options, execution: Execution).Width;

    [Benchmark]
    public int Coronal() => QcPictures.Render(_ct, QcPlane.Coronal, _options, execution: Execution).Height;

    [Benchmark]
    public int Axial_LabelsAndText() =>
        QcPictures.Render(_ct, QcPlane.Axial, _options with { Annotate = true }, _labels, Execution).Width;

    [Benchmark]
    public int AxialCheckerboard() =>
        QcPictures.RenderCheckerboard(_ct, _labels, QcPlane.Axial, options: _options with { Window = null }, execution: Execution).Width;

    private ExecutionOptions Execution => new() { MaxDegreeOfParallelism = Threads };
}
