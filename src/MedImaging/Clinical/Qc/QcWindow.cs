using System.Numerics;
using MedImaging.Measurements;

namespace MedImaging.Clinical.Qc;

/// <summary>
/// A display window (width and level, in the image's units, e.g. HU): values at or below
/// <see cref="Lower"/> = level − width/2 are black, at or above <see cref="Upper"/> = level + width/2 white, and
/// linear in between, grey = ⌊255 · (v − Lower) / width + 0.5⌋. (DICOM's VOI LUT function LINEAR differs by its
/// integer terms, c − 0.5 and w − 1: at most one grey level for integer images with W ≥ 256.)
/// </summary>
/// <param name="Width">Window width, &gt; 0.</param>
/// <param name="Level">Window centre (level).</param>
public readonly record struct QcWindow(double Width, double Level)
{
    /// <summary>Soft-tissue CT window, W 400 / L 40 HU.</summary>
    public static QcWindow CtSoftTissue { get; } = new(400, 40);

    /// <summary>Lung CT window, W 1500 / L −600 HU.</summary>
    public static QcWindow CtLung { get; } = new(1500, -600);

    /// <summary>Bone CT window, W 2000 / L 300 HU.</summary>
    public static QcWindow CtBone { get; } = new(2000, 300);

    /// <summary>Largest number of voxels the percentile window sorts; larger volumes are subsampled with a fixed stride.</summary>
    public const int MaxPercentileSamples = 1 << 20;

    /// <summary>Lowest value mapped above black: level − width/2.</summary>
    public double Lower => Level - Width / 2;

    /// <summary>Value mapped to white: level + width/2.</summary>
    public double Upper => Level + Width / 2;

    /// <summary>The 8-bit grey level of <paramref name="value"/>; NaN (outside the image) is black.</summary>
    public byte Map(double value)
    {
        if (!(value > Lower))
        {
            return 0;
        }

        if (value >= Upper)
        {
            return 255;
        }

        return (byte)Math.Floor(255 * (value - Lower) / Width + 0.5);
    }

    /// <summary>Checks the window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is not a positive finite number or the level is not finite.</exception>
    public void Validate()
    {
        if (!(Width > 0) || !double.IsFinite(Width) || !double.IsFinite(Level))
        {
            throw new ArgumentOutOfRangeException(nameof(Width), $"window W{Width} L{Level} needs a positive finite width and a finite level");
        }
    }

    /// <summary>
    /// The window from the <paramref name="lowerPercentile"/>-th to the <paramref name="upperPercentile"/>-th
    /// percentile of the finite voxel values (MR default 1–99), linear interpolation between order statistics
    /// (numpy's default). Volumes above <see cref="MaxPercentileSamples"/> voxels are sampled every
    /// ⌈N / MaxPercentileSamples⌉-th voxel in memory order, so the result is deterministic. A constant image gets
    /// width 1 centred on its value.
    /// </summary>
    /// <param name="volume">The image.</param>
    /// <param name="lowerPercentile">Lower percentile in [0, 100).</param>
    /// <param name="upperPercentile">Upper percentile in (lower, 100].</param>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The percentiles are not 0 ≤ lower &lt; upper ≤ 100.</exception>
    /// <exception cref="ArgumentException">The volume has no finite value.</exception>
    public static QcWindow FromPercentiles(Volume volume, double lowerPercentile = 1, double upperPercentile = 99)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (!(lowerPercentile >= 0 && lowerPercentile < upperPercentile && upperPercentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerPercentile), $"percentiles {lowerPercentile} and {upperPercentile} must satisfy 0 <= lower < upper <= 100");
        }

        double[] sorted = volume.Accept(new SampleVisitor());
        if (sorted.Length == 0)
        {
            throw new ArgumentException("the volume has no finite voxel value to window", nameof(volume));
        }

        Array.Sort(sorted);
        double low = ImageMeasurements.Percentile(sorted, lowerPercentile / 100);
        double high = ImageMeasurements.Percentile(sorted, upperPercentile / 100);
        return high > low ? new QcWindow(high - low, (low + high) / 2) : new QcWindow(1, low);
    }

    private sealed class SampleVisitor : IVolumeVisitor<double[]>
    {
        public double[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            ReadOnlySpan<T> voxels = volume.Voxels;
            int stride = (int)Math.Max(1, (voxels.Length + (long)MaxPercentileSamples - 1) / MaxPercentileSamples);
            var samples = new List<double>(voxels.Length / stride + 1);
            for (int i = 0; i < voxels.Length; i += stride)
            {
                double v = double.CreateTruncating(voxels[i]);
                if (double.IsFinite(v))
                {
                    samples.Add(v);
                }
            }

            return [.. samples];
        }
    }
}
