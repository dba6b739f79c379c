using MedImaging.BiasCorrection;

namespace MedImaging.Tests.BiasCorrection;

public sealed class N4BiasFieldCorrectionTests
{
    [Test]
    public void Execute_PolynomialLogField_RecoveredToCorrelation099()
    {
        (Volume<float> image, Volume<byte> mask, double[] truth) = BiasedPhantom();
        N4Result result = N4BiasFieldCorrection.Execute(image, mask);
        double r = MaskedCorrelation(result.LogBiasField.Voxels.ToArray(), truth, mask);
        // Acceptance criterion of issue #8: a known low-order log field is recovered up to a constant, r ≥ 0.99.
        Assert.That(r, Is.GreaterThanOrEqualTo(0.99));
        Assert.That(result.Iterations, Has.Count.EqualTo(4));
        Assert.That(result.ControlPointLattice.Size, Is.EqualTo(new Size3(11, 11, 11)));
        Assert.That(result.Corrected.Voxels.ToArray().All(float.IsFinite), Is.True);
    }

    [Test]
    public void Execute_OneAndTwoThreads_BitIdentical()
    {
        (Volume<float> image, Volume<byte> mask, _) = BiasedPhantom();
        var options = new N4Options { MaximumNumberOfIterations = [5, 4], ConvergenceThreshold = 0 };
        N4Result one = N4BiasFieldCorrection.Execute(image, mask, options, execution: new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        N4Result two = N4BiasFieldCorrection.Execute(image, mask, options, execution: new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(two.ControlPointLattice.Values.ToArray(), Is.EqualTo(one.ControlPointLattice.Values.ToArray()));
        Assert.That(two.Corrected.Voxels.ToArray(), Is.EqualTo(one.Corrected.Voxels.ToArray()));
        Assert.That(two.ConvergenceValues, Is.EqualTo(one.ConvergenceValues));
    }

    [Test]
    public void Execute_ThresholdZero_RunsEveryIterationAndReportsEach()
    {
        (Volume<float> image, Volume<byte> mask, _) = BiasedPhantom();
        var reports = new List<ProgressReport>();
        var progress = new SynchronousProgress(reports);
        var options = new N4Options { MaximumNumberOfIterations = [3, 2], ConvergenceThreshold = 0 };
        N4Result result = N4BiasFieldCorrection.Execute(image, mask, options, execution: new ExecutionOptions { Progress = progress });
        Assert.That(result.Iterations, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(reports, Has.Count.EqualTo(5));
        Assert.That(reports[^1].Fraction, Is.EqualTo(1.0));
    }

    [Test]
    public void Execute_Cancelled_ThrowsBetweenIterations()
    {
        (Volume<float> image, Volume<byte> mask, _) = BiasedPhantom();
        using var source = new CancellationTokenSource();
        var progress = new SynchronousProgress([], source.Cancel);
        var execution = new ExecutionOptions { CancellationToken = source.Token, Progress = progress };
        Assert.That(() => N4BiasFieldCorrection.Execute(image, mask, execution: execution), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Execute_ConstantImage_ZeroFieldAndUnchanged()
    {
        var image = new Volume<float>(new VolumeGeometry(new Size3(8, 8, 8)));
        image.Voxels.Fill(42f);
        N4Result result = N4BiasFieldCorrection.Execute(image);
        // Degenerate histogram → identity sharpening → zero residual → zero field, convergence 0 after one iteration.
        Assert.That(result.LogBiasField.Voxels.ToArray(), Is.All.EqualTo(0f));
        Assert.That(result.Corrected.Voxels.ToArray(), Is.All.EqualTo(42f));
        Assert.That(result.Iterations, Is.EqualTo(new[] { 1, 1, 1, 1 }));
    }

    [Test]
    public void Execute_NonPositiveIntensities_LeftOutOfFitNoNaN()
    {
        (Volume<float> image, Volume<byte> mask, _) = BiasedPhantom();
        long included = mask.Voxels.ToArray().Count(v => v == 1);
        image[24, 24, 20] = 0;
        image[25, 24, 20] = -5;
        var options = new N4Options { MaximumNumberOfIterations = [3], ConvergenceThreshold = 0 };
        N4Result result = N4BiasFieldCorrection.Execute(image, mask, options);
        Assert.That(result.IncludedVoxels, Is.EqualTo(included - 2));
        Assert.That(result.Corrected.Voxels.ToArray().All(float.IsFinite), Is.True);
        Assert.That(result.Corrected[24, 24, 20], Is.EqualTo(0f));
        Assert.That(result.Corrected[25, 24, 20], Is.LessThan(0f));
    }

    [Test]
    public void Execute_ConfidenceOnes_SameAsNoConfidence()
    {
        // Weight 1 everywhere enters the fit's sums as the factor 1: exactly the unweighted fit.
        (Volume<float> image, Volume<byte> mask, _) = BiasedPhantom();
        var ones = Volume<float>.CreateLike(image);
        ones.Voxels.Fill(1f);
        var options = new N4Options { MaximumNumberOfIterations = [3, 2], ConvergenceThreshold = 0 };
        N4Result plain = N4BiasFieldCorrection.Execute(image, mask, options);
        N4Result weighted = N4BiasFieldCorrection.Execute(image, mask, options, ones);
        Assert.That(weighted.ControlPointLattice.Values.ToArray(), Is.EqualTo(plain.ControlPointLattice.Values.ToArray()));
    }

    [Test]
    public void Execute_ZeroConfidenceRegion_SameAsMaskingItOut()
    {
        // ITK: a voxel with confidence ≤ 0 is excluded exactly like a voxel outside the mask.
        (Volume<float> image, Volume<byte> mask, _) = BiasedPhantom();
        var confidence = Volume<float>.CreateLike(image);
        var reduced = Volume<byte>.CreateLike(image);
        for (int n = 0; n < confidence.Voxels.Length; n++)
        {
            bool kept = n % 48 < 30;
            confidence.Voxels[n] = kept ? 1f : 0f;
            reduced.Voxels[n] = kept ? mask.Voxels[n] : (byte)0;
        }

        var options = new N4Options { MaximumNumberOfIterations = [3, 2], ConvergenceThreshold = 0 };
        N4Result byConfidence = N4BiasFieldCorrection.Execute(image, mask, options, confidence);
        N4Result byMask = N4BiasFieldCorrection.Execute(image, reduced, options);
        Assert.That(byConfidence.IncludedVoxels, Is.EqualTo(byMask.IncludedVoxels));
        Assert.That(byConfidence.ControlPointLattice.Values.ToArray(), Is.EqualTo(byMask.ControlPointLattice.Values.ToArray()));
    }

    [Test]
    public void Execute_EmptyMask_ThrowsNamingTheLabel()
    {
        var image = new Volume<float>(new VolumeGeometry(new Size3(8, 8, 8)));
        image.Voxels.Fill(1f);
        var mask = Volume<byte>.CreateLike(image);
        Assert.That(() => N4BiasFieldCorrection.Execute(image, mask),
            Throws.TypeOf<MedImagingException>().With.Message.Contains("label 1"));
    }

    [Test]
    public void Execute_MaskOnOtherGrid_ThrowsGeometryMismatch()
    {
        var image = new Volume<float>(new VolumeGeometry(new Size3(8, 8, 8)));
        var mask = new Volume<byte>(new VolumeGeometry(new Size3(8, 8, 8), new Vec3(1, 1, 2), new Vec3(0, 0, 0)));
        Assert.That(() => N4BiasFieldCorrection.Execute(image, mask), Throws.TypeOf<GeometryMismatchException>());
    }

    [Test]
    public void Execute_SingleSliceImage_Throws()
    {
        var image = new Volume<float>(new VolumeGeometry(new Size3(16, 16, 1)));
        image.Voxels.Fill(3f);
        Assert.That(() => N4BiasFieldCorrection.Execute(image), Throws.TypeOf<MedImagingException>().With.Message.Contains("2 voxels along every axis"));
    }

    [Test]
    public void Execute_InvalidOptions_ThrowsArgumentException()
    {
        var image = new Volume<float>(new VolumeGeometry(new Size3(8, 8, 8)));
        Assert.That(() => N4BiasFieldCorrection.Execute(image, options: new N4Options { MaximumNumberOfIterations = [] }), Throws.ArgumentException);
        Assert.That(() => N4BiasFieldCorrection.Execute(image, options: new N4Options { NumberOfControlPoints = new Size3(3, 4, 4) }), Throws.ArgumentException);
        Assert.That(() => N4BiasFieldCorrection.Execute(image, options: new N4Options { BiasFieldFullWidthAtHalfMaximum = 0 }), Throws.ArgumentException);
        image.Voxels.Fill(1f);
        // 1000 control points refined over 10 levels would need ~10^17 lattice values: refused before allocating.
        var huge = new N4Options { NumberOfControlPoints = new Size3(1000, 1000, 1000), MaximumNumberOfIterations = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] };
        Assert.That(() => N4BiasFieldCorrection.Execute(image, options: huge), Throws.TypeOf<MedImagingException>().With.Message.Contains("memory budget"));
    }

    [Test]
    public void ConvergenceMeasure_KnownValues_CoefficientOfVariation()
    {
        // exp(previous − current) = {1, 3}: mean 2, sample sd √2, CV = √2/2.
        double cv = N4BiasFieldCorrection.ConvergenceMeasure([0.0, Math.Log(3)], [0.0, 0.0]);
        Assert.That(cv, Is.EqualTo(Math.Sqrt(2) / 2).Within(1e-15));
    }

    /// <summary>
    /// A 48×48×40 piecewise-constant head (100 outside, 200 in an inner ellipsoid, 150 in a sphere) times
    /// exp(0.25u − 0.15v² − 0.2w + 0.1uw) (u, v, w ∈ [−1, 1] across the grid); mask = the head ellipsoid.
    /// </summary>
    internal static (Volume<float> Image, Volume<byte> Mask, double[] LogField) BiasedPhantom()
    {
        var geometry = new VolumeGeometry(new Size3(48, 48, 40), new Vec3(1, 1, 1.2), new Vec3(-24, -24, -24));
        var image = new Volume<float>(geometry);
        var mask = new Volume<byte>(geometry);
        var field = new double[geometry.VoxelCount];
        int n = 0;
        for (int z = 0; z < 40; z++)
        {
            for (int y = 0; y < 48; y++)
            {
                for (int x = 0; x < 48; x++, n++)
                {
                    double u = x / 23.5 - 1;
                    double v = y / 23.5 - 1;
                    double w = z / 19.5 - 1;
                    double head = (u * u / 0.8) + (v * v / 0.9) + (w * w / 0.8);
                    double inner = (u * u / 0.3) + (v * v / 0.4) + (w * w / 0.3);
                    double sphere = ((u - 0.4) * (u - 0.4)) + ((v + 0.3) * (v + 0.3)) + (w * w);
                    double truth = head > 1 ? 0 : sphere < 0.04 ? 150 : inner < 1 ? 200 : 100;
                    field[n] = (0.25 * u) - (0.15 * v * v) - (0.2 * w) + (0.1 * u * w);
                    image.Voxels[n] = (float)(truth * Math.Exp(field[n]));
                    mask.Voxels[n] = (byte)(head <= 1 ? 1 : 0);
                }
            }
        }

        return (image, mask, field);
    }

    internal static double MaskedCorrelation(float[] a, double[] b, Volume<byte> mask)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int count = 0;
        for (int n = 0; n < a.Length; n++)
        {
            if (mask.Voxels[n] == 1)
            {
                count++;
                sa += a[n];
                sb += b[n];
                saa += (double)a[n] * a[n];
                sbb += b[n] * b[n];
                sab += a[n] * b[n];
            }
        }

        double cov = sab - (sa * sb / count);
        return cov / Math.Sqrt((saa - (sa * sa / count)) * (sbb - (sb * sb / count)));
    }

    private sealed class SynchronousProgress(List<ProgressReport> reports, Action? onReport = null) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value)
        {
            reports.Add(value);
            onReport?.Invoke();
        }
    }
}
