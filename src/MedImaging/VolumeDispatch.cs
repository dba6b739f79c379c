using System.Numerics;
using System.Runtime.CompilerServices;

namespace MedImaging;

/// <summary>
/// The one pixel-type dispatch of the <see cref="Volume"/> overloads: a caller's non-generic volume argument is
/// checked for null (an <see cref="ArgumentNullException"/> naming the parameter) and visited.
/// </summary>
internal static class VolumeDispatch
{
    /// <summary>Calls <paramref name="visitor"/> with <paramref name="volume"/> typed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> is null; the exception names the caller's parameter.</exception>
    public static TResult Accept<TResult>(Volume volume, IVolumeVisitor<TResult> visitor,
        [CallerArgumentExpression(nameof(volume))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(volume, parameterName);
        return volume.Accept(visitor);
    }
}

/// <summary>
/// Reaches two non-generic volumes as typed volumes (one visit each), for the <see cref="Volume"/> overloads of
/// operations that take two images of independent voxel types.
/// </summary>
/// <typeparam name="TResult">What the operation returns.</typeparam>
internal abstract class VolumePairVisitor<TResult>
{
    /// <summary>Calls <see cref="Visit{T1, T2}"/> with both volumes typed.</summary>
    /// <exception cref="ArgumentNullException">A volume is null; the exception names the caller's parameter.</exception>
    public TResult Run(Volume first, Volume second, [CallerArgumentExpression(nameof(first))] string? firstName = null,
        [CallerArgumentExpression(nameof(second))] string? secondName = null)
    {
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        return first.Accept(new FirstVisit(this, second));
    }

    /// <summary>Called with both typed volumes.</summary>
    public abstract TResult Visit<T1, T2>(Volume<T1> first, Volume<T2> second)
        where T1 : unmanaged, INumber<T1>
        where T2 : unmanaged, INumber<T2>;

    private sealed class FirstVisit(VolumePairVisitor<TResult> owner, Volume second) : IVolumeVisitor<TResult>
    {
        public TResult Visit<T1>(Volume<T1> first)
            where T1 : unmanaged, INumber<T1> => second.Accept(new SecondVisit<T1>(owner, first));
    }

    private sealed class SecondVisit<T1>(VolumePairVisitor<TResult> owner, Volume<T1> first) : IVolumeVisitor<TResult>
        where T1 : unmanaged, INumber<T1>
    {
        public TResult Visit<T2>(Volume<T2> second)
            where T2 : unmanaged, INumber<T2> => owner.Visit(first, second);
    }
}

/// <summary>
/// Reaches two non-generic volumes that must share one voxel type (operations whose generic form takes two
/// <c>Volume&lt;T&gt;</c>) as typed volumes; a second volume of another type is an argument error.
/// </summary>
/// <typeparam name="TResult">What the operation returns.</typeparam>
internal abstract class SameTypePairVisitor<TResult>
{
    /// <summary>Calls <see cref="Visit{T}"/> with both volumes typed.</summary>
    /// <exception cref="ArgumentNullException">A volume is null; the exception names the caller's parameter.</exception>
    /// <exception cref="ArgumentException">The second volume's voxel type differs from the first's; the exception names the second parameter.</exception>
    public TResult Run(Volume first, Volume second, [CallerArgumentExpression(nameof(first))] string? firstName = null,
        [CallerArgumentExpression(nameof(second))] string? secondName = null)
    {
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        return first.Accept(new FirstVisit(this, second, secondName));
    }

    /// <summary>Called with both typed volumes.</summary>
    public abstract TResult Visit<T>(Volume<T> first, Volume<T> second)
        where T : unmanaged, INumber<T>;

    private sealed class FirstVisit(SameTypePairVisitor<TResult> owner, Volume second, string? secondName) : IVolumeVisitor<TResult>
    {
        public TResult Visit<T>(Volume<T> first)
            where T : unmanaged, INumber<T> =>
            owner.Visit(first, second as Volume<T> ?? throw new ArgumentException(
                $"{secondName} holds {second.PixelType.ToName()} voxels; it must have the first image's voxel type, {first.PixelType.ToName()}", secondName));
    }
}
