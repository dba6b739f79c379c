using System.Numerics;
using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class SmoothingFilterTests
{
    private static Volume<float> Delta(Size3 size, Vec3 spacing, Mat3? direction = null)
    {
        var v = new Volume<float>(new VolumeGeometry(size, spacing, new Vec3(-3, 7, 11), direction ?? Mat3.Identity));
        v[size.X / 2, size.Y / 2, size.Z / 2] = 1f;
        return v;
    }

    [Test]
    public void SmoothingRecursiveGaussian_DeltaOnAnisotropicGrid_MatchesSampledGaussianInMm()
    {
        // sigma 3 mm on spacing (1, 2, 0.75): 3, 1.5 and 4 voxels — the response must follow the mm, not the voxels.
        var spacing = new Vec3(1, 2, 0.75);
        Volume<float> delta = Delta(new Size3(41, 31, 49), spacing);
        const double sigma = 3.0;
        Volume<float> s = ImageFilters.SmoothingRecursiveGaussian(delta, sigma);
        int cx = 20, cy = 15, cz = 24;
        double peak = 0;
        double worst = 0;
        for (int z = 0; z < 49; z++)
        {
            for (int y = 0; y < 31; y++)
            {
                for (int x = 0; x < 41; x++)
                {
                    double dx = (x - cx) * spacing.X, dy = (y - cy) * spacing.Y, dz = (z - cz) * spacing.Z;
                    // Sampled continuous Gaussian times voxel volume: the discrete response of a unit impulse.
                    double expected = Math.Exp(-((dx * dx) + (dy * dy) + (dz * dz)) / (2 * sigma * sigma))
                                      * spacing.X * spacing.Y * spacing.Z / Math.Pow(2 * Math.PI * sigma * sigma, 1.5);
                    peak = Math.Max(peak, expected);
                    worst = Math.Max(worst, Math.Abs(s[x, y, z] - expected));
                }
            }
        }

        // Deriche's 4th-order fit deviates from the true Gaussian by well under 1 % of the peak once sigma ≥ 1.5
        // voxels (Deriche 1993, Table 1: relative L2 error ~1e-3); 1.5 % of the peak leaves room for the sampled
        // Gaussian's own discretisation error at 1.5 voxels.
        Assert.That(worst, Is.LessThan(0.015 * peak));
    }

    [Test]
    public void SmoothingRecursiveGaussian_Constant_StaysConstant()
    {
        var v = new Volume<short>(new VolumeGeometry(new Size3(9, 7, 5), new Vec3(0.7, 0.7, 5), Vec3.Zero));
        v.Fill(-1000);
        Volume<float> s = ImageFilters.SmoothingRecursiveGaussian(v, 2.0);
        // ITK normalises the kernel so a constant passes exactly; only float32 storage rounding remains (2^-24 × 1000).
        foreach (float f in s.Voxels)
        {
            Assert.That(f, Is.EqualTo(-1000f).Within(1e-3));
        }
    }

    [Test]
    public void GradientRecursiveGaussian_LinearRampWithRotatedDirection_GivesLpsGradient()
    {
        // f(p) = a·p for an LPS point p: its gradient is a everywhere, whatever the grid's direction and spacing.
        var direction = new Mat3(0, -1, 0, 1, 0, 0, 0, 0, 1); // index x → LPS y, index y → LPS −x
        var geometry = new VolumeGeometry(new Size3(64, 48, 40), new Vec3(0.8, 1.2, 2.0), new Vec3(5, -2, 1), direction);
        var a = new Vec3(0.5, -2.0, 3.0);
        var ramp = new Volume<float>(geometry);
        for (int z = 0; z < 40; z++)
        {
            for (int y = 0; y < 48; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    ramp[x, y, z] = (float)Vec3.Dot(a, geometry.TransformIndexToPhysicalPoint(x, y, z));
                }
            }
        }

        GradientVolumes g = ImageFilters.GradientRecursiveGaussian(ramp, sigma: 2.0);
        // Central voxels, ≥ 20 voxels from every border: constant edge extension bends the ramp there and the IIR
        // tail decays by exp(-1.39/sigma_voxels) per voxel (≤ 0.57 here), so the border's influence is < 1e-4.
        // Deriche's derivative is normalised so a ramp of 1 per mm gives exactly 1; 1e-3 covers float32 storage.
        for (int z = 18; z < 22; z++)
        {
            for (int y = 20; y < 28; y += 2)
            {
                for (int x = 28; x < 36; x += 2)
                {
                    Assert.That(g.X[x, y, z], Is.EqualTo(a.X).Within(1e-3));
                    Assert.That(g.Y[x, y, z], Is.EqualTo(a.Y).Within(1e-3));
                    Assert.That(g.Z[x, y, z], Is.EqualTo(a.Z).Within(1e-3));
                }
            }
        }
    }

    [Test]
    public void GradientMagnitude_LinearRamp_IsSlopeInMm()
    {
        var geometry = new VolumeGeometry(new Size3(8, 6, 5), new Vec3(0.5, 2, 4), Vec3.Zero);
        var v = new Volume<float>(geometry);
        for (int z = 0; z < 5; z++)
        {
            for (int y = 0; y < 6; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    v[x, y, z] = (float)((3 * x * 0.5) + (4 * z * 4.0));
                }
            }
        }

        Volume<float> m = ImageFilters.GradientMagnitude(v);
        // |(3, 0, 4)| = 5 per mm in the interior; central differences of a linear function are exact.
        Assert.That(m[3, 2, 2], Is.EqualTo(5f).Within(1e-5));
        // At the x edge the replicated neighbour halves the x difference: (1.5/(2·0.5), 0, 4) → sqrt(1.5² + 4²).
        Assert.That(m[0, 2, 2], Is.EqualTo(Math.Sqrt((1.5 * 1.5) + 16)).Within(1e-5));
    }

    [Test]
    public void DiscreteGaussian_VarianceOneVoxel_UsesItkBesselKernel()
    {
        // e^-1·I_n(1) from tables (Abramowitz & Stegun 9.8): I0 = 1.266065878, I1 = 0.565159104, I2 = 0.135747670,
        // I3 = 0.022168425; the sum passes 0.99 after n = 3, so ITK keeps 7 taps normalised by their sum.
        double[] bessel = [1.266065878, 0.565159104, 0.135747670, 0.022168425];
        double sum = bessel[0] + (2 * (bessel[1] + bessel[2] + bessel[3]));
        double[] half = ImageFilters.GaussianKernelHalf(1.0, 0.01, 32);
        Assert.That(half, Has.Length.EqualTo(4));
        for (int i = 0; i < 4; i++)
        {
            // Table values carry 9 digits.
            Assert.That(half[i], Is.EqualTo(bessel[i] / sum).Within(1e-8));
        }

        Volume<float> delta = Delta(new Size3(11, 11, 11), new Vec3(2, 2, 2));
        Volume<float> s = ImageFilters.DiscreteGaussian(delta, variance: 4.0); // 4 mm² on 2 mm voxels = 1 voxel²
        // Separable: the centre is the product of three centre taps (float32 storage).
        Assert.That(s[5, 5, 5], Is.EqualTo(Math.Pow(bessel[0] / sum, 3)).Within(1e-6));
        Assert.That(s[7, 5, 5], Is.EqualTo(Math.Pow(bessel[0] / sum, 2) * bessel[2] / sum).Within(1e-6));
    }

    [Test]
    public void Smoothing_OneAndTwoThreads_BitIdentical()
    {
        var rng = new Random(5);
        var v = new Volume<float>(new VolumeGeometry(new Size3(37, 29, 23), new Vec3(0.7, 0.9, 3), Vec3.Zero));
        for (int i = 0; i < v.Voxels.Length; i++)
        {
            v.Voxels[i] = (float)rng.NextDouble();
        }

        var one = new ExecutionOptions { MaxDegreeOfParallelism = 1 };
        var two = new ExecutionOptions { MaxDegreeOfParallelism = 2 };
        Assert.That(ImageFilters.SmoothingRecursiveGaussian(v, 1.5, execution: two).Voxels.ToArray(),
            Is.EqualTo(ImageFilters.SmoothingRecursiveGaussian(v, 1.5, execution: one).Voxels.ToArray()));
        Assert.That(ImageFilters.GradientRecursiveGaussian(v, 1.5, execution: two).Z.Voxels.ToArray(),
            Is.EqualTo(ImageFilters.GradientRecursiveGaussian(v, 1.5, execution: one).Z.Voxels.ToArray()));
    }

    [Test]
    [Category("Simd")]
    public void RecursiveGaussianFilter_VectorAndScalar_AgreeBitForBit()
    {
        var kernel = RecursiveGaussianKernel.Create(1.7, 0.9, GaussianOrder.First, normalizeAcrossScale: false);
        var rng = new Random(11);
        int maxLanes = (4 * Vector<double>.Count) + 3;
        for (int lanes = 1; lanes <= maxLanes; lanes++)
        {
            foreach (int n in new[] { 1, 2, 5, 17 })
            {
                double[] data = new double[n * lanes];
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = rng.NextDouble() * 100;
                }

                double[] fast = new double[data.Length], scratch = new double[data.Length];
                kernel.Filter(data, fast, scratch, n, lanes);
                double[] slow = new double[data.Length];
                for (int l = 0; l < lanes; l++)
                {
                    kernel.FilterScalar(data, slow, scratch, n, lanes, l);
                }

                Assert.That(fast, Is.EqualTo(slow), $"lanes {lanes}, n {n}");
            }
        }
    }
}
