using System.Numerics;
using MedImaging.Transforms;

namespace MedImaging.Resampling;

public static partial class Resampler
{
    /// <summary>
    /// The voxels of <see cref="Resample(Volume, VolumeGeometry, ITransform?, InterpolatorType, double, PixelType?, IntegerConversion, ExecutionOptions?)"/>
    /// as a <see cref="VolumeSlabSource"/>, to be written with <see cref="IO.ImageFile.Write(VolumeSlabSource, string, bool, ExecutionOptions?)"/>.
    /// On a separable grid with nearest, linear or B-spline 0/1 interpolation every slab of output planes is computed
    /// on its own into one reused buffer (each voxel with the same arithmetic as in the whole output), so the whole
    /// output is never allocated. The prefiltered B-splines, the windowed sincs and non-separable grids compute the
    /// whole output here, at once, and hand it out as one slab.
    /// </summary>
    /// <param name="image">The input (moving) volume.</param>
    /// <param name="referenceGeometry">The output grid.</param>
    /// <param name="transform">Output → input transform; null for identity.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value of output voxels that map outside the input.</param>
    /// <param name="outputPixelType">Output voxel type; null keeps the input's.</param>
    /// <param name="conversion">Integer conversion of interpolated values.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>The resampled voxels, slab by slab, on <paramref name="referenceGeometry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="referenceGeometry"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputPixelType"/> or <paramref name="interpolator"/> is not a defined value.</exception>
    /// <exception cref="MedImagingException">The output or the workspace is too large.</exception>
    public static VolumeSlabSource ResampleSlabs(Volume image, VolumeGeometry referenceGeometry, ITransform? transform = null,
        InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0, PixelType? outputPixelType = null,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var request = new ResampleRequest(referenceGeometry, transform, interpolator, defaultPixelValue, conversion, execution);
        return image.Accept(new ResampleSlabsVisitor(request, (outputPixelType ?? image.PixelType).CheckDefined(nameof(outputPixelType))));
    }

    internal static VolumeSlabSource ResampleSlabs<TIn, TOut>(Volume<TIn> image, ResampleRequest request)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(request.Reference);
        CheckInterpolator(request.Interpolator);
        ITransform transform = request.Transform ?? IdentityTransform.Instance;
        ExecutionOptions execution = request.Execution ?? ExecutionOptions.Default;
        AxisTable[]? tables = SeparableTables(image.Geometry, request.Reference, transform, request.Interpolator);
        if (tables is null || !SeparableResampler.ComputesSlabs(request.Interpolator))
        {
            return VolumeSlabSource.Of(Resample<TIn, TOut>(image, request.Reference, transform, request.Interpolator,
                request.DefaultPixelValue, request.Conversion, execution));
        }

        EnsureFits(image, request.Reference, tables, request.Interpolator, 0, execution);
        return new SeparableSlabs<TIn, TOut>(image, request with { Transform = transform, Execution = execution }, tables);
    }

    /// <summary>Slabs of a separable resampling: the output's z table cut to the slab's planes, x and y tables whole.</summary>
    private sealed class SeparableSlabs<TIn, TOut>(Volume<TIn> image, ResampleRequest request, AxisTable[] tables)
        : VolumeSlabSource<TOut>(request.Reference)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        protected override void Fill(int firstPlane, Volume<TOut> slab)
        {
            AxisTable[] slabTables = [tables[0], tables[1], tables[2].Slice(firstPlane, slab.Size.Z)];
            Run(image, slab, slabTables, request.Transform!, request.Interpolator, request.DefaultPixelValue, request.Conversion,
                request.Execution!);
        }
    }
}
