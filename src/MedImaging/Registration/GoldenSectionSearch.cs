namespace MedImaging.Registration;

/// <summary>
/// The golden-section line search of ITK's <c>GradientDescentLineSearchOptimizerv4Template</c> over a bracket
/// a ≤ b ≤ c: the trial point x sits a fraction 2 − φ (φ = 1.618034, ITK's rounding) into the larger of the two
/// intervals; the bracket keeps the side of the lower value. It stops when the bracket is narrower than
/// ε·(|b| + |x|) or after maximumIterations + 1 trial points (ITK's count), and returns the bracket's middle.
/// A value of <see cref="double.MaxValue"/> marks an invalid point (no overlap); two invalid points shrink the bracket toward a.
/// </summary>
internal static class GoldenSectionSearch
{
    /// <summary>2 − φ with ITK's φ = 1.618034.</summary>
    public const double ResPhi = 2 - 1.618034;

    /// <summary>Minimises <paramref name="f"/> on [a, c] from the interior point b; returns the step (e.g. learning rate) chosen.</summary>
    /// <param name="f">The function of the step.</param>
    /// <param name="a">Lower end.</param>
    /// <param name="b">Interior start point.</param>
    /// <param name="c">Upper end.</param>
    /// <param name="epsilon">Relative bracket width at which the search stops.</param>
    /// <param name="maximumIterations">ITK's <c>MaximumLineSearchIterations</c>.</param>
    public static double Minimize(Func<double, double> f, double a, double b, double c, double epsilon, int maximumIterations)
    {
        double fb = double.MaxValue;
        for (int iteration = 0; iteration <= maximumIterations; iteration++)
        {
            bool upperIsLarger = c - b > b - a;
            double x = upperIsLarger ? b + (ResPhi * (c - b)) : b - (ResPhi * (b - a));
            if (Math.Abs(c - a) < epsilon * (Math.Abs(b) + Math.Abs(x)))
            {
                break;
            }

            double fx = f(x);
            if (fb == double.MaxValue)
            {
                fb = f(b);
            }

            if (fx < fb)
            {
                (a, b, c, fb) = upperIsLarger ? (b, x, c, fx) : (a, x, b, fx);
            }
            else if (upperIsLarger)
            {
                c = x;
            }
            else if (fx == double.MaxValue)
            {
                (b, c, fb) = (x, b, fx);
            }
            else
            {
                a = x;
            }
        }

        return (a + c) / 2;
    }
}
