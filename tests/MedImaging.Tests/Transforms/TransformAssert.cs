using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

/// <summary>Checks shared by the transform tests: analytic Jacobians against central finite differences, inverses.</summary>
internal static class TransformAssert
{
    /// <summary>
    /// Compares the analytic Jacobian at <paramref name="point"/> with central differences of TransformPoint with
    /// step <paramref name="step"/> on every parameter.
    /// </summary>
    /// <param name="tolerance">Absolute tolerance (mm per parameter unit); the caller states why.</param>
    public static void JacobianMatchesFiniteDifferences(IParametricTransform transform, Vec3 point, double step, double tolerance)
    {
        int n = transform.NumberOfParameters;
        var analytic = new double[3 * n];
        transform.ComputeJacobianWithRespectToParameters(point, analytic);
        double[] p0 = transform.Parameters;
        IParametricTransform probe = transform.Clone();
        for (int p = 0; p < n; p++)
        {
            double[] plus = (double[])p0.Clone();
            double[] minus = (double[])p0.Clone();
            plus[p] += step;
            minus[p] -= step;
            probe.SetParameters(plus);
            Vec3 a = probe.TransformPoint(point);
            probe.SetParameters(minus);
            Vec3 b = probe.TransformPoint(point);
            Vec3 numeric = (a - b) / (2 * step);
            for (int i = 0; i < 3; i++)
            {
                Assert.That(analytic[i * n + p], Is.EqualTo(numeric[i]).Within(tolerance),
                    $"{transform.NameOfClass}: dT{i}/dp{p} at {point}");
            }
        }
    }

    /// <summary>Asserts inverse(T(x)) = x for the given points within <paramref name="tolerance"/> mm.</summary>
    public static void InverseRoundTrips(IParametricTransform transform, IEnumerable<Vec3> points, double tolerance)
    {
        IParametricTransform inverse = transform.GetInverse();
        foreach (Vec3 x in points)
        {
            Vec3 back = inverse.TransformPoint(transform.TransformPoint(x));
            Assert.That(Vec3.MaxAbsDifference(back, x), Is.LessThanOrEqualTo(tolerance), $"{transform.NameOfClass} at {x}");
        }
    }

    /// <summary>Some points around a typical CT field of view (LPS mm).</summary>
    public static Vec3[] SamplePoints() =>
    [
        new(0, 0, 0), new(100, -50, 25), new(-179.3, -200.6, -702.5), new(178.3, 157.3, -67.5), new(12.5, 300, -40),
    ];
}
