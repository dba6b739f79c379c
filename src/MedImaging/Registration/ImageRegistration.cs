using MedImaging.Filters;
using MedImaging.Resampling;
using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// One-call registration with the clinical defaults: the SimpleITK script <c>CenteredTransformInitializer(fixed,
/// moving, Euler3DTransform(), GEOMETRY)</c> → Mattes MI (50 bins) with random sampling → regular-step gradient
/// descent → shrink 4, 2, 1 / smoothing 2, 1, 0 mm, images as float32 (see <see cref="RegistrationOptions"/>
/// for where our defaults differ from ITK's and why).
/// </summary>
public static class ImageRegistration
{
    /// <summary>
    /// Rigid (Euler3D) registration of <paramref name="moving"/> to <paramref name="fixedImage"/>, initialised by
    /// the GEOMETRY centred initializer (rotation centre = the fixed image's geometric centre).
    /// </summary>
    /// <param name="fixedImage">The fixed image (any voxel type; used as float32).</param>
    /// <param name="moving">The moving image.</param>
    /// <param name="options">Settings (default <see cref="RegistrationOptions.MattesRigidDefault"/>).</param>
    /// <param name="execution">Threads, cancellation, per-iteration progress.</param>
    /// <returns>The Euler3D transform (fixed LPS point → moving LPS point), final metric, per-level iterations and stop conditions.</returns>
    /// <exception cref="ArgumentNullException">An image is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="GeometryMismatchException">A mask of the options is not on its image's grid.</exception>
    /// <exception cref="RegistrationException">No overlap, too few samples inside, a constant image.</exception>
    public static RegistrationResult Rigid(Volume fixedImage, Volume moving, RegistrationOptions? options = null, ExecutionOptions? execution = null) =>
        Register(fixedImage, moving, new Euler3DTransform(), options, execution);

    /// <summary>
    /// Registration optimising any centred transform (<see cref="Euler3DTransform"/>, <see cref="VersorRigid3DTransform"/>,
    /// <see cref="Similarity3DTransform"/>, <see cref="AffineTransform"/>) after the GEOMETRY centred initializer.
    /// </summary>
    /// <param name="fixedImage">The fixed image.</param>
    /// <param name="moving">The moving image.</param>
    /// <param name="transform">The transform kind and start rotation/matrix (not modified).</param>
    /// <param name="options">Settings.</param>
    /// <param name="execution">Threads, cancellation, progress.</param>
    /// <returns>The optimised transform and the run's record.</returns>
    /// <exception cref="ArgumentNullException">An image or <paramref name="transform"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="GeometryMismatchException">A mask of the options is not on its image's grid.</exception>
    /// <exception cref="RegistrationException">No overlap, too few samples inside, a constant image.</exception>
    public static RegistrationResult Register(Volume fixedImage, Volume moving, MatrixOffsetTransformBase transform,
        RegistrationOptions? options = null, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(moving);
        MatrixOffsetTransformBase initial = CenteredTransformInitializer.Execute(fixedImage.Geometry, moving.Geometry, transform);
        Volume<float> f = ImageFilters.Cast(fixedImage, PixelType.Float32, execution).As<float>();
        Volume<float> m = ImageFilters.Cast(moving, PixelType.Float32, execution).As<float>();
        return ImageRegistrationMethod.Execute(f, m, initial, options, execution);
    }

    /// <summary>
    /// The moving image resampled onto the fixed grid through <paramref name="transform"/> (linear interpolation,
    /// <paramref name="defaultPixelValue"/> outside), as the ITK script's final <c>Resample(moving, fixed, transform)</c>.
    /// </summary>
    /// <param name="fixedImage">Supplies the output grid.</param>
    /// <param name="moving">The image to resample (kept in its voxel type).</param>
    /// <param name="transform">Fixed → moving transform, e.g. <see cref="RegistrationResult.Transform"/>.</param>
    /// <param name="defaultPixelValue">Value where the mapped point falls outside the moving image (default 0).</param>
    /// <param name="execution">Threads, cancellation.</param>
    /// <returns>A volume on the fixed grid with the moving image's voxel type.</returns>
    /// <exception cref="ArgumentNullException">An image or <paramref name="transform"/> is null.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume ResampleMoving(Volume fixedImage, Volume moving, ITransform transform, double defaultPixelValue = 0, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(transform);
        return Resampler.Resample(moving, fixedImage.Geometry, transform, InterpolatorType.Linear, defaultPixelValue, execution: execution);
    }
}
