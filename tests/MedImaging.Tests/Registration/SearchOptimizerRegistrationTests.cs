using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

/// <summary>
/// The conjugate-gradient, exhaustive and amoeba optimizers on a rendered phantom with a known rigid transform (runs
/// everywhere; the generated ch2 cases are in <see cref="ReferenceRegistrationTests"/>).
/// </summary>
[TestFixture]
public sealed class SearchOptimizerRegistrationTests
{
    private static readonly VolumeGeometry Grid = new(new Size3(48, 52, 40), new Vec3(2, 2, 2.2), new Vec3(-47, -51, -42.9));
    private static readonly float[] Intensities = [0, 300, 800, 550, 150, 650];

    private static readonly RegistrationOptions Phantom = new()
    {
        ShrinkFactors = [2, 1], SmoothingSigmas = [2.0, 1.0], NumberOfIterations = 300,
        GradientMagnitudeTolerance = 1e-6, // as in MultiModalRegistrationTests: ITK's 1e-4 stops rsgd early on this phantom
    };

    private static (Volume<float> Fixed, Volume<float> Moving, Euler3DTransform Truth) Pair(double angleZ)
    {
        var truth = new Euler3DTransform(Grid.Center, 0.04, -0.03, angleZ, new Vec3(3.0, -2.5, 1.5));
        // moving(T(x)) = fixed(x): a moving voxel at y shows the tissue at T⁻¹(y); rendered exactly, no interpolation.
        return (RegistrationPhantoms.Render(Grid, p => p, Intensities, 1),
            RegistrationPhantoms.Render(Grid, truth.GetInverse().TransformPoint, Intensities, 2), truth);
    }

    [Test]
    public void ConjugateGradient_Phantom_RecoversKnownTransformLikeRsgd()
    {
        (Volume<float> f, Volume<float> m, Euler3DTransform truth) = Pair(0.09);
        RegistrationResult cg = ImageRegistration.Rigid(f, m, Phantom with { Optimizer = RegistrationOptimizer.ConjugateGradientLineSearch });
        RegistrationResult rsgd = ImageRegistration.Rigid(f, m, Phantom);
        double cgError = RegistrationPhantoms.CornerError(Grid, cg.Transform, truth), rsgdError = RegistrationPhantoms.CornerError(Grid, rsgd.Transform, truth);
        TestContext.Out.WriteLine($"phantom corner error: cg {cgError:F4} mm ({string.Join(",", cg.Iterations)} it), rsgd {rsgdError:F4} mm ({string.Join(",", rsgd.Iterations)} it)");
        // A quarter of the 2 mm voxel at the field-of-view corners (the phantom is rendered exactly through the
        // truth; the start is > 4 mm off), and no worse than rsgd by more than a tenth of a voxel.
        Assert.That(cgError, Is.LessThan(0.5), string.Join(", ", cg.Transform.Parameters));
        Assert.That(cgError, Is.LessThan(rsgdError + 0.2));
        Assert.That(cg.StopCondition, Does.StartWith("Convergence checker passed").Or.StartWith("Maximum number of iterations"));
    }

    /// <summary>Exhaustive search over the z angle only: ±steps·degrees, unit scales, one level (shrink 2).</summary>
    internal static RegistrationOptions AngleGrid(int steps, double degrees) => new()
    {
        Optimizer = RegistrationOptimizer.Exhaustive, ShrinkFactors = [2], SmoothingSigmas = [1.0],
        NumberOfSteps = [0, 0, steps, 0, 0, 0], StepLength = degrees * Math.PI / 180, OptimizerScales = [1, 1, 1, 1, 1, 1],
    };

    [Test]
    public void Exhaustive_AngleGridThenRsgd_Phantom()
    {
        // 20° about z: the grid −30° … 30° in 10° steps holds 20° exactly.
        (Volume<float> f, Volume<float> m, Euler3DTransform truth) = Pair(20 * Math.PI / 180);
        MatrixOffsetTransformBase start = CenteredTransformInitializer.Execute(f.Geometry, m.Geometry, new Euler3DTransform());
        // Mean squares: same modality, and its value falls monotonically toward the truth on this phantom (Mattes on the
        // mostly-air grid at 20° still prefers the grid's 30° end).
        RegistrationResult grid = ImageRegistrationMethod.Execute(f, m, start, AngleGrid(3, 10) with { Metric = RegistrationMetric.MeanSquares });
        ExhaustiveSearchResult search = grid.Levels[0].Exhaustive!;
        Assert.That(search.Evaluations, Is.EqualTo(7));
        // ITK's grid formula: the start angle 0 plus (k − 3)·stepLength·1 for k = 5.
        Assert.That(search.MinimumPosition[2], Is.EqualTo(2 * 10 * Math.PI / 180));
        Assert.That(grid.Transform.Parameters, Is.EqualTo(search.MinimumPosition), "the level ends at the grid minimum");
        Assert.That(search.MaximumValue, Is.GreaterThan(search.MinimumValue));
        RegistrationResult refined = ImageRegistrationMethod.Execute(f, m, grid.Transform, Phantom with { Metric = RegistrationMetric.MeanSquares });
        double error = RegistrationPhantoms.CornerError(Grid, refined.Transform, truth);
        TestContext.Out.WriteLine($"phantom exhaustive + rsgd corner error {error:F4} mm");
        Assert.That(error, Is.LessThan(0.5)); // same criterion as the cg case
    }

    [Test]
    public void ConjugateGradientAndExhaustive_OneAndTwoThreads_BitIdentical()
    {
        (Volume<float> f, Volume<float> m, _) = Pair(0.09);
        foreach (RegistrationOptions options in new[]
        {
            Phantom with { Optimizer = RegistrationOptimizer.ConjugateGradientLineSearch, NumberOfIterations = 6 },
            AngleGrid(2, 5),
            Phantom with { Optimizer = RegistrationOptimizer.Amoeba, ShrinkFactors = [2], SmoothingSigmas = [1.0], NumberOfIterations = 40 },
        })
        {
            RegistrationResult one = ImageRegistration.Rigid(f, m, options, new ExecutionOptions { MaxDegreeOfParallelism = 1 });
            RegistrationResult two = ImageRegistration.Rigid(f, m, options, new ExecutionOptions { MaxDegreeOfParallelism = 2 });
            Assert.That(two.Transform.Parameters, Is.EqualTo(one.Transform.Parameters), options.Optimizer.ToString());
            Assert.That(two.MetricValue, Is.EqualTo(one.MetricValue), options.Optimizer.ToString());
        }
    }
}
