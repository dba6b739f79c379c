using MedImaging.BiasCorrection;

namespace MedImaging.Tests.BiasCorrection;

public sealed class BSplineKernelTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void Weights_AnyOrder_MatchCentredBSplineAndSumToOne(int order)
    {
        var w = new double[order + 1];
        for (double t = 0; t < 1; t += 0.0625)
        {
            BSplineKernel.Weights(order, t, w);
            for (int k = 0; k <= order; k++)
            {
                // Definition of the basis: β_d(t − k + (d−1)/2); closed form vs truncated-power sum, rounding only.
                Assert.That(w[k], Is.EqualTo(BSplineKernel.CentredBSpline(order, t - k + 0.5 * (order - 1))).Within(1e-12));
            }

            // Partition of unity of uniform B-splines, exact up to rounding.
            Assert.That(w.Sum(), Is.EqualTo(1.0).Within(1e-12));
        }
    }

    [Test]
    public void CentredBSpline_Cubic_MatchesTextbookPieces()
    {
        // β3(x) = (4 − 6x² + 3|x|³)/6 for |x| < 1, (2 − |x|)³/6 for 1 ≤ |x| < 2 (Unser 1999); rounding only.
        foreach (double x in new[] { -2.5, -1.7, -1.0, -0.3, 0.0, 0.4, 1.2, 1.99 })
        {
            double a = Math.Abs(x);
            double expected = a < 1 ? (4 - 6 * a * a + 3 * a * a * a) / 6 : a < 2 ? Math.Pow(2 - a, 3) / 6 : 0;
            Assert.That(BSplineKernel.CentredBSpline(3, x), Is.EqualTo(expected).Within(1e-12));
        }
    }

    [Test]
    public void RefinementMask_Cubic_IsOneFourSixFourOneOverEight()
    {
        // Two-scale relation of the cubic B-spline (Lane–Riesenfeld subdivision): (1, 4, 6, 4, 1)/8.
        Assert.That(BSplineKernel.RefinementMask(3), Is.EqualTo(new[] { 0.125, 0.5, 0.75, 0.5, 0.125 }));
    }

    [Test]
    public void Parameter_LastIndex_PulledInsideByItkEpsilon()
    {
        // ITK maps the last grid point u = spans to spans − spans/(n−1)·1e-3 so it stays inside [0, spans).
        Assert.That(BSplineKernel.Parameter(0, 48, 1), Is.EqualTo(0.0));
        Assert.That(BSplineKernel.Parameter(47, 48, 1), Is.EqualTo(1 - 1e-3 / 47).Within(1e-15));
        Assert.That(BSplineKernel.Parameter(10, 21, 8), Is.EqualTo(4.0));
    }

    [TestCase(3)]
    [TestCase(2)]
    [TestCase(1)]
    public void Refine_AnyLattice_SameFunctionWithDoubledSpans(int order)
    {
        var random = new Random(7);
        var size = new Size3(order + 2, order + 1, order + 3);
        var values = new double[size.VoxelCount];
        for (int n = 0; n < values.Length; n++)
        {
            values[n] = random.NextDouble() - 0.5;
        }

        var lattice = new BSplineControlPointLattice(size, order, values);
        BSplineControlPointLattice refined = lattice.Refine();
        Assert.That(refined.Size, Is.EqualTo(new Size3(2 * size.X - order, 2 * size.Y - order, 2 * size.Z - order)));
        var grid = new VolumeGeometry(new Size3(13, 9, 11));
        float[] coarse = lattice.Evaluate(grid).Voxels.ToArray();
        float[] fine = refined.Evaluate(grid).Voxels.ToArray();
        for (int n = 0; n < coarse.Length; n++)
        {
            // Subdivision is exact; the two evaluations differ only by float32 rounding of values of order 1.
            Assert.That(fine[n], Is.EqualTo(coarse[n]).Within(2e-6), $"voxel {n}");
        }
    }

    [Test]
    public void Refine_N4Levels_FourFiveSevenEleven()
    {
        // ITK N4 with 4 control points and 4 levels: 4 → 2·4−3 = 5 → 7 → 11 per axis.
        var lattice = new BSplineControlPointLattice(new Size3(4, 4, 4), 3, new double[64]);
        Assert.That(lattice.Refine().Refine().Refine().Size, Is.EqualTo(new Size3(11, 11, 11)));
    }

    [Test]
    public void Constructor_TooFewControlPoints_Throws()
    {
        Assert.That(() => new BSplineControlPointLattice(new Size3(3, 4, 4), 3, new double[48]), Throws.ArgumentException);
        Assert.That(() => new BSplineControlPointLattice(new Size3(4, 4, 4), 3, new double[10]), Throws.ArgumentException);
    }
}
