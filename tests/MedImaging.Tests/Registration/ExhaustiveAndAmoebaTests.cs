using MedImaging.Registration;

namespace MedImaging.Tests.Registration;

/// <summary>Exhaustive grid walk and Nelder–Mead on functions with known minima.</summary>
[TestFixture]
public sealed class ExhaustiveAndAmoebaTests
{
    [Test]
    public void Exhaustive_VisitsItksGridOnceAndFindsThePlantedMinimum()
    {
        double[] centre = [0.5, -1, 2];
        int[] steps = [1, 2, 0];
        double[] scales = [1, 2, 3];
        const double stepLength = 0.5;
        // Planted minimum on the grid point k = (2, 0, 0): centre + (k − n)·stepLength·scale = (1.0, −3.0, 2.0).
        double[] planted = [1.0, -3.0, 2.0];
        var cost = new AnalyticCostFunction(x => x.Select((v, i) => Math.Abs(v - planted[i])).Sum(), null, centre);
        ExhaustiveSearchResult result = ExhaustiveSearch.Run(cost, steps, stepLength, scales, null);

        // ITK's formula, parameter 0 varying fastest; the centre is evaluated first and not again.
        var expected = new List<double[]> { centre };
        for (int k1 = 0; k1 <= 4; k1++)
        {
            for (int k0 = 0; k0 <= 2; k0++)
            {
                if (k0 != 1 || k1 != 2)
                {
                    expected.Add([centre[0] + ((k0 - 1) * stepLength * 1), centre[1] + ((k1 - 2) * stepLength * 2), centre[2]]);
                }
            }
        }

        Assert.That(result.Evaluations, Is.EqualTo(3 * 5 * 1), "Π(2·n_i + 1) grid points");
        Assert.That(cost.Evaluated, Has.Count.EqualTo(15), "one evaluation per grid point");
        Assert.That(cost.Evaluated, Is.EqualTo(expected));
        Assert.That(result.MinimumPosition, Is.EqualTo(planted));
        Assert.That(result.MinimumValue, Is.EqualTo(0));
        // The largest |Δ| sum is at k = (0, 4), the point (0, 1, 2): |0 − 1| + |1 + 3| = 5, no other point ties.
        Assert.That(result.MaximumPosition, Is.EqualTo(new[] { 0.0, 1.0, 2.0 }));
        Assert.That(result.MaximumValue, Is.EqualTo(5.0));
        Assert.That(cost.Position, Is.EqualTo(planted), "the run ends at the minimum");
    }

    private static RegistrationOptions Amoeba(double delta, int evaluations, double xTolerance, double fTolerance) => new()
    {
        Optimizer = RegistrationOptimizer.Amoeba, SimplexDelta = delta, NumberOfIterations = evaluations,
        ParametersConvergenceTolerance = xTolerance, FunctionConvergenceTolerance = fTolerance,
    };

    [Test]
    public void Amoeba_Rosenbrock_ReachesOneOne()
    {
        AnalyticCostFunction rosenbrock = AnalyticCostFunction.Rosenbrock([-1.2, 1]);
        (int evaluations, double value, string stop) = AmoebaOptimizer.Run(rosenbrock, [1, 1], Amoeba(0.5, 20000, 1e-10, 1e-14), null);
        // Converged by both tolerances: value spread < 1e-14 around f = 0. Along the valley f ≈ d² for x = 1 + d, and
        // across it f grows faster, so f < 1e-12 puts the point within 1e-6 of (1, 1); 1e-5 leaves room for the simplex size.
        Assert.That(stop, Does.StartWith("Both parameters convergence tolerance"));
        Assert.That(value, Is.LessThan(1e-12));
        Assert.That(rosenbrock.Position[0], Is.EqualTo(1).Within(1e-5));
        Assert.That(rosenbrock.Position[1], Is.EqualTo(1).Within(1e-5));
        Assert.That(evaluations, Is.LessThan(20000));
    }

    [Test]
    public void Amoeba_ScaledQuadratic_InitialSimplexAndMinimum()
    {
        AnalyticCostFunction bowl = AnalyticCostFunction.Bowl([1, 4, 9], [1, -2, 0.5], [0, 0, 0]);
        double[] scales = [2, 0.5, 1];
        AmoebaOptimizer.Run(bowl, scales, Amoeba(0.1, 5000, 1e-9, 1e-14), null);
        // ITK searches x·scale with the simplex start + δ e_j: in parameter units the corners are start + (δ / scale_j) e_j.
        Assert.That(bowl.Evaluated.Take(4), Is.EqualTo(new[]
        {
            new double[] { 0, 0, 0 }, [0.1 / 2, 0, 0], [0, 0.1 / 0.5, 0], [0, 0, 0.1],
        }).Within(1e-17)); // x·s/s round trip
        // Diameter < 1e-9 in scaled units (≤ 2e-9 in parameters) and values within 1e-14 of each other near f = 0:
        // ½·1·d² < 1e-14 bounds the worst axis error to ~1.5e-7.
        Assert.That(bowl.Position[0], Is.EqualTo(1).Within(1e-6));
        Assert.That(bowl.Position[1], Is.EqualTo(-2).Within(1e-6));
        Assert.That(bowl.Position[2], Is.EqualTo(0.5).Within(1e-6));
    }

    [Test]
    public void Amoeba_Budget_StopsWithItksWords()
    {
        AnalyticCostFunction rosenbrock = AnalyticCostFunction.Rosenbrock([-1.2, 1]);
        (int evaluations, _, string stop) = AmoebaOptimizer.Run(rosenbrock, [1, 1], Amoeba(0.5, 30, 1e-10, 1e-14), null);
        Assert.That(stop, Is.EqualTo("Maximum number of iterations exceeded. Number of iterations is 30"));
        // vnl counts steps after the initial simplex (3 corners) and may finish a shrink (n + 1 evaluations) past the
        // budget; ITK evaluates the best point once more at the end.
        Assert.That(evaluations, Is.InRange(3 + 30 + 1, 3 + 30 + 2 + 1));
    }

    [Test]
    public void Amoeba_WithRestarts_SameMinimumAndDeterministic()
    {
        double[] Run()
        {
            AnalyticCostFunction bowl = AnalyticCostFunction.Bowl([1, 100], [3, -2], [0, 0]);
            AmoebaOptimizer.Run(bowl, [1, 1], Amoeba(1, 5000, 1e-8, 1e-12) with { WithRestarts = true }, null);
            return bowl.Position;
        }

        double[] first = Run();
        Assert.That(Run(), Is.EqualTo(first), "seeded restarts: same result every run");
        Assert.That(first[0], Is.EqualTo(3).Within(1e-5)); // ½·d² < 1e-12 → d < 1.5e-6 along the flat axis
        Assert.That(first[1], Is.EqualTo(-2).Within(1e-5));
    }

    [TestCase("NumberOfSteps")]
    [TestCase("SimplexDelta")]
    [TestCase("LineSearchUpperLimit")]
    [TestCase("LineSearchEpsilon")]
    [TestCase("StepLength")]
    public void InvalidSettings_ArgumentExceptionNamingTheSetting(string name)
    {
        RegistrationOptions options = name switch
        {
            "NumberOfSteps" => new RegistrationOptions { Optimizer = RegistrationOptimizer.Exhaustive, NumberOfSteps = [0, 0, 2, -1, 0, 0] },
            "SimplexDelta" => new RegistrationOptions { Optimizer = RegistrationOptimizer.Amoeba, SimplexDelta = 0 },
            "LineSearchUpperLimit" => new RegistrationOptions { LineSearchLowerLimit = 2, LineSearchUpperLimit = 2 },
            "LineSearchEpsilon" => new RegistrationOptions { LineSearchEpsilon = 0 },
            _ => new RegistrationOptions { StepLength = -1 },
        };
        ArgumentException ex = Assert.Throws<ArgumentException>(options.Validate)!;
        Assert.That(ex.ParamName, Is.EqualTo(name));
        Assert.That(ex.Message, Does.Contain(name));
    }

    [Test]
    public void Exhaustive_WithoutSteps_IsRefused()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(new RegistrationOptions { Optimizer = RegistrationOptimizer.Exhaustive }.Validate)!;
        Assert.That(ex.ParamName, Is.EqualTo("NumberOfSteps"));
    }
}
