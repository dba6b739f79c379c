namespace MedImaging.Registration;

/// <summary>
/// ITK's <c>WindowConvergenceMonitoringFunction</c>: keeps the last <c>windowSize</c> metric values and the running
/// sum of the absolute values of every value added. Once the window is full, the window's values divided by that sum
/// are placed at t = n / (windowSize − 1) on [0, 1] and fitted by a single-level linear B-spline with two control
/// points (ITK's scattered-data B-spline approximation, Lee's multilevel B-spline weighting); the convergence value
/// is minus the fitted line's slope at t = 1. A value at or below the minimum means the energy stopped decreasing.
/// </summary>
internal sealed class WindowConvergenceMonitor
{
    private readonly Queue<double> _window;
    private readonly int _windowSize;
    private double _totalEnergy;

    public WindowConvergenceMonitor(int windowSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 2);
        _windowSize = windowSize;
        _window = new Queue<double>(windowSize + 1);
    }

    public void AddEnergyValue(double value)
    {
        _window.Enqueue(value);
        if (_window.Count > _windowSize)
        {
            _window.Dequeue();
        }

        _totalEnergy += Math.Abs(value);
    }

    /// <summary>Minus the slope of the fitted energy profile at the window's end; <see cref="double.MaxValue"/> until the window is full.</summary>
    public double ConvergenceValue()
    {
        if (_window.Count < _windowSize)
        {
            return double.MaxValue;
        }

        // Each point gives control point k the local value B_k·z / ΣB²; the control value is the B_k²-weighted mean.
        double numerator0 = 0, numerator1 = 0, denominator0 = 0, denominator1 = 0;
        int n = 0;
        foreach (double energy in _window)
        {
            double t = n++ / (double)(_windowSize - 1);
            double b0 = 1 - t, b1 = t;
            double z = energy / _totalEnergy;
            double sumSquares = (b0 * b0) + (b1 * b1);
            numerator0 += b0 * b0 * b0 * z / sumSquares;
            numerator1 += b1 * b1 * b1 * z / sumSquares;
            denominator0 += b0 * b0;
            denominator1 += b1 * b1;
        }

        return -((numerator1 / denominator1) - (numerator0 / denominator0));
    }
}
