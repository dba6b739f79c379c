using MedImaging.Registration;

namespace MedImaging.Tests.Registration;

/// <summary>The conjugate-gradient line search, exhaustive and amoeba optimizers on functions with known minima.</summary>
[TestFixture]
public sealed class SearchOptimizerTests
{
    [TestCase(1.37)]
    [TestCase(0.2)]
    [TestCase(4.1)]
    public void GoldenSection_ConvexFunction_MinimumWithinEpsilon(double minimum)
    {
        // A convex, non-symmetric function: exp(t − t*) − (t − t*) has its minimum 1 at t*.
        int calls = 0;
        double t = GoldenSectionSearch.Minimize(x => { calls++; return Math.Exp(x - minimum) - (x - minimum); }, 0, 1, 5, 0.01, 20);
        // The search stops when the bracket [a, c] (which keeps the minimum of a unimodal function) is narrower than
        // ε·(|b| + |x|) with b, x inside it, and returns its middle: |t − t*| < ε·(t* + width) ≤ 1.05·ε·t* here.
        Assert.That(Math.Abs(t - minimum), Is.LessThan(1.05 * 0.01 * minimum));
        Assert.That(calls, Is.LessThanOrEqualTo(22), "at most 21 trial points plus the start point b");
    }

    [Test]
    public void GoldenSection_IterationLimit_IsItksCount()
    {
        int calls = 0;
        GoldenSectionSearch.Minimize(x => { calls++; return (x - 2) * (x - 2); }, 0, 1, 5, 1e-300, 20);
        // ITK's recursion refuses a new trial point once more than MaximumLineSearchIterations were made:
        // 21 trial points, and b is evaluated once with the first.
        Assert.That(calls, Is.EqualTo(22));
    }

    [Test]
    public void GoldenSection_InvalidFarPoints_ShrinkTowardTheLowerEnd()
    {
        // Beyond t = 0.5 the "metric" has no samples (ITK's max value); below, a bowl with minimum at 0.3.
        double t = GoldenSectionSearch.Minimize(x => x > 0.5 ? double.MaxValue : (x - 0.3) * (x - 0.3), 0, 1, 5, 0.01, 20);
        Assert.That(t, Is.LessThanOrEqualTo(0.5), "never returns a rate whose trial had no overlap");
    }

    private static (int FirstWithin, double[] End) Descend(RegistrationOptimizer optimizer, int iterations)
    {
        double[] minimum = [3, -2];
        AnalyticCostFunction bowl = AnalyticCostFunction.Bowl([1, 100], minimum, [0, 0]);
        // Learning rate 2 / (1 + 100): the best fixed rate for plain gradient descent on curvatures 1 and 100.
        var options = new RegistrationOptions
        {
            Optimizer = optimizer, LearningRate = 2.0 / 101, LearningRateEstimation = LearningRateEstimation.Never,
            NumberOfIterations = iterations, ConvergenceMinimumValue = double.NegativeInfinity,
        };
        int firstWithin = -1;
        void Observe(int iteration, double value)
        {
            double[] x = bowl.Position;
            if (firstWithin < 0 && Math.Max(Math.Abs(x[0] - 3), Math.Abs(x[1] + 2)) < 1e-6)
            {
                firstWithin = iteration;
            }
        }

        ConjugateGradientLineSearch? search = optimizer == RegistrationOptimizer.ConjugateGradientLineSearch
            ? new ConjugateGradientLineSearch(2, options.LineSearchLowerLimit, options.LineSearchUpperLimit, options.LineSearchEpsilon, options.LineSearchMaximumIterations)
            : null;
        GradientDescent.Run(bowl, [1, 1], 1, options, null, Observe, search);
        return (firstWithin, bowl.Position);
    }

    [Test]
    public void ConjugateGradient_IllConditionedBowl_FarFewerIterationsThanGradientDescent()
    {
        (int cg, double[] cgEnd) = Descend(RegistrationOptimizer.ConjugateGradientLineSearch, 200);
        (int gd, _) = Descend(RegistrationOptimizer.GradientDescent, 2000);
        // Plain descent at its best fixed rate contracts the error by (κ − 1)/(κ + 1) = 99/101 per step: about 700
        // steps to 1e-6 from a distance of 3.6. Conjugate directions with a line search need a few tens at most.
        TestContext.Out.WriteLine($"iterations to 1e-6: cg {cg}, gd {gd}");
        Assert.That(gd, Is.GreaterThan(600), "gradient descent reference");
        Assert.That(cg, Is.GreaterThan(0).And.LessThan(gd / 10), $"cg {cg}, gd {gd}");
        // The known minimum (3, −2) to 1e-6 (the line search's 1 % rate tolerance still converges linearly, so the
        // remaining iterations only tighten this).
        Assert.That(cgEnd[0], Is.EqualTo(3).Within(1e-6));
        Assert.That(cgEnd[1], Is.EqualTo(-2).Within(1e-6));
    }

    [Test]
    public void ConjugateGradient_FirstStep_IsTheLineSearchAlongTheScaledGradient()
    {
        // On ½ x² + ½·100 y² from (1, 1) with scales (1, 1) the first direction is the descent (−1, −100); the exact
        // minimising rate along it is (1 + 100²) / (1 + 100³) ≈ 0.0101, which the search must find to ε = 1 %.
        double exact = (1 + 1e4) / (1 + 1e6);
        AnalyticCostFunction bowl = AnalyticCostFunction.Bowl([1, 100], [0, 0], [1, 1]);
        var search = new ConjugateGradientLineSearch(2, 0, 5, 0.01, 20);
        double rate = search.Advance(bowl, [-1, -100], 0.01);
        Assert.That(rate, Is.EqualTo(exact).Within(0.0105 * exact)); // ε·(|b| + |x|)/2 around the minimum, see the golden-section test
        Assert.That(bowl.Position, Is.EqualTo(new[] { 1 - rate, 1 - (100 * rate) }).Within(1e-15)); // one addition each

        // ITK's ReturnBestParametersAndValue: a one-iteration run evaluates only the start and steps away from it,
        // so it must end back at the start, the only (hence best) point whose value it knows.
        AnalyticCostFunction once = AnalyticCostFunction.Bowl([1, 100], [0, 0], [1, 1]);
        var options = new RegistrationOptions { LearningRate = 0.01, LearningRateEstimation = LearningRateEstimation.Never, NumberOfIterations = 1 };
        (_, double value, _) = GradientDescent.Run(once, [1, 1], 1, options, null, null, new ConjugateGradientLineSearch(2, 0, 5, 0.01, 20));
        Assert.That(once.Position, Is.EqualTo(new double[] { 1, 1 }));
        Assert.That(value, Is.EqualTo(50.5)); // ½·1 + ½·100, exact in binary
    }
}
