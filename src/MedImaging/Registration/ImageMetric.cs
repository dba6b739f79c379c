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
    private const int PrefetchDistance = 4;
    private readonly Vec3[] _points;
    private double[] _movingValues = [];
    private double[] _imageDerivatives = [];
    private bool[] _valid = [];
    private double[] _scratchDerivative = [];

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

        // Samples in the fixed grid's memory order (z, y, x of the nearest voxel; ties in drawing order): the moving
        // positions of neighbouring samples are then close too, so each evaluation sweeps the moving image once
        // instead of jumping through it at random (a cache and TLB miss per sample on a head-sized image).
        long[] keys = new long[kept.Count];
        Size3 n = fixedImage.Geometry.Size;
        for (int s = 0; s < keys.Length; s++)
        {
            Vec3 c = fixedImage.ToIndex(kept[s]);
            long x = Math.Clamp((long)Math.Floor(c.X + 0.5), 0, n.X - 1), y = Math.Clamp((long)Math.Floor(c.Y + 0.5), 0, n.Y - 1);
            long z = Math.Clamp((long)Math.Floor(c.Z + 0.5), 0, n.Z - 1);
            keys[s] = ((((z * n.Y) + y) * n.X) + x) * keys.Length + s;
        }

        Vec3[] sortedPoints = [.. kept];
        double[] sortedValues = [.. values];
        long[] valueKeys = (long[])keys.Clone();
        Array.Sort(keys, sortedPoints);
        Array.Sort(valueKeys, sortedValues);
        _points = sortedPoints;
        FixedValues = sortedValues;
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
    public double GetValueAndDerivative(IParametricTransform transform, Span<double> derivative, ExecutionOptions? execution) =>
        Evaluate(transform, derivative, execution, valueOnly: false);

    /// <summary>
    /// The value alone, for the optimizers that only compare values (line search, exhaustive, amoeba); a trial
    /// position where too few samples map inside the moving image gets <see cref="double.MaxValue"/>, ITK's value for
    /// a position without valid samples, so the search moves away from it instead of stopping.
    /// </summary>
    public double GetValue(IParametricTransform transform, ExecutionOptions? execution)
    {
        if (_scratchDerivative.Length != transform.NumberOfParameters)
        {
            _scratchDerivative = new double[transform.NumberOfParameters];
        }

        return Evaluate(transform, _scratchDerivative, execution, valueOnly: true);
    }

    private double Evaluate(IParametricTransform transform, Span<double> derivative, ExecutionOptions? execution, bool valueOnly)
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
            Span<Vec3> indexes = stackalloc Vec3[end - start];
            for (int s = start; s < end; s++)
            {
                indexes[s - start] = Moving.ToIndex(transform.TransformPoint(_points[s]));
            }

            for (int s = start; s < end; s++)
            {
                // The neighbourhood reads are cache misses on a large image: request the rows of a sample a few
                // places ahead so their fetches overlap with this sample's arithmetic.
                if (s + PrefetchDistance < end)
                {
                    Moving.Prefetch(indexes[s + PrefetchDistance - start]);
                }

                Vec3 c = indexes[s - start];
                valid[s] = Moving.IsInside(c);
                if (!valid[s])
                {
                    continue;
                }

                if (valueOnly)
                {
                    // Value-only evaluation: the derivative terms are left as they are and the sums' derivative is discarded.
                    values[s] = Moving.Value(c);
                    continue;
                }

                values[s] = Moving.ValueAndGradient(c, out Vec3 g);
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
            if (valueOnly)
            {
                return double.MaxValue;
            }

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
