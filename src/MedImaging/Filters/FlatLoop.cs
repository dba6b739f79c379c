using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// Runs a voxel-by-voxel span operation over a whole volume in fixed blocks of <see cref="BlockSize"/> voxels
/// through <see cref="Parallelism"/>, so the work split never depends on the thread count.
/// </summary>
internal static class FlatLoop
{
    /// <summary>Voxels per work block (64 Ki): large enough to amortise scheduling, small enough to balance 2 cores.</summary>
    public const int BlockSize = 1 << 16;

    /// <summary>
    /// Output bytes per slab of a streamed voxel-wise operation (<see cref="FlatMapSlabs{TIn, TOut}"/>): 1 MiB, 256 fresh
    /// pages. Nothing is redone per slab, and a one-shot threshold spent more time faulting in an 8 MiB buffer (2048
    /// pages, ~20 ms here) than computing its 32 MiB mask (docs/PERFORMANCE.md).
    /// </summary>
    public const int SlabBytes = 1 << 20;

    /// <summary>Calls <paramref name="map"/> on matching blocks of <paramref name="input"/> and <paramref name="output"/>.</summary>
    public static void Map<TIn, TOut>(Volume<TIn> input, Volume<TOut> output, ExecutionOptions? execution, SpanMap<TIn, TOut> map)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        Parallelism.For(input.Voxels.Length, BlockSize, execution,
            (start, end) => map(input.Voxels[start..end], output.Voxels[start..end]));
    }
}

/// <summary>A per-voxel operation from one span to another of the same length.</summary>
internal delegate void SpanMap<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination);

/// <summary>
/// A voxel-by-voxel operation on an in-memory volume delivered slab by slab (<see cref="VolumeSlabSource"/>): each
/// slab runs the same span operation over its voxels in <see cref="FlatLoop.BlockSize"/> blocks into one reused buffer.
/// </summary>
internal sealed class FlatMapSlabs<TIn, TOut>(Volume<TIn> input, ExecutionOptions? execution, SpanMap<TIn, TOut> map)
    : VolumeSlabSource<TOut>(input.Geometry, FlatLoop.SlabBytes)
    where TIn : unmanaged, INumber<TIn>
    where TOut : unmanaged, INumber<TOut>
{
    protected override void Fill(int firstPlane, Volume<TOut> slab)
    {
        Memory<TIn> source = input.Memory.Slice(firstPlane * input.SliceLength, slab.Voxels.Length);
        Parallelism.For(slab.Voxels.Length, FlatLoop.BlockSize, execution,
            (start, end) => map(source.Span[start..end], slab.Voxels[start..end]));
    }
}
