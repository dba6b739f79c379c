using System.Numerics;
using MedImaging.Transforms;

namespace MedImaging.Resampling;

/// <summary>The arguments of one non-generic resampling call.</summary>
internal sealed record ResampleRequest(VolumeGeometry Reference, ITransform? Transform, InterpolatorType Interpolator,
    double DefaultPixelValue, IntegerConversion Conversion, ExecutionOptions? Execution);

/// <summary>Dispatches a non-generic <see cref="Volume"/> and a runtime output type to a generic <see cref="Run{TIn, TOut}"/>.</summary>
internal abstract class OutputTypeDispatch<TResult>(PixelType outputType) : IVolumeVisitor<TResult>
{
    public TResult Visit<T>(Volume<T> volume)
        where T : unmanaged, INumber<T> => outputType switch
        {
            PixelType.UInt8 => Run<T, byte>(volume),
            PixelType.Int8 => Run<T, sbyte>(volume),
            PixelType.UInt16 => Run<T, ushort>(volume),
            PixelType.Int16 => Run<T, short>(volume),
            PixelType.UInt32 => Run<T, uint>(volume),
            PixelType.Int32 => Run<T, int>(volume),
            PixelType.Float32 => Run<T, float>(volume),
            PixelType.Float64 => Run<T, double>(volume),
            _ => throw new System.Diagnostics.UnreachableException($"output pixel type {outputType} was not checked by the caller"),
        };

    protected abstract TResult Run<TIn, TOut>(Volume<TIn> volume)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>;
}

/// <summary>Dispatches to <see cref="Resampler.Resample{TIn, TOut}"/> with the requested output type.</summary>
internal sealed class ResampleVisitor(ResampleRequest request, PixelType outputType) : OutputTypeDispatch<Volume>(outputType)
{
    protected override Volume Run<TIn, TOut>(Volume<TIn> volume) =>
        Resampler.Resample<TIn, TOut>(volume, request.Reference, request.Transform, request.Interpolator,
            request.DefaultPixelValue, request.Conversion, request.Execution);
}

/// <summary>Dispatches to <see cref="Resampler.ResampleSlabs{TIn, TOut}"/> with the requested output type.</summary>
internal sealed class ResampleSlabsVisitor(ResampleRequest request, PixelType outputType) : OutputTypeDispatch<VolumeSlabSource>(outputType)
{
    protected override VolumeSlabSource Run<TIn, TOut>(Volume<TIn> volume) => Resampler.ResampleSlabs<TIn, TOut>(volume, request);
}

/// <summary>Dispatches an input and a destination of any voxel types to <see cref="Resampler.ResampleInto{TIn, TOut}"/>.</summary>
internal sealed class ResampleIntoVisitor(ITransform? transform, InterpolatorType interpolator, double defaultPixelValue,
    IntegerConversion conversion, ExecutionOptions? execution) : VolumePairVisitor<bool>
{
    public override bool Visit<TIn, TOut>(Volume<TIn> first, Volume<TOut> second)
    {
        Resampler.ResampleInto(first, second, transform, interpolator, defaultPixelValue, conversion, execution);
        return true;
    }
}
