namespace MedImaging.Filters;

/// <summary>
/// Whole-image statistics with SimpleITK's <c>StatisticsImageFilter</c> names, in the image's units (e.g. HU).
/// </summary>
/// <param name="Minimum">Smallest voxel value (NaN voxels ignored; NaN when every voxel is NaN).</param>
/// <param name="Maximum">Largest voxel value (NaN voxels ignored; NaN when every voxel is NaN).</param>
/// <param name="Mean">Sum / Count (NaN when any voxel is NaN).</param>
/// <param name="Sigma">Sample standard deviation, √Variance.</param>
/// <param name="Variance">Sample variance with n − 1 in the denominator, as ITK (NaN for one voxel).</param>
/// <param name="Sum">Sum of all voxels (exact before the final rounding to double for integer types).</param>
/// <param name="Count">Number of voxels, NaN voxels included.</param>
public sealed record StatisticsResult(double Minimum, double Maximum, double Mean, double Sigma, double Variance, double Sum, long Count);
