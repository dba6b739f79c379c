namespace MedImaging.Transforms;

/// <summary>
/// A queue of transforms applied as one, as ITK's <c>CompositeTransform</c>: transforms are appended with
/// <see cref="AddTransform"/> and applied in reverse order — <b>the last added is applied first</b>:
/// for the queue [T0, T1, T2], <c>T(x) = T0(T1(T2(x)))</c>.
/// </summary>
/// <remarks>
/// All sub-transforms are optimized (ITK's default: every added transform's flag is on). The parameters are the
/// sub-transforms' parameters concatenated in the order they are applied (back of the queue first), as ITK's
/// <c>GetParameters</c>; fixed parameters likewise. Sub-transforms are held by reference, as in ITK: setting the
/// composite's parameters changes them.
/// </remarks>
public sealed class CompositeTransform : ParametricTransform
{
    private readonly List<IParametricTransform> _queue = [];

    /// <summary>An empty composite (the identity).</summary>
    public CompositeTransform()
    {
    }

    /// <summary>A composite of <paramref name="transforms"/> added in the given order (the last is applied first).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transforms"/> or one of its elements is null.</exception>
    public CompositeTransform(IEnumerable<IParametricTransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        foreach (IParametricTransform t in transforms)
        {
            AddTransform(t);
        }
    }

    /// <summary>The queue, in the order the transforms were added (index 0 is applied last).</summary>
    public IReadOnlyList<IParametricTransform> Transforms => _queue;

    /// <summary>The number of transforms in the queue.</summary>
    public int NumberOfTransforms => _queue.Count;

    /// <inheritdoc />
    public override string NameOfClass => "CompositeTransform";

    /// <inheritdoc />
    /// <remarks>M0·M1·…·M(n−1): the product of the sub-transforms' matrices.</remarks>
    public override Mat3 Matrix
    {
        get
        {
            Mat3 m = Mat3.Identity;
            foreach (IParametricTransform t in _queue)
            {
                m *= t.Matrix;
            }

            return m;
        }
    }

    /// <inheritdoc />
    public override Vec3 Offset => TransformPoint(Vec3.Zero);

    /// <inheritdoc />
    public override int NumberOfParameters => _queue.Sum(t => t.NumberOfParameters);

    /// <inheritdoc />
    public override int NumberOfFixedParameters => _queue.Sum(t => t.NumberOfFixedParameters);

    /// <summary>Appends <paramref name="transform"/> to the back of the queue: it will be applied first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is null.</exception>
    /// <exception cref="ArgumentException">The transform is this composite.</exception>
    public void AddTransform(IParametricTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        if (ReferenceEquals(transform, this))
        {
            throw new ArgumentException("a composite transform cannot contain itself", nameof(transform));
        }

        _queue.Add(transform);
    }

    /// <inheritdoc />
    public override Vec3 TransformPoint(Vec3 point)
    {
        for (int k = _queue.Count - 1; k >= 0; k--)
        {
            point = _queue[k].TransformPoint(point);
        }

        return point;
    }

    /// <inheritdoc />
    public override void GetParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, NumberOfParameters, "parameter", nameof(destination));
        foreach (var (t, offset, n) in Slices(fixedParameters: false))
        {
            t.GetParameters(destination.Slice(offset, n));
        }
    }

    /// <inheritdoc />
    public override void SetParameters(ReadOnlySpan<double> parameters)
    {
        TransformArguments.CheckValues(parameters, NumberOfParameters, "parameters", NameOfClass);
        foreach (var (t, offset, n) in Slices(fixedParameters: false))
        {
            t.SetParameters(parameters.Slice(offset, n));
        }
    }

    /// <inheritdoc />
    public override void GetFixedParameters(Span<double> destination)
    {
        TransformArguments.CheckDestination(destination.Length, NumberOfFixedParameters, "fixed parameter", nameof(destination));
        foreach (var (t, offset, n) in Slices(fixedParameters: true))
        {
            t.GetFixedParameters(destination.Slice(offset, n));
        }
    }

    /// <inheritdoc />
    public override void SetFixedParameters(ReadOnlySpan<double> fixedParameters)
    {
        TransformArguments.CheckValues(fixedParameters, NumberOfFixedParameters, "fixed parameters", NameOfClass);
        foreach (var (t, offset, n) in Slices(fixedParameters: true))
        {
            t.SetFixedParameters(fixedParameters.Slice(offset, n));
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Chain rule: the block of sub-transform k is its own Jacobian at the point it sees
    /// (<c>T(k+1)(…T(n−1)(x))</c>), multiplied by the matrices of the transforms applied after it (M0·…·M(k−1)).
    /// </remarks>
    public override void ComputeJacobianWithRespectToParameters(Vec3 point, Span<double> jacobian)
    {
        int total = NumberOfParameters;
        TransformArguments.CheckDestination(jacobian.Length, 3 * total, "Jacobian", nameof(jacobian));
        int largest = _queue.Count == 0 ? 0 : _queue.Max(t => t.NumberOfParameters);
        Span<double> buffer = largest <= 32 ? stackalloc double[3 * largest] : new double[3 * largest];
        int offset = 0;
        Vec3 x = point;
        for (int k = _queue.Count - 1; k >= 0; k--)
        {
            IParametricTransform t = _queue[k];
            int n = t.NumberOfParameters;
            Span<double> local = buffer[..(3 * n)];
            t.ComputeJacobianWithRespectToParameters(x, local);
            Mat3 after = Mat3.Identity;
            for (int j = 0; j < k; j++)
            {
                after *= _queue[j].Matrix;
            }

            for (int p = 0; p < n; p++)
            {
                Vec3 column = after * new Vec3(local[p], local[n + p], local[2 * n + p]);
                TransformArguments.WriteColumn(jacobian, total, offset + p, column);
            }

            offset += n;
            x = t.TransformPoint(x);
        }
    }

    /// <inheritdoc />
    /// <remarks>Each sub-transform receives its slice of the update through its own rule (versors compose).</remarks>
    public override void UpdateTransformParameters(ReadOnlySpan<double> update, double factor = 1.0)
    {
        TransformArguments.CheckValues(update, NumberOfParameters, "update values", NameOfClass);
        foreach (var (t, offset, n) in Slices(fixedParameters: false))
        {
            t.UpdateTransformParameters(update.Slice(offset, n), factor);
        }
    }

    /// <inheritdoc cref="IParametricTransform.GetInverse" />
    /// <remarks>The inverses of the sub-transforms in reverse queue order (ITK <c>GetInverse</c>).</remarks>
    public override CompositeTransform GetInverse()
    {
        var inverse = new CompositeTransform();
        for (int k = _queue.Count - 1; k >= 0; k--)
        {
            inverse.AddTransform(_queue[k].GetInverse());
        }

        return inverse;
    }

    /// <inheritdoc cref="IParametricTransform.Clone" />
    /// <remarks>A deep copy: every sub-transform is cloned.</remarks>
    public override CompositeTransform Clone() => new(_queue.Select(t => t.Clone()));

    /// <summary>
    /// Each sub-transform with the position and length of its block in the composite's (fixed) parameter vector, in
    /// ITK's order: back of the queue (applied first) first.
    /// </summary>
    private IEnumerable<(IParametricTransform Transform, int Offset, int Count)> Slices(bool fixedParameters)
    {
        int offset = 0;
        for (int k = _queue.Count - 1; k >= 0; k--)
        {
            int n = fixedParameters ? _queue[k].NumberOfFixedParameters : _queue[k].NumberOfParameters;
            yield return (_queue[k], offset, n);
            offset += n;
        }
    }
}
