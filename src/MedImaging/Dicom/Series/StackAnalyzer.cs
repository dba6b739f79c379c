using System.Globalization;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Sorts parallel slices along their normal and checks, from ImagePositionPatient alone, whether they form a
/// regular orthogonal grid: equal steps, no sideways shift (gantry tilt), no gaps, no stray duplicates. Repeated
/// positions with equal counts become several volumes (4-D). SliceThickness is never used.
/// </summary>
internal static class StackAnalyzer
{
    /// <summary>Default tolerance on positions, mm: the design's bound on how far a slice may sit from its grid place.</summary>
    public const double DefaultPositionTolerance = 0.01;

    /// <summary>Tolerance on the parallelism of slice normals (1 − cos of the angle between them).</summary>
    internal const double NormalTolerance = 1e-4;

    /// <summary>A step within this fraction of the median step from a whole multiple (≥ 2) of it means slices are missing.</summary>
    private const double GapMultipleTolerance = 0.1;

    /// <summary>Analyses a stack.</summary>
    /// <param name="slices">The slices, in the order that breaks ties between equal positions (e.g. by temporal
    /// position, then InstanceNumber): the k-th occurrence of a position goes to volume k.</param>
    /// <param name="positionTolerance">How far (mm) positions may stray from a regular grid and still count as on it.</param>
    /// <param name="names">The slices' file names, same order as <paramref name="slices"/>, to name the slices around a
    /// gap or an uneven step in the findings; null names none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="slices"/> is null.</exception>
    /// <exception cref="ArgumentException">No slices, or slices that are not parallel (split them first).</exception>
    /// <exception cref="InvalidOperationException">A slice has parallel or zero row and column directions
    /// (<see cref="SlicePlane.Normal"/>).</exception>
    public static StackLayout Analyze(IReadOnlyList<SlicePlane> slices, double positionTolerance = DefaultPositionTolerance, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count == 0)
        {
            throw new ArgumentException("a stack needs at least one slice", nameof(slices));
        }

        Vec3 normal = slices[0].Normal;
        for (int i = 1; i < slices.Count; i++)
        {
            if (1 - Math.Abs(Vec3.Dot(normal, slices[i].Normal)) > NormalTolerance)
            {
                throw new ArgumentException(
                    $"slice {i} has normal {slices[i].Normal}, slice 0 has {normal}: slices of one stack must be parallel", nameof(slices));
            }
        }

        var distance = new double[slices.Count];
        for (int i = 0; i < slices.Count; i++)
        {
            distance[i] = Vec3.Dot(slices[i].Position, normal);
        }

        int[] order = [.. Enumerable.Range(0, slices.Count).OrderBy(i => distance[i])];
        List<List<int>> groups = GroupPositions(order, distance, positionTolerance);
        var findings = new List<string>();
        var irregular = StackIrregularity.None;
        IReadOnlyList<IReadOnlyList<int>> volumes = SplitVolumes(groups, ref irregular, findings);

        IReadOnlyList<int> first = volumes[0];
        double[] distances = [.. first.Select(i => distance[i])];
        double spacing = 1;
        double maxPositionError = 0, maxShear = 0, tilt = 0;
        if (distances.Length > 1)
        {
            double span = distances[^1] - distances[0];
            double regularStep = span / (distances.Length - 1);
            double[] steps = [.. distances.Zip(distances.Skip(1), (a, b) => b - a)];
            double medianStep = Median(steps);
            double maxNormalError = 0;
            Vec3 start = slices[first[0]].Position;
            for (int k = 0; k < first.Count; k++)
            {
                Vec3 offset = slices[first[k]].Position - start;
                double along = Vec3.Dot(offset, normal);
                maxNormalError = Math.Max(maxNormalError, Math.Abs(along - k * regularStep));
                maxShear = Math.Max(maxShear, (offset - normal * along).Length);
                maxPositionError = Math.Max(maxPositionError, (offset - normal * (k * regularStep)).Length);
            }

            if (maxShear > positionTolerance)
            {
                Vec3 last = slices[first[^1]].Position - start;
                double along = Vec3.Dot(last, normal);
                tilt = Math.Atan2((last - normal * along).Length, Math.Abs(along)) * 180 / Math.PI;
                irregular |= StackIrregularity.GantryTilt;
                findings.Add(Format($"gantry tilt: slices shift up to {maxShear:F3} mm sideways in their plane (shear {tilt:F2} deg from the normal)"));
            }

            if (maxNormalError > positionTolerance)
            {
                irregular |= StackIrregularity.VariableSpacing;
                int worst = Enumerable.Range(0, steps.Length).MaxBy(k => Math.Abs(steps[k] - medianStep));
                findings.Add(Format($"variable spacing: steps from {steps.Min():F3} to {steps.Max():F3} mm along the normal (median {medianStep:F3} mm){Between(names, first, [worst], "; largest departure")}"));
                int[] gaps = [.. Enumerable.Range(0, steps.Length).Where(k => MissingBetween(steps[k], medianStep) > 0)];
                int missing = steps.Sum(s => MissingBetween(s, medianStep));
                if (missing > 0)
                {
                    irregular |= StackIrregularity.MissingSlices;
                    findings.Add(Format($"missing slices: about {missing} slice(s) absent where steps are whole multiples of the median step {medianStep:F3} mm{Between(names, first, gaps, "")}"));
                }
            }

            spacing = (irregular & (StackIrregularity.VariableSpacing | StackIrregularity.MissingSlices)) != 0 ? medianStep : regularStep;
        }

        return new StackLayout
        {
            Normal = normal,
            Distances = distances,
            Volumes = volumes,
            Irregularities = irregular,
            SliceSpacing = spacing,
            MaxShear = maxShear,
            TiltAngleDegrees = tilt,
            MaxPositionError = maxPositionError,
            Findings = findings,
        };
    }

    /// <summary>
    /// The slices grouped by position along the first slice's normal (within <paramref name="tolerance"/> mm), groups
    /// in ascending order, each group in the caller's order.
    /// </summary>
    internal static List<List<int>> PositionGroups(IReadOnlyList<SlicePlane> slices, double tolerance)
    {
        Vec3 normal = slices[0].Normal;
        double[] distance = [.. slices.Select(s => Vec3.Dot(s.Position, normal))];
        return GroupPositions([.. Enumerable.Range(0, slices.Count).OrderBy(i => distance[i])], distance, tolerance);
    }

    /// <summary>" between 'a' and 'b', …" for the steps <paramref name="steps"/> of <paramref name="order"/> (at most 3 named), or "" without names.</summary>
    private static string Between(IReadOnlyList<string>? names, IReadOnlyList<int> order, int[] steps, string lead)
    {
        if (names is null || steps.Length == 0)
        {
            return string.Empty;
        }

        string pairs = string.Join(", ", steps.Take(3).Select(k => $"between '{names[order[k]]}' and '{names[order[k + 1]]}'"));
        return $"{lead} {pairs}{(steps.Length > 3 ? $" and {steps.Length - 3} more" : string.Empty)}";
    }

    private static List<List<int>> GroupPositions(int[] order, double[] distance, double tolerance)
    {
        var groups = new List<List<int>>();
        foreach (int i in order)
        {
            if (groups.Count > 0 && distance[i] - distance[groups[^1][0]] <= tolerance)
            {
                groups[^1].Add(i);
            }
            else
            {
                groups.Add([i]);
            }
        }

        // Within a position, keep the caller's order (OrderBy is stable, but equal-within-tolerance distances may not be equal).
        foreach (List<int> g in groups)
        {
            g.Sort();
        }

        return groups;
    }

    private static IReadOnlyList<IReadOnlyList<int>> SplitVolumes(List<List<int>> groups, ref StackIrregularity irregular, List<string> findings)
    {
        int repeats = groups[0].Count;
        if (groups.TrueForAll(g => g.Count == repeats))
        {
            return [.. Enumerable.Range(0, repeats).Select(v => (IReadOnlyList<int>)[.. groups.Select(g => g[v])])];
        }

        irregular |= StackIrregularity.DuplicatePositions;
        int duplicated = groups.Count(g => g.Count > 1);
        findings.Add(Format($"duplicate positions: {duplicated} of {groups.Count} positions hold more than one slice, the others one; the first slice at each position is used"));
        return [[.. groups.Select(g => g[0])]];
    }

    /// <summary>j − 1 when <paramref name="step"/> is about j ≥ 2 median steps (j − 1 slices missing), else 0.</summary>
    private static int MissingBetween(double step, double medianStep)
    {
        double multiple = step / medianStep;
        int j = (int)Math.Round(multiple);
        return j >= 2 && Math.Abs(multiple - j) <= GapMultipleTolerance ? j - 1 : 0;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
