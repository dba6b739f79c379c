namespace MedImaging.Filters;

/// <summary>The output of the Triangle, Li, Huang and Moments threshold filters.</summary>
/// <param name="Mask">insideValue where voxel ≤ <paramref name="Threshold"/>, outsideValue above (0 where the mask is 0).</param>
/// <param name="Threshold">The threshold in intensity units, converted to the voxel type (truncated for integers).</param>
public sealed record HistogramThresholdResult(Volume<byte> Mask, double Threshold);
