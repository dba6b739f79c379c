using System.Text.Json.Nodes;
using MedImaging.IO;
using MedImaging.Registration;
using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

/// <summary>Acceptance on the generated reference data (skipped when it is absent): known transforms from truth.json.</summary>
[TestFixture]
public sealed class ReferenceRegistrationTests
{
    /// <summary>The Euler3D truth of a generated pair from truth.json (skips when the generated data is absent).</summary>
    internal static Euler3DTransform Truth(string key)
    {
        JsonNode truth = JsonNode.Parse(File.ReadAllText(TestPaths.RequireGenerated("truth.json")))![key]!;
        var t = new Euler3DTransform
        {
            FixedParameters = [.. truth["fixed_parameters"]!.AsArray().Select(v => v!.GetValue<double>())],
        };
        t.Parameters = [.. truth["parameters"]!.AsArray().Select(v => v!.GetValue<double>())];
        return t;
    }

    [Test]
    public void Ch2_DefaultRigid_WithinHalfMillimetreAtCorners()
    {
        Volume f = ImageFile.Read(TestPaths.RequireGenerated("ch2.nii.gz"));
        Volume m = ImageFile.Read(TestPaths.RequireGenerated("ch2_moved.nii.gz"));
        RegistrationResult result = ImageRegistration.Rigid(f, m);
        double error = RegistrationPhantoms.CornerError(f.Geometry, result.Transform, Truth("ch2_moved"));
        // Issue #10 acceptance: ≤ 0.5 mm mean over the fixed image's 8 corners (ITK's rsgd: 0.03 mm).
        Assert.That(error, Is.LessThanOrEqualTo(0.5), string.Join(", ", result.Transform.Parameters));
    }

    private static string Report(string name, Volume f, IParametricTransform result, Euler3DTransform truth)
    {
        double[] p = result.Parameters, q = truth.Parameters;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{name}: corner error {RegistrationPhantoms.CornerError(f.Geometry, result, truth):F4} mm, angle errors {(p[0] - q[0]) * 180 / Math.PI:F4}°, {(p[1] - q[1]) * 180 / Math.PI:F4}°, {(p[2] - q[2]) * 180 / Math.PI:F4}°");
    }

    [Test]
    public void Ch2_ConjugateGradient_WithinHalfMillimetreAtCorners()
    {
        Volume f = ImageFile.Read(TestPaths.RequireGenerated("ch2.nii.gz"));
        Volume m = ImageFile.Read(TestPaths.RequireGenerated("ch2_moved.nii.gz"));
        Euler3DTransform truth = Truth("ch2_moved");
        RegistrationResult cg = ImageRegistration.Rigid(f, m, new RegistrationOptions { Optimizer = RegistrationOptimizer.ConjugateGradientLineSearch });
        TestContext.Out.WriteLine(Report("cg", f, cg.Transform, truth));
        // The rsgd acceptance of ReferenceRegistrationTests (≤ 0.5 mm mean over the 8 corners; rsgd reaches 0.03 mm).
        Assert.That(RegistrationPhantoms.CornerError(f.Geometry, cg.Transform, truth), Is.LessThanOrEqualTo(0.5), string.Join(", ", cg.Transform.Parameters));
    }

    [Test]
    public void Ch2_ExhaustiveAngleGridThenRsgd_WithinHalfMillimetreAtCorners()
    {
        Volume f = ImageFile.Read(TestPaths.RequireGenerated("ch2.nii.gz"));
        Volume m = ImageFile.Read(TestPaths.RequireGenerated("ch2_moved.nii.gz"));
        Euler3DTransform truth = Truth("ch2_moved");
        Volume<float> ff = MedImaging.Filters.ImageFilters.Cast(f, PixelType.Float32).As<float>();
        Volume<float> mf = MedImaging.Filters.ImageFilters.Cast(m, PixelType.Float32).As<float>();
        MatrixOffsetTransformBase start = CenteredTransformInitializer.Execute(f.Geometry, m.Geometry, new Euler3DTransform());
        // The truth's z angle is 5°: the grid −10° … 10° in 5° steps holds it; one coarse level (shrink 4) suffices.
        RegistrationResult grid = ImageRegistrationMethod.Execute(ff, mf, start, SearchOptimizerRegistrationTests.AngleGrid(2, 5) with { ShrinkFactors = [4], SmoothingSigmas = [2.0] });
        Assert.That(grid.Levels[0].Exhaustive!.MinimumPosition[2], Is.EqualTo(5 * Math.PI / 180).Within(1e-15)); // 0 + 1·step, one rounding
        RegistrationResult refined = ImageRegistrationMethod.Execute(ff, mf, grid.Transform);
        TestContext.Out.WriteLine(Report("exhaustive + rsgd", f, refined.Transform, truth));
        Assert.That(RegistrationPhantoms.CornerError(f.Geometry, refined.Transform, truth), Is.LessThanOrEqualTo(0.5)); // as above
    }
}
