using System.Numerics;

namespace MedImaging.BiasCorrection;

/// <summary>
/// The voxels N4 fits: inside the mask (label rule of <see cref="N4Options"/>), with positive confidence and a
/// positive, finite intensity; their grid positions, log intensities and confidence weights, in voxel order.
/// </summary>
/// <param name="Points">Positions (and weights) for the B-spline fit.</param>
/// <param name="VoxelIndex">Linear voxel index (x fastest) of each sample.</param>
/// <param name="LogInput">Natural log of each sample's intensity.</param>
internal sealed record N4Samples(GridPointSet Points, int[] VoxelIndex, double[] LogInput)
{
    /// <summary>Number of samples.</summary>
    public int Count => VoxelIndex.Length;

    /// <summary>Selects the samples; throws <see cref="MedImagingException"/> when none is left.</summary>
    public static N4Samples Collect<T>(Volume<T> image, Volume<byte>? mask, Volume<float>? confidence, N4Options options)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> voxels = image.Voxels;
        ReadOnlySpan<byte> labels = mask is null ? default : mask.Voxels;
        ReadOnlySpan<float> weights = confidence is null ? default : confidence.Voxels;
        long inMask = 0;
        var selected = new List<int>();
        for (int n = 0; n < voxels.Length; n++)
        {
            if (mask is not null && (options.UseMaskLabel ? labels[n] != options.MaskLabel : labels[n] == 0))
            {
                continue;
            }

            if (confidence is not null && !(weights[n] > 0))
            {
                continue;
            }

            inMask++;
            double value = double.CreateTruncating(voxels[n]);
            if (value > 0 && double.IsFinite(value))
            {
                selected.Add(n);
            }
        }

        if (selected.Count == 0)
        {
            string region = mask is null ? "the image" : options.UseMaskLabel
                ? $"the mask (label {options.MaskLabel})"
                : "the mask (non-zero voxels)";
            throw new MedImagingException(inMask == 0
                ? $"N4 has no voxel to fit: {region} selects no voxel{(confidence is null ? string.Empty : " with positive confidence")}"
                : $"N4 has no voxel to fit: none of the {inMask} voxels selected in {region} has a positive intensity (N4 works on log intensities)");
        }

        Size3 size = image.Geometry.Size;
        int count = selected.Count;
        var x = new int[count];
        var y = new int[count];
        var z = new int[count];
        var index = new int[count];
        var logInput = new double[count];
        double[]? pointWeights = confidence is null ? null : new double[count];
        int slice = size.X * size.Y;
        for (int m = 0; m < count; m++)
        {
            int n = selected[m];
            index[m] = n;
            z[m] = n / slice;
            y[m] = n % slice / size.X;
            x[m] = n % size.X;
            logInput[m] = Math.Log(double.CreateTruncating(voxels[n]));
            if (pointWeights is not null)
            {
                pointWeights[m] = weights[n];
            }
        }

        return new N4Samples(new GridPointSet(size, x, y, z, pointWeights), index, logInput);
    }

    /// <summary>values[m] = grid[VoxelIndex[m]].</summary>
    public void Gather(double[] grid, double[] values)
    {
        for (int m = 0; m < VoxelIndex.Length; m++)
        {
            values[m] = grid[VoxelIndex[m]];
        }
    }
}
