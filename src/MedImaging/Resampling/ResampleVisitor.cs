using System.Numerics;
using MedImaging.Transforms;

namespace MedImaging.Resampling;

/// <summary>The arguments of one non-generic resampling call.</summary>
internal sealed record ResampleRequest(VolumeGeometry Reference, ITransform? Transform, InterpolatorType Interpolator,
    double DefaultPixelValue, IntegerConversion Conversion, ExecutionOptions? Execution);

/// <summary>Dispatches a non-generic <see cref="Volume"/> to <see cref="Resampler.Resample{TIn, TOut}"/> with the requested output type.</summary>
internal sealed class ResampleVisitor(ResampleRequest request, PixelType outputType) : IVolumeVisitor<Volume>
{
    public Volume Visit<T>(Volume<T> volume)
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
            _ => throw new MedImagingException($"unsupported output pixel type {outputType}"),
        };

    private Volume<TOut> Run<T, TOut>(Volume<T> volume)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut> =>
        Resampler.Resample<T, TOut>(volume, request.Reference, request.Transform, request.Interpolator,
            request.DefaultPixelValue, request.Conversion, request.Execution);
}
