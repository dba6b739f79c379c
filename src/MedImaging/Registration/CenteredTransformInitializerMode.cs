namespace MedImaging.Registration;

/// <summary>
/// How <see cref="CenteredTransformInitializer"/> finds the two centres (SimpleITK's
/// <c>CenteredTransformInitializerFilter.GEOMETRY</c> / <c>MOMENTS</c>).
/// </summary>
public enum CenteredTransformInitializerMode
{
    /// <summary>The geometric centres: each image's physical point at continuous index (size − 1)/2.</summary>
    Geometry,

    /// <summary>The intensity centres of mass (ITK's <c>ImageMomentsCalculator</c> centre of gravity, LPS mm).</summary>
    Moments,
}
