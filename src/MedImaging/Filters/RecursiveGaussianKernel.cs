using System.Numerics;

namespace MedImaging.Filters;

/// <summary>Which Gaussian the recursive filter approximates along one axis.</summary>
internal enum GaussianOrder
{
    /// <summary>The Gaussian itself (smoothing).</summary>
    Zero,

    /// <summary>Its first derivative (gradient component).</summary>
    First,
}

/// <summary>
/// Deriche's fourth-order recursive (IIR) approximation of a Gaussian and of its first derivative along one
/// image line, with the coefficients, normalisation and edge-extension boundary handling of ITK's
/// <c>RecursiveGaussianImageFilter</c> (R. Deriche, "Recursively implementing the Gaussian and its derivatives",
/// INRIA RR-1893, 1993; the normalisation makes the discrete response to a constant exactly 1 for order 0 and the
/// response to a ramp of 1 per mm exactly 1 for order 1: the derivative is per millimetre).
/// </summary>
internal sealed class RecursiveGaussianKernel
{
    // Deriche's fitted exponential-series constants (sigma = 1 voxel), shared by every order.
    private const double W1 = 0.6681, L1 = -1.3932, W2 = 2.0787, L2 = -1.3732;

    private RecursiveGaussianKernel()
    {
    }

    /// <summary>Causal numerator coefficients (x[i], x[i-1], x[i-2], x[i-3]).</summary>
    public double N0 { get; private set; }

    /// <inheritdoc cref="N0"/>
    public double N1 { get; private set; }

    /// <inheritdoc cref="N0"/>
    public double N2 { get; private set; }

    /// <inheritdoc cref="N0"/>
    public double N3 { get; private set; }

    /// <summary>Denominator (feedback) coefficients, shared by both passes.</summary>
    public double D1 { get; private set; }

    /// <inheritdoc cref="D1"/>
    public double D2 { get; private set; }

    /// <inheritdoc cref="D1"/>
    public double D3 { get; private set; }

    /// <inheritdoc cref="D1"/>
    public double D4 { get; private set; }

    /// <summary>Anti-causal numerator coefficients (x[i+1] … x[i+4]).</summary>
    public double M1 { get; private set; }

    /// <inheritdoc cref="M1"/>
    public double M2 { get; private set; }

    /// <inheritdoc cref="M1"/>
    public double M3 { get; private set; }

    /// <inheritdoc cref="M1"/>
    public double M4 { get; private set; }

    /// <summary>Steady-state feedback of a constant edge value, causal pass (stands in for y[-1] … y[-4]).</summary>
    public double BN1 { get; private set; }

    /// <inheritdoc cref="BN1"/>
    public double BN2 { get; private set; }

    /// <inheritdoc cref="BN1"/>
    public double BN3 { get; private set; }

    /// <inheritdoc cref="BN1"/>
    public double BN4 { get; private set; }

    /// <summary>Steady-state feedback of a constant edge value, anti-causal pass.</summary>
    public double BM1 { get; private set; }

    /// <inheritdoc cref="BM1"/>
    public double BM2 { get; private set; }

    /// <inheritdoc cref="BM1"/>
    public double BM3 { get; private set; }

    /// <inheritdoc cref="BM1"/>
    public double BM4 { get; private set; }

    /// <summary>
    /// Coefficients for a Gaussian of <paramref name="sigma"/> mm on a line of <paramref name="spacing"/> mm.
    /// With <paramref name="normalizeAcrossScale"/> the first derivative is multiplied by sigma (scale-space
    /// normalisation, ITK's <c>NormalizeAcrossScale</c>).
    /// </summary>
    public static RecursiveGaussianKernel Create(double sigma, double spacing, GaussianOrder order, bool normalizeAcrossScale)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be a positive number of millimetres");
        }

        if (!(spacing > 1e-8))
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be positive");
        }

        double s = sigma / spacing;
        double cos1 = Math.Cos(W1 / s), cos2 = Math.Cos(W2 / s), sin1 = Math.Sin(W1 / s), sin2 = Math.Sin(W2 / s);
        double exp1 = Math.Exp(L1 / s), exp2 = Math.Exp(L2 / s);

        var k = new RecursiveGaussianKernel
        {
            D4 = exp1 * exp1 * exp2 * exp2,
            D3 = (-2 * cos1 * exp1 * exp2 * exp2) + (-2 * cos2 * exp2 * exp1 * exp1),
            D2 = (4 * cos2 * cos1 * exp1 * exp2) + (exp1 * exp1) + (exp2 * exp2),
            D1 = -2 * ((exp2 * cos2) + (exp1 * cos1)),
        };
        double sd = 1.0 + k.D1 + k.D2 + k.D3 + k.D4;
        double dd = k.D1 + (2 * k.D2) + (3 * k.D3) + (4 * k.D4);

        // Numerator of the Gaussian (a = 1.3530, -0.3531; b = 1.8151, 0.0902) or of its derivative.
        (double a1, double b1, double a2, double b2) = order == GaussianOrder.Zero
            ? (1.3530, 1.8151, -0.3531, 0.0902)
            : (-0.6724, -3.4327, 0.6724, 0.6100);
        double n0 = a1 + a2;
        double n1 = (exp2 * ((b2 * sin2) - ((a2 + (2 * a1)) * cos2))) + (exp1 * ((b1 * sin1) - ((a1 + (2 * a2)) * cos1)));
        double n2 = (2 * exp1 * exp2 * (((a1 + a2) * cos2 * cos1) - ((b1 * cos2 * sin1) + (b2 * cos1 * sin2))))
                    + (a2 * exp1 * exp1) + (a1 * exp2 * exp2);
        double n3 = (exp2 * exp1 * exp1 * ((b2 * sin2) - (a2 * cos2))) + (exp1 * exp2 * exp2 * ((b1 * sin1) - (a1 * cos1)));
        double sn = n0 + n1 + n2 + n3;
        double dn = n1 + (2 * n2) + (3 * n3);

        // Normalise: the sum of the two passes' impulse responses is 1 (order 0), or their first moment is 1 (order 1).
        double alpha = order == GaussianOrder.Zero
            ? (2 * sn / sd) - n0
            : 2 * ((sn * dd) - (dn * sd)) / (sd * sd);
        // The first derivative comes out per voxel; dividing by the spacing makes it per mm (ITK divides the
        // filtered line by the spacing afterwards; folding it into the numerator is the same linear map).
        double scale = order == GaussianOrder.Zero ? 1.0 / alpha : (normalizeAcrossScale ? sigma : 1.0) / (alpha * spacing);
        k.N0 = n0 * scale;
        k.N1 = n1 * scale;
        k.N2 = n2 * scale;
        k.N3 = n3 * scale;

        // Anti-causal numerator: mirror of the causal one (even for order 0, odd for order 1).
        double sign = order == GaussianOrder.Zero ? 1.0 : -1.0;
        k.M1 = sign * (k.N1 - (k.D1 * k.N0));
        k.M2 = sign * (k.N2 - (k.D2 * k.N0));
        k.M3 = sign * (k.N3 - (k.D3 * k.N0));
        k.M4 = sign * -(k.D4 * k.N0);

        double sumN = k.N0 + k.N1 + k.N2 + k.N3;
        double sumM = k.M1 + k.M2 + k.M3 + k.M4;
        k.BN1 = k.D1 * sumN / sd;
        k.BN2 = k.D2 * sumN / sd;
        k.BN3 = k.D3 * sumN / sd;
        k.BN4 = k.D4 * sumN / sd;
        k.BM1 = k.D1 * sumM / sd;
        k.BM2 = k.D2 * sumM / sd;
        k.BM3 = k.D3 * sumM / sd;
        k.BM4 = k.D4 * sumM / sd;
        return k;
    }

    /// <summary>
    /// Filters <c>lanes</c> interleaved lines of <paramref name="n"/> samples: sample i of line l is at
    /// <c>i * lanes + l</c> in <paramref name="data"/>, <paramref name="output"/> and <paramref name="scratch"/>.
    /// Each <see cref="Vector{T}"/> holds the same sample index of <see cref="Vector{T}.Count"/> adjacent lines; lanes
    /// left over when <paramref name="lanes"/> is not a multiple of the width go through <see cref="FilterScalar"/>.
    /// Both paths evaluate the same expressions in the same order, so they agree bit for bit.
    /// </summary>
    public void Filter(ReadOnlySpan<double> data, Span<double> output, Span<double> scratch, int n, int lanes)
    {
        int width = Vector<double>.Count;
        int vectorLanes = Vector.IsHardwareAccelerated ? lanes / width * width : 0;
        for (int l = 0; l < vectorLanes; l += width)
        {
            FilterVector(data, output, scratch, n, lanes, l);
        }

        for (int l = vectorLanes; l < lanes; l++)
        {
            FilterScalar(data, output, scratch, n, lanes, l);
        }
    }

    /// <summary>Scalar reference: filters line <paramref name="lane"/> of the interleaved block.</summary>
    internal void FilterScalar(ReadOnlySpan<double> data, Span<double> output, Span<double> scratch, int n, int lanes, int lane)
    {
        double x0 = data[lane];
        for (int i = 0; i < n; i++)
        {
            double y = (N0 * At(data, i, n, lanes, lane)) + (N1 * At(data, i - 1, n, lanes, lane)) + (N2 * At(data, i - 2, n, lanes, lane)) + (N3 * At(data, i - 3, n, lanes, lane));
            double f1 = i >= 1 ? D1 * output[((i - 1) * lanes) + lane] : BN1 * x0;
            double f2 = i >= 2 ? D2 * output[((i - 2) * lanes) + lane] : BN2 * x0;
            double f3 = i >= 3 ? D3 * output[((i - 3) * lanes) + lane] : BN3 * x0;
            double f4 = i >= 4 ? D4 * output[((i - 4) * lanes) + lane] : BN4 * x0;
            output[(i * lanes) + lane] = y - (f1 + f2 + f3 + f4);
        }

        double xn = data[((n - 1) * lanes) + lane];
        for (int i = n - 1; i >= 0; i--)
        {
            double y = (M1 * At(data, i + 1, n, lanes, lane)) + (M2 * At(data, i + 2, n, lanes, lane)) + (M3 * At(data, i + 3, n, lanes, lane)) + (M4 * At(data, i + 4, n, lanes, lane));
            double f1 = i + 1 < n ? D1 * scratch[((i + 1) * lanes) + lane] : BM1 * xn;
            double f2 = i + 2 < n ? D2 * scratch[((i + 2) * lanes) + lane] : BM2 * xn;
            double f3 = i + 3 < n ? D3 * scratch[((i + 3) * lanes) + lane] : BM3 * xn;
            double f4 = i + 4 < n ? D4 * scratch[((i + 4) * lanes) + lane] : BM4 * xn;
            scratch[(i * lanes) + lane] = y - (f1 + f2 + f3 + f4);
        }

        for (int i = 0; i < n; i++)
        {
            output[(i * lanes) + lane] += scratch[(i * lanes) + lane];
        }
    }

    private void FilterVector(ReadOnlySpan<double> data, Span<double> output, Span<double> scratch, int n, int lanes, int lane)
    {
        Vector<double> x0 = new(data.Slice(lane));
        for (int i = 0; i < n; i++)
        {
            Vector<double> y = (N0 * VAt(data, i, n, lanes, lane)) + (N1 * VAt(data, i - 1, n, lanes, lane)) + (N2 * VAt(data, i - 2, n, lanes, lane)) + (N3 * VAt(data, i - 3, n, lanes, lane));
            Vector<double> f1 = i >= 1 ? D1 * new Vector<double>(output.Slice(((i - 1) * lanes) + lane)) : BN1 * x0;
            Vector<double> f2 = i >= 2 ? D2 * new Vector<double>(output.Slice(((i - 2) * lanes) + lane)) : BN2 * x0;
            Vector<double> f3 = i >= 3 ? D3 * new Vector<double>(output.Slice(((i - 3) * lanes) + lane)) : BN3 * x0;
            Vector<double> f4 = i >= 4 ? D4 * new Vector<double>(output.Slice(((i - 4) * lanes) + lane)) : BN4 * x0;
            (y - (f1 + f2 + f3 + f4)).CopyTo(output.Slice((i * lanes) + lane));
        }

        Vector<double> xn = new(data.Slice(((n - 1) * lanes) + lane));
        for (int i = n - 1; i >= 0; i--)
        {
            Vector<double> y = (M1 * VAt(data, i + 1, n, lanes, lane)) + (M2 * VAt(data, i + 2, n, lanes, lane)) + (M3 * VAt(data, i + 3, n, lanes, lane)) + (M4 * VAt(data, i + 4, n, lanes, lane));
            Vector<double> f1 = i + 1 < n ? D1 * new Vector<double>(scratch.Slice(((i + 1) * lanes) + lane)) : BM1 * xn;
            Vector<double> f2 = i + 2 < n ? D2 * new Vector<double>(scratch.Slice(((i + 2) * lanes) + lane)) : BM2 * xn;
            Vector<double> f3 = i + 3 < n ? D3 * new Vector<double>(scratch.Slice(((i + 3) * lanes) + lane)) : BM3 * xn;
            Vector<double> f4 = i + 4 < n ? D4 * new Vector<double>(scratch.Slice(((i + 4) * lanes) + lane)) : BM4 * xn;
            (y - (f1 + f2 + f3 + f4)).CopyTo(scratch.Slice((i * lanes) + lane));
        }

        for (int i = 0; i < n; i++)
        {
            int at = (i * lanes) + lane;
            (new Vector<double>(output.Slice(at)) + new Vector<double>(scratch.Slice(at))).CopyTo(output.Slice(at));
        }
    }

    /// <summary>Sample i of a line with constant extension beyond both ends.</summary>
    private static double At(ReadOnlySpan<double> data, int i, int n, int lanes, int lane) =>
        data[(Math.Clamp(i, 0, n - 1) * lanes) + lane];

    /// <summary>Sample i of <see cref="Vector{T}.Count"/> adjacent lines with constant extension.</summary>
    private static Vector<double> VAt(ReadOnlySpan<double> data, int i, int n, int lanes, int lane) =>
        new(data.Slice((Math.Clamp(i, 0, n - 1) * lanes) + lane));
}
