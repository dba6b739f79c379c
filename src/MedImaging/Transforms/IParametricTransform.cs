namespace MedImaging.Transforms;

/// <summary>
/// A transform with ITK's parameter interface: an ordered parameter vector (optimized by registration), fixed
/// parameters (e.g. the centre of rotation, never optimized), the Jacobian of <c>T(x)</c> with respect to the
/// parameters, and the inverse. Every concrete transform in this namespace implements it.
/// </summary>
/// <remarks>
/// Parameters are read and written as copies (<see cref="Parameters"/>) or without allocation
/// (<see cref="GetParameters"/>, <see cref="SetParameters"/>). Transforms are mutable like ITK's; reading methods
/// (<see cref="ITransform.TransformPoint"/>, the Jacobian) may run concurrently as long as nobody sets parameters.
/// </remarks>
public interface IParametricTransform : IMatrixOffsetTransform
{
    /// <summary>ITK's class name (<c>GetNameOfClass()</c>), e.g. "Euler3DTransform"; the type written to .tfm files.</summary>
    string NameOfClass { get; }

    /// <summary>The number of parameters (ITK <c>GetNumberOfParameters()</c>).</summary>
    int NumberOfParameters { get; }

    /// <summary>The number of fixed parameters (ITK <c>GetFixedParameters().size()</c>).</summary>
    int NumberOfFixedParameters { get; }

    /// <summary>A copy of the parameters in ITK's order; setting copies and applies them.</summary>
    double[] Parameters { get; set; }

    /// <summary>A copy of the fixed parameters in ITK's order; setting copies and applies them.</summary>
    double[] FixedParameters { get; set; }

    /// <summary>Copies the parameters into <paramref name="destination"/> (length <see cref="NumberOfParameters"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="NumberOfParameters"/>.</exception>
    void GetParameters(Span<double> destination);

    /// <summary>Sets the parameters (length <see cref="NumberOfParameters"/>, ITK's order).</summary>
    /// <exception cref="ArgumentException">Wrong length or a non-finite value.</exception>
    void SetParameters(ReadOnlySpan<double> parameters);

    /// <summary>Copies the fixed parameters into <paramref name="destination"/> (length <see cref="NumberOfFixedParameters"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="NumberOfFixedParameters"/>.</exception>
    void GetFixedParameters(Span<double> destination);

    /// <summary>Sets the fixed parameters (ITK's order; see each transform for the accepted lengths).</summary>
    /// <exception cref="ArgumentException">Wrong length or a non-finite value.</exception>
    void SetFixedParameters(ReadOnlySpan<double> fixedParameters);

    /// <summary>
    /// The Jacobian of <c>T(x)</c> with respect to the parameters at the LPS point <paramref name="point"/> (mm), as
    /// ITK's <c>ComputeJacobianWithRespectToParameters</c>: a 3 × <see cref="NumberOfParameters"/> matrix written
    /// row-major, <c>jacobian[i * NumberOfParameters + p] = ∂T_i(x)/∂parameter_p</c> (mm per parameter unit).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> is shorter than 3 × <see cref="NumberOfParameters"/>.</exception>
    void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian);

    /// <summary>
    /// Applies an optimizer step as ITK's <c>UpdateTransformParameters(update, factor)</c>: parameters +=
    /// factor · update, except that versor parameters are composed as rotations (VersorRigid3D, Similarity3D).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="update"/> does not have <see cref="NumberOfParameters"/> values.</exception>
    void UpdateTransformParameters(ReadOnlySpan<double> update, double factor = 1.0);

    /// <summary>The inverse transform, same kind where ITK returns the same kind (ITK <c>GetInverse</c>).</summary>
    /// <exception cref="MedImagingException">The transform is not invertible (singular matrix, zero scale).</exception>
    IParametricTransform GetInverse();

    /// <summary>An independent copy (parameters, fixed parameters and, for a composite, every sub-transform).</summary>
    IParametricTransform Clone();
}
