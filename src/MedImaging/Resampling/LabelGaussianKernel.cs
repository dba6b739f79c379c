using System.Numerics;
using MathNet.Numerics;

namespace MedImaging.Resampling;

/// <summary>
/// ITK's <c>LabelImageGaussianInterpolateImageFunction</c> as SimpleITK's <c>sitkLabelGaussian</c> sets it up:
/// σ = the input spacing on every axis (one voxel in index units) and cutoff α = 1 σ. Each voxel i of the
/// neighbourhood gets, per axis, the mass of a Gaussian centred on the continuous index over the voxel's extent
/// [i − ½, i + ½] (a difference of error functions), the axis masses are multiplied, the weights are summed per
/// label, and the label with the largest sum is returned: labels are voted on, never averaged. Ties go to the label
/// that reached the largest sum first in x-fastest order, as in ITK.
/// </summary>
internal static class LabelGaussianKernel
{
    /// <summary>Neighbourhood voxels per axis at most: [floor(c − ½), ceil(c + 1½)) spans at most 4.</summary>
    public const int MaxTaps = 4;

    /// <summary>Cutoff distance in index units: α · σ / spacing with SimpleITK's α = 1 and σ = spacing.</summary>
    private const double Cutoff = 1.0;

    /// <summary>1 / (√2 · σ / spacing), ITK's scaling of index distances into error-function arguments.</summary>
    private static readonly double Scaling = 1.0 / Math.Sqrt(2.0);

    /// <summary>
    /// The neighbourhood along one axis of <paramref name="n"/> voxels at continuous index <paramref name="c"/>: its
    /// first voxel and its per-voxel masses (the number of voxels is returned).
    /// </summary>
    public static int AxisWeights(double c, int n, out int begin, Span<double> weights)
    {
        const double start = -0.5;
        begin = Math.Max(0, (int)Math.Floor(c - start - Cutoff));
        int end = Math.Min(n, (int)Math.Ceiling(c - start + Cutoff));

        // ITK steps t by the scaling from the first voxel's lower edge, one erf per edge.
        double t = (start - c + begin) * Scaling;
        double last = SpecialFunctions.Erf(t);
        for (int i = begin; i < end; i++)
        {
            t += Scaling;
            double now = SpecialFunctions.Erf(t);
            weights[i - begin] = now - last;
            last = now;
        }

        return end - begin;
    }

    /// <summary>The winning label at continuous index <paramref name="c"/> of x-fastest <paramref name="samples"/>.</summary>
    public static double Evaluate<TS>(ReadOnlySpan<TS> samples, Size3 size, Vec3 c)
        where TS : unmanaged, INumber<TS>
    {
        Span<double> w = stackalloc double[3 * MaxTaps];
        int cx = AxisWeights(c.X, size.X, out int bx, w[..MaxTaps]);
        int cy = AxisWeights(c.Y, size.Y, out int by, w.Slice(MaxTaps, MaxTaps));
        int cz = AxisWeights(c.Z, size.Z, out int bz, w.Slice(2 * MaxTaps, MaxTaps));
        Span<double> labels = stackalloc double[MaxTaps * MaxTaps * MaxTaps];
        Span<double> sums = stackalloc double[MaxTaps * MaxTaps * MaxTaps];
        int distinct = 0;
        double best = 0, bestWeight = 0;
        for (int k = 0; k < cz; k++)
        {
            for (int j = 0; j < cy; j++)
            {
                int row = ((bz + k) * size.Y + by + j) * size.X + bx;
                for (int i = 0; i < cx; i++)
                {
                    double weight = w[i] * w[MaxTaps + j] * w[2 * MaxTaps + k];
                    double label = double.CreateTruncating(samples[row + i]);
                    int slot = labels[..distinct].IndexOf(label);
                    if (slot < 0)
                    {
                        slot = distinct++;
                        labels[slot] = label;
                        sums[slot] = 0;
                    }

                    sums[slot] += weight;
                    if (sums[slot] > bestWeight)
                    {
                        bestWeight = sums[slot];
                        best = label;
                    }
                }
            }
        }

        return best;
    }
}
