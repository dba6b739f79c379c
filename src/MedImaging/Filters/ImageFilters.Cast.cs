using System.Numerics;

namespace MedImaging.Filters;

/// <summary>
/// SimpleITK's procedural image filters (<c>using static MedImaging.Filters.ImageFilters;</c>), one operation per
/// file. Every filter keeps its input's geometry (LPS) and gives bit-identical results for any thread count.
/// </summary>
public static partial class ImageFilters
{
    /// <summary>
    /// Converts every voxel to <typeparamref name="TOut"/>; geometry is kept (SimpleITK <c>Cast</c>,
    /// ITK <c>CastImageFilter</c>).
    /// </summary>
    /// <remarks>
    /// Float → integer conversions truncate toward zero as ITK's <c>static_cast</c> does, and, unlike ITK (where an
    /// out-of-range value is undefined behaviour), saturate to the target range: 300.7f → byte gives 255,
    /// −3.9f → byte gives 0, NaN gives 0. Integer → integer conversions saturate too (−1 → uint16 gives 0).
    /// Integer → float conversions round to nearest (int32 → float32 above 2^24 loses low bits, as in ITK).
    /// Converting to the same type returns a copy.
    /// </remarks>
    /// <typeparam name="TIn">Input voxel type.</typeparam>
    /// <typeparam name="TOut">Output voxel type.</typeparam>
    /// <param name="image">Input volume.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static Volume<TOut> Cast<TIn, TOut>(Volume<TIn> image, ExecutionOptions? execution = null)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(image);
        var output = Volume<TOut>.CreateLike(image);
        FlatLoop.Map<TIn, TOut>(image, output, execution, CastKernel.Apply);
        return output;
    }

    /// <summary>
    /// Converts a volume of any voxel type to <paramref name="pixelType"/> (SimpleITK <c>Cast(image, pixelID)</c>);
    /// same rules as <see cref="Cast{TIn, TOut}(Volume{TIn}, ExecutionOptions?)"/>.
    /// </summary>
    /// <param name="image">Input volume of any voxel type.</param>
    /// <param name="pixelType">Output voxel type.</param>
    /// <param name="execution">Threads and cancellation; the result does not depend on the thread count.</param>
    /// <returns>A new volume on the same grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pixelType"/> is not a defined value.</exception>
    public static Volume Cast(Volume image, PixelType pixelType, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Accept(new CastVisitor(pixelType.CheckDefined(nameof(pixelType)), execution));
    }

    private sealed class CastVisitor(PixelType target, ExecutionOptions? execution) : IVolumeVisitor<Volume>
    {
        public Volume Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T> => target switch
            {
                PixelType.UInt8 => Cast<T, byte>(volume, execution),
                PixelType.Int8 => Cast<T, sbyte>(volume, execution),
                PixelType.UInt16 => Cast<T, ushort>(volume, execution),
                PixelType.Int16 => Cast<T, short>(volume, execution),
                PixelType.UInt32 => Cast<T, uint>(volume, execution),
                PixelType.Int32 => Cast<T, int>(volume, execution),
                PixelType.Float32 => Cast<T, float>(volume, execution),
                PixelType.Float64 => Cast<T, double>(volume, execution),
                _ => throw new System.Diagnostics.UnreachableException($"pixel type {target} was validated by Cast"),
            };
    }
}
