using MedImaging.Transforms;

namespace MedImaging.Registration;

/// <summary>
/// A metric on one level: fixed samples (LPS points with their fixed values), the moving image, and the evaluation
/// of value and derivative for a transform. The derivative is ITK v4's: the direction that <em>decreases</em> the
/// value (−∂value/∂parameters), which the optimizer adds to the parameters. The per-sample work (transform,
/// interpolation, gradient, Jacobian) runs in fixed blocks in parallel; the sums run sequentially in sample order,
/// so the result is bit-identical for any thread count.
/// </summary>
internal abstract class ImageMetric
{
    private const int SampleBlock = 256;
    private readonly Vec3[] _points;
    private double[] _movingValues = [];
    private double[] _imageDerivatives = [];
    private bool[] _valid = [];

    protected ImageMetric(SampledImage fixedImage, SampledImage moving, Vec3[] points)
    {
        Moving = moving;
        TotalSamples = points.Length;
        var kept = new List<Vec3>(points.Length);
        var values = new List<double>(points.Length);
        foreach (Vec3 p in points)
        {
            Vec3 c = fixedImage.ToIndex(p);
            if (fixedImage.IsInside(c))
            {
                kept.Add(p);
                values.Add(fixedImage.Value(c));
            }
        }

        _points = [.. kept];
        FixedValues = [.. values];
        if (fixedImage.Maximum <= fixedImage.Minimum)
        {
            throw new RegistrationException($"the fixed image is constant ({fixedImage.Minimum}): no metric can align it");
        }

        if (moving.Maximum <= moving.Minimum)
        {
            throw new RegistrationException($"the moving image is constant ({moving.Minimum}): no metric can align it");
        }
    }

    /// <summary>Samples drawn, before dropping those outside the fixed image or mask.</summary>
    public int TotalSamples { get; }

    /// <summary>Samples inside the fixed image (and fixed mask).</summary>
    public int FixedSamples => _points.Length;

    protected SampledImage Moving { get; }

    protected double[] FixedValues { get; }

    /// <summary>Computes the value and the descent direction (length = parameter count).</summary>
    public double GetValueAndDerivative(IParametricTransform transform, Span<double> derivative, ExecutionOptions? execution)
    {
        int p = transform.NumberOfParameters;
        int n = _points.Length;
        if (_valid.Length != n || _imageDerivatives.Length != n * p)
        {
            _valid = new bool[n];
            _movingValues = new double[n];
            _imageDerivatives = new double[n * p];
        }

        bool[] valid = _valid;
        double[] values = _movingValues, derivatives = _imageDerivatives;
        Parallelism.For(n, SampleBlock, execution, (start, end) =>
        {
            Span<double> jacobian = stackalloc double[3 * p];
            for (int s = start; s < end; s++)
            {
                Vec3 q = transform.TransformPoint(_points[s]);
                Vec3 c = Moving.ToIndex(q);
                valid[s] = Moving.IsInside(c);
                if (!valid[s])
                {
                    continue;
                }

                values[s] = Moving.Value(c);
                Vec3 g = Moving.Gradient(c);
                transform.ComputeJacobianWithRespectToParameters(_points[s], jacobian);
                for (int k = 0; k < p; k++)
                {
                    derivatives[(s * p) + k] = (g.X * jacobian[k]) + (g.Y * jacobian[p + k]) + (g.Z * jacobian[(2 * p) + k]);
                }
            }
        });

        int count = 0;
        foreach (bool v in valid)
        {
            count += v ? 1 : 0;
        }

        // ITK's Mattes rule, applied to every metric: fewer than 1/16 of the samples inside means no overlap.
        if (count == 0 || count < TotalSamples / 16)
        {
            throw new RegistrationException(
                $"only {count} of {TotalSamples} samples map inside the moving image{(count == 0 ? "" : " (fewer than 1/16)")}: the images do not overlap enough after initialization");
        }

        derivative.Clear();
        return Accumulate(valid, values, derivatives, count, p, derivative);
    }

    /// <summary>Metric-specific sums over the valid samples in sample order.</summary>
    protected abstract double Accumulate(bool[] valid, double[] movingValues, double[] imageDerivatives, int validCount, int parameters, Span<double> derivative);

    /// <summary>Creates the metric chosen in the options.</summary>
    public static ImageMetric Create(RegistrationOptions options, SampledImage fixedImage, SampledImage moving, Vec3[] points) => options.Metric switch
    {
        RegistrationMetric.MeanSquares => new MeanSquaresMetric(fixedImage, moving, points),
        RegistrationMetric.Correlation => new CorrelationMetric(fixedImage, moving, points),
        _ => new MattesMutualInformationMetric(fixedImage, moving, points, options.NumberOfHistogramBins),
    };
}
