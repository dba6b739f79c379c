using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// Parameter scales as ITK's <c>RegistrationParameterScalesFromPhysicalShift</c> / <c>...FromIndexShift</c> for
/// transforms with global support (corner sampling of the virtual domain): scale_i = (max shift / δ)², the largest
/// shift of the 8 virtual-domain corners when parameter i changes by δ (default 0.01), in mm (physical) or in
/// virtual-grid voxels (index); zero shifts take the smallest non-zero one.
/// </summary>
public static class ParameterScales
{
    /// <summary>Scales from the physical shift (mm) of the domain's corners.</summary>
    /// <param name="transform">The transform at its current parameters (left unchanged).</param>
    /// <param name="virtualDomain">The grid whose 8 corner voxel centres are moved.</param>
    /// <param name="smallParameterVariation">δ, default 0.01 (ITK's).</param>
    /// <returns>One positive scale per parameter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> or <paramref name="virtualDomain"/> is null.</exception>
    public static double[] FromPhysicalShift(IParametricTransform transform, VolumeGeometry virtualDomain, double smallParameterVariation = 0.01) =>
        Estimate(transform, virtualDomain, smallParameterVariation, index: false);

    /// <summary>Scales from the shift of the corners in virtual-grid voxels (continuous index).</summary>
    /// <param name="transform">The transform at its current parameters (left unchanged).</param>
    /// <param name="virtualDomain">The grid whose corners are moved and in whose voxels shifts are measured.</param>
    /// <param name="smallParameterVariation">δ, default 0.01.</param>
    /// <returns>One positive scale per parameter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> or <paramref name="virtualDomain"/> is null.</exception>
    public static double[] FromIndexShift(IParametricTransform transform, VolumeGeometry virtualDomain, double smallParameterVariation = 0.01) =>
        Estimate(transform, virtualDomain, smallParameterVariation, index: true);

    /// <summary>
    /// ITK's <c>EstimateStepScale</c> for the physical-shift estimator: the largest distance (mm) any of the 8 corner
    /// voxel centres of <paramref name="virtualDomain"/> moves when the transform is updated by <paramref name="step"/>.
    /// </summary>
    internal static double MaximumPhysicalShift(IParametricTransform transform, VolumeGeometry virtualDomain, ReadOnlySpan<double> step)
    {
        IParametricTransform moved = transform.Clone();
        moved.UpdateTransformParameters(step);
        double max = 0;
        foreach (Vec3 corner in virtualDomain.CornerPoints())
        {
            max = Math.Max(max, (moved.TransformPoint(corner) - transform.TransformPoint(corner)).Length);
        }

        return max;
    }

    private static double[] Estimate(IParametricTransform transform, VolumeGeometry virtualDomain, double delta, bool index)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(virtualDomain);
        return Estimate(transform, virtualDomain.CornerPoints(), delta, index ? virtualDomain.PhysicalToIndexMatrix : Mat3.Identity);
    }

    /// <summary>Scales from the largest shift of <paramref name="corners"/> mapped by <paramref name="measure"/> (identity: mm).</summary>
    private static double[] Estimate(IParametricTransform transform, Vec3[] corners, double delta, Mat3 measure)
    {
        double[] start = transform.Parameters;
        var baseline = corners.Select(transform.TransformPoint).ToArray();
        int n = transform.NumberOfParameters;
        double[] scales = new double[n];
        double minNonZero = double.MaxValue;
        double[] shifted = new double[n];
        try
        {
            for (int i = 0; i < n; i++)
            {
                start.CopyTo(shifted, 0);
                shifted[i] += delta;
                transform.SetParameters(shifted);
                double max = 0;
                for (int c = 0; c < corners.Length; c++)
                {
                    Vec3 d = measure * (transform.TransformPoint(corners[c]) - baseline[c]);
                    max = Math.Max(max, d.Length);
                }

                scales[i] = max;
                if (max > double.Epsilon && max < minNonZero)
                {
                    minNonZero = max;
                }
            }
        }
        finally
        {
            transform.SetParameters(start);
        }

        for (int i = 0; i < n; i++)
        {
            double shift = minNonZero == double.MaxValue ? delta : (scales[i] <= double.Epsilon ? minNonZero : scales[i]);
            scales[i] = shift * shift / (delta * delta);
        }

        return scales;
    }
}
