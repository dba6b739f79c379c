using MathNet.Numerics;
using MedImaging.Resampling;
using MedImaging.Transforms;

namespace MedImaging.Tests.Resampling;

/// <summary>
/// Label-Gaussian voting (SimpleITK <c>sitkLabelGaussian</c>: σ = input spacing, α = 1) against analytic truths and a
/// direct evaluation of ITK's rule written here: voxel i of the neighbourhood [floor(c − ½), ceil(c + 1½)) ∩ [0, n)
/// weighs erf((i + ½ − c)/√2) − erf((i − ½ − c)/√2) per axis (index units, σ = 1 voxel), weights add per label, and
/// the largest sum wins (ties to the label reached first in x-fastest order).
/// </summary>
[TestFixture]
public class LabelGaussianTests
{
    [Test]
    public void TwoLabelBlocks_SwitchAtTheBoundaryBetweenVoxelCentres()
    {
        // Label 1 for x ≤ 7, label 2 for x ≥ 8, constant in y and z. By symmetry of the Gaussian the two shares are
        // equal exactly half-way, at x = 7.5 (a tie that ITK gives to label 1, met first); label 1 wins below it,
        // label 2 above.
        Volume<byte> labels = Blocks(x => x <= 7 ? (byte)1 : (byte)2);
        var reference = new VolumeGeometry(new Size3(41, 1, 1), new Vec3(0.05, 1, 1), new Vec3(6.5, 1, 1));
        Volume<byte> output = Resampler.Resample(labels, reference, interpolator: InterpolatorType.LabelGaussian);
        for (int i = 0; i < 41; i++)
        {
            double x = 6.5 + 0.05 * i;
            byte expected = x <= 7.5 + 1e-9 ? (byte)1 : (byte)2;
            Assert.That(output[i, 0, 0], Is.EqualTo(expected), $"x = {x}");
        }
    }

    [Test]
    public void OneVoxelLayer_KeptBetweenTheHalfVoxelBoundaries()
    {
        // A one-voxel layer of label 3 at x = 8 between labels 1 and 2: averaging interpolators would blur it into
        // intermediate values; the vote keeps label 3 over (7.5, 8.5] (the layer's own voxel has the largest mass
        // there; at 7.5 voxels 7 and 8 tie and label 1 is met first, at 8.5 voxels 8 and 9 tie and label 3 is) and
        // never produces a value that is not a label.
        Volume<byte> labels = Blocks(x => x < 8 ? (byte)1 : x == 8 ? (byte)3 : (byte)2);
        var reference = new VolumeGeometry(new Size3(61, 1, 1), new Vec3(0.05, 1, 1), new Vec3(6.5, 1, 1));
        Volume<byte> output = Resampler.Resample(labels, reference, interpolator: InterpolatorType.LabelGaussian);
        for (int i = 0; i < 61; i++)
        {
            double x = 6.5 + 0.05 * i;
            byte expected = x <= 7.5 + 1e-9 ? (byte)1 : x <= 8.5 + 1e-9 ? (byte)3 : (byte)2;
            Assert.That(output[i, 0, 0], Is.EqualTo(expected), $"x = {x}");
        }
    }

    [Test]
    public void RotatedRandomLabels_MatchDirectEvaluationAndOnlyInputLabels()
    {
        var grid = new VolumeGeometry(new Size3(14, 12, 9), new Vec3(0.9, 0.8, 2.0), new Vec3(5, -3, 10));
        var labels = new Volume<short>(grid);
        var random = new Random(5);
        short[] palette = [0, 1, 4, 17, 300];
        for (int i = 0; i < labels.Voxels.Length; i++)
        {
            labels.Voxels[i] = palette[random.Next(palette.Length)];
        }

        var rotation = new Euler3DTransform(grid.Center, 0.2, 0.1, -0.4, new Vec3(0.3, 0.2, -0.5));
        VolumeGeometry target = Resampler.GeometryForSpacing(grid, new Vec3(0.6, 0.7, 1.3));
        Volume<short> ours = Resampler.Resample(labels, target, rotation, InterpolatorType.LabelGaussian, -1);
        int checkedVoxels = 0;
        for (int z = 0; z < target.Size.Z; z++)
        {
            for (int y = 0; y < target.Size.Y; y++)
            {
                for (int x = 0; x < target.Size.X; x++)
                {
                    Vec3 c = grid.TransformPhysicalPointToContinuousIndex(rotation.TransformPoint(target.TransformIndexToPhysicalPoint(x, y, z)));
                    if (!grid.IsInsideContinuous(c))
                    {
                        Assert.That(ours[x, y, z], Is.EqualTo(-1));
                        continue;
                    }

                    Assert.That(ours[x, y, z], Is.EqualTo(Direct(labels, c)), $"voxel ({x}, {y}, {z}) at continuous index {c}");
                    checkedVoxels++;
                }
            }
        }

        Assert.That(checkedVoxels, Is.GreaterThan(1000));
    }

    private static Volume<byte> Blocks(Func<int, byte> labelOfX)
    {
        var v = new Volume<byte>(new VolumeGeometry(new Size3(16, 3, 3)));
        for (int z = 0; z < 3; z++)
        {
            for (int y = 0; y < 3; y++)
            {
                for (int x = 0; x < 16; x++)
                {
                    v[x, y, z] = labelOfX(x);
                }
            }
        }

        return v;
    }

    private static short Direct(Volume<short> v, Vec3 c)
    {
        var sums = new Dictionary<short, double>();
        short best = 0;
        double bestSum = 0;
        (int Begin, int End) Range(double ci, int n) => (Math.Max(0, (int)Math.Floor(ci - 0.5)), Math.Min(n, (int)Math.Ceiling(ci + 1.5)));
        double Mass(int i, double ci) => SpecialFunctions.Erf((i + 0.5 - ci) / Math.Sqrt(2)) - SpecialFunctions.Erf((i - 0.5 - ci) / Math.Sqrt(2));
        (int x0, int x1) = Range(c.X, v.Size.X);
        (int y0, int y1) = Range(c.Y, v.Size.Y);
        (int z0, int z1) = Range(c.Z, v.Size.Z);
        for (int k = z0; k < z1; k++)
        {
            for (int j = y0; j < y1; j++)
            {
                for (int i = x0; i < x1; i++)
                {
                    short label = v[i, j, k];
                    double sum = sums.GetValueOrDefault(label) + (Mass(i, c.X) * Mass(j, c.Y) * Mass(k, c.Z));
                    sums[label] = sum;

                    // Exact ties (equal masses of distinct labels) go to the label met first, as in ITK; sums that
                    // differ only in their last bits would be rounding-dependent, and do not occur with these labels
                    // (the test would fail on such a voxel, it does not).
                    if (sum > bestSum)
                    {
                        bestSum = sum;
                        best = label;
                    }
                }
            }
        }

        return best;
    }
}
