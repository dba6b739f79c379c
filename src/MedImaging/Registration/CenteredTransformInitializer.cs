using System.Globalization;
using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// Puts a centred transform's centre on the fixed image and its translation onto the moving image, as ITK's
/// <c>CenteredTransformInitializer</c> and SimpleITK's <c>CenteredTransformInitializer(fixed, moving, transform,
/// operationMode)</c>: <c>Center = fixed centre</c>, <c>Translation = moving centre − fixed centre</c>; the rotation,
/// scale or matrix of the given transform is kept. Like SimpleITK, the input transform is not modified: a copy is
/// returned.
/// </summary>
public static class CenteredTransformInitializer
{
    /// <summary>
    /// GEOMETRY initialization from the two grids: the centres are the physical points (LPS mm) at continuous index
    /// <c>(size − 1)/2</c> of each geometry (its voxel-centre midpoint, direction included).
    /// </summary>
    /// <typeparam name="T">A centred transform (Euler3D, VersorRigid3D, Similarity3D, Affine).</typeparam>
    /// <param name="fixedGeometry">The fixed image's grid.</param>
    /// <param name="movingGeometry">The moving image's grid.</param>
    /// <param name="transform">The transform to start from (its rotation/matrix is kept; it is not modified).</param>
    /// <returns>A copy of <paramref name="transform"/> with centre and translation set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fixedGeometry"/> or <paramref name="movingGeometry"/> is null.</exception>
    public static T Execute<T>(VolumeGeometry fixedGeometry, VolumeGeometry movingGeometry, T transform)
        where T : MatrixOffsetTransformBase
    {
        ArgumentNullException.ThrowIfNull(fixedGeometry);
        ArgumentNullException.ThrowIfNull(movingGeometry);
        return Initialize(transform, fixedGeometry.Center, movingGeometry.Center);
    }

    /// <summary>
    /// GEOMETRY or MOMENTS initialization from the two images (SimpleITK's default mode is MOMENTS; the clinical
    /// rigid script passes GEOMETRY).
    /// </summary>
    /// <typeparam name="T">A centred transform (Euler3D, VersorRigid3D, Similarity3D, Affine).</typeparam>
    /// <param name="fixedImage">The fixed image.</param>
    /// <param name="movingImage">The moving image.</param>
    /// <param name="transform">The transform to start from (its rotation/matrix is kept; it is not modified).</param>
    /// <param name="mode">Geometric centres or intensity centres of mass.</param>
    /// <param name="execution">Threads and cancellation for the moments (results are identical for any thread count).</param>
    /// <returns>A copy of <paramref name="transform"/> with centre and translation set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fixedImage"/> or <paramref name="movingImage"/> is null.</exception>
    /// <exception cref="MedImagingException">MOMENTS: an image's total intensity is zero or not finite.</exception>
    public static T Execute<T>(Volume fixedImage, Volume movingImage, T transform,
        CenteredTransformInitializerMode mode = CenteredTransformInitializerMode.Moments, ExecutionOptions? execution = null)
        where T : MatrixOffsetTransformBase
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(movingImage);
        return mode switch
        {
            CenteredTransformInitializerMode.Geometry => Execute(fixedImage.Geometry, movingImage.Geometry, transform),
            CenteredTransformInitializerMode.Moments => Initialize(transform,
                CenterOfGravity(fixedImage, "fixed image", execution), CenterOfGravity(movingImage, "moving image", execution)),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown initializer mode"),
        };
    }

    /// <summary>
    /// The intensity centre of mass in LPS mm, <c>Σ v·p / Σ v</c> over every voxel (value v, voxel-centre point p), as
    /// ITK's <c>ImageMomentsCalculator::GetCenterOfGravity</c> (negative values count with their sign, as in ITK).
    /// Summed in double per slice and combined in slice order: identical for any thread count.
    /// </summary>
    /// <param name="image">The image, any voxel type; its values weigh the voxel centres.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <returns>The centre of gravity, LPS mm.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="MedImagingException">The total intensity is zero or not finite.</exception>
    public static Vec3 CenterOfGravity(Volume image, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return CenterOfGravity(image, "image", execution);
    }

    private static Vec3 CenterOfGravity(Volume image, string what, ExecutionOptions? execution)
    {
        Moments m = image.Accept(new MomentsVisitor(execution));
        if (m.Mass == 0 || !double.IsFinite(m.Mass) || !double.IsFinite(m.X + m.Y + m.Z))
        {
            throw new MedImagingException(string.Create(CultureInfo.InvariantCulture,
                $"the {what}'s total intensity is {m.Mass}: its centre of mass (MOMENTS initialization) is undefined; use GEOMETRY"));
        }

        return image.Geometry.TransformContinuousIndexToPhysicalPoint(new Vec3(m.X / m.Mass, m.Y / m.Mass, m.Z / m.Mass));
    }

    private static T Initialize<T>(T transform, Vec3 fixedCenter, Vec3 movingCenter)
        where T : MatrixOffsetTransformBase
    {
        ArgumentNullException.ThrowIfNull(transform);
        var result = (T)transform.Clone();
        result.Center = fixedCenter;
        result.Translation = movingCenter - fixedCenter;
        return result;
    }

    /// <summary>Zeroth and first moments in index space: Σv and Σv·(x, y, z).</summary>
    private readonly record struct Moments(double Mass, double X, double Y, double Z)
    {
        public static Moments operator +(Moments a, Moments b) => new(a.Mass + b.Mass, a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    }

    private sealed class MomentsVisitor(ExecutionOptions? execution) : IVolumeVisitor<Moments>
    {
        public Moments Visit<TPixel>(Volume<TPixel> volume)
            where TPixel : unmanaged, System.Numerics.INumber<TPixel>
        {
            Size3 size = volume.Size;
            return Parallelism.Reduce(size.Z, 1, execution, (first, last) =>
            {
                var sum = default(Moments);
                for (int z = (int)first; z < last; z++)
                {
                    sum += SliceMoments(volume, z);
                }

                return sum;
            }, (a, b) => a + b, default);
        }

        private static Moments SliceMoments<TPixel>(Volume<TPixel> volume, int z)
            where TPixel : unmanaged, System.Numerics.INumber<TPixel>
        {
            int nx = volume.Size.X, ny = volume.Size.Y;
            double mass = 0, mx = 0, my = 0;
            for (int y = 0; y < ny; y++)
            {
                ReadOnlySpan<TPixel> row = volume.GetRow(y, z);
                double rowMass = 0, rowX = 0;
                for (int x = 0; x < nx; x++)
                {
                    double v = double.CreateTruncating(row[x]);
                    rowMass += v;
                    rowX += v * x;
                }

                mass += rowMass;
                mx += rowX;
                my += rowMass * y;
            }

            return new Moments(mass, mx, my, mass * z);
        }
    }
}
